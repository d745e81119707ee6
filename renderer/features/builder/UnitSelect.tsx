/** Picker of a relative-time unit (day, week, month, quarter, year), shared by conditions and metric windows. */
import { UNITS } from '../../../shared/segments/model';

export type Unit = (typeof UNITS)[number];

export function UnitSelect(props: { label: string; value: Unit; onChange: (unit: Unit) => void; testId?: string }) {
  return (
    <select
      aria-label={props.label}
      data-testid={props.testId}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as Unit)}
    >
      {UNITS.map((u) => (
        <option key={u} value={u}>
          {u}s
        </option>
      ))}
    </select>
  );
}
