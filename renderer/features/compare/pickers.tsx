/**
 * Small controls of the compare view: a field select (columns, then metrics marked as such), and a
 * segmented choice of a few options.
 */
import type { CompareField } from '../../store/compare/fields';

export function FieldSelect(props: {
  label: string;
  value: string | null;
  fields: readonly CompareField[];
  onChange: (name: string) => void;
  testId: string;
  placeholder?: string;
}) {
  return (
    <label className="small field-select">
      {props.label}{' '}
      <select
        value={props.value ?? ''}
        data-testid={props.testId}
        onChange={(e) => e.target.value && props.onChange(e.target.value)}
      >
        {props.value === null && <option value="">{props.placeholder ?? 'Choose…'}</option>}
        {props.value !== null && !props.fields.some((f) => f.name === props.value) && (
          <option value={props.value}>{props.value}</option>
        )}
        {props.fields.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
            {f.kind === 'metric' ? ' (metric)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Segmented<T extends string>(props: {
  value: T;
  options: readonly { value: T; label: string; disabled?: boolean; title?: string }[];
  onChange: (v: T) => void;
  testId: string;
  label: string;
}) {
  return (
    <span className="segmented" role="radiogroup" aria-label={props.label}>
      {props.options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={props.value === o.value}
          className={`btn small${props.value === o.value ? ' on' : ''}`}
          disabled={o.disabled}
          title={o.title}
          data-testid={`${props.testId}-${o.value}`}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </span>
  );
}
