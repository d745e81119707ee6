/**
 * Small controls of the Over time view: a snapshot select (as-of dates, oldest first; options
 * outside the allowed range are disabled), and the pair of them a flow compares.
 */
import type { SnapshotRef } from '../../store/overTime/targets';

export function SnapshotSelect(props: {
  label: string;
  value: string;
  snapshots: readonly SnapshotRef[];
  disabled?: (index: number) => boolean;
  onChange: (id: string) => void;
  testId: string;
}) {
  return (
    <label className="small field-select">
      {props.label}{' '}
      <select value={props.value} data-testid={props.testId} onChange={(e) => props.onChange(e.target.value)}>
        {props.snapshots.map((s, i) => (
          <option key={s.id} value={s.id} disabled={props.disabled?.(i)} title={s.id}>
            {s.asOf}
          </option>
        ))}
      </select>
    </label>
  );
}

/** From and to: `to` after `from`; changing one keeps the other when the order still holds. */
export function SnapshotPair(props: {
  from: SnapshotRef;
  to: SnapshotRef;
  snapshots: readonly SnapshotRef[];
  onChange: (p: { from?: string; to?: string }) => void;
  testId: string;
}) {
  const fi = props.snapshots.findIndex((s) => s.id === props.from.id);
  const ti = props.snapshots.findIndex((s) => s.id === props.to.id);
  return (
    <span className="snapshot-pair">
      <SnapshotSelect
        label="From"
        value={props.from.id}
        snapshots={props.snapshots}
        disabled={(i) => i >= props.snapshots.length - 1}
        testId={`${props.testId}-from`}
        onChange={(id) => {
          const i = props.snapshots.findIndex((s) => s.id === id);
          props.onChange(i < ti ? { from: id } : { from: id, to: props.snapshots[i + 1]!.id });
        }}
      />
      <SnapshotSelect
        label="to"
        value={props.to.id}
        snapshots={props.snapshots}
        disabled={(i) => i === 0}
        testId={`${props.testId}-to`}
        onChange={(id) => {
          const i = props.snapshots.findIndex((s) => s.id === id);
          props.onChange(i > fi ? { to: id } : { to: id, from: props.snapshots[i - 1]!.id });
        }}
      />
    </span>
  );
}
