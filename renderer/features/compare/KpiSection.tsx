/**
 * The KPI table: for the whole table, each column and (with one column) the rest of the table:
 * members, share, and per chosen measure its sum, average, median and the average's index to the
 * whole table's. The measure picker adds and removes measures (numeric columns, the definitions'
 * metrics). Its CSV is the one `segwb compare --csv` prints.
 */
import { useMemo } from 'react';
import { measureFields } from '../../store/compare/fields';
import { MAX_MEASURES } from '../../store/compareSlice';
import { useWorkbench } from '../../store/react';
import { kpiTable } from './compareTables';
import { ModelTable } from './ModelTable';
import { kpiCsv } from './compareCsv';
import { SectionCard } from './SectionCard';
import { useCompareColors } from './usePart';

export function KpiSection() {
  const result = useWorkbench((s) => s.compare?.base?.result ?? null);
  const busy = useWorkbench((s) => s.compare?.pending !== null && s.compare?.pending?.partKey === null);
  // The measures the answer holds (those asked for may be on their way).
  const answered = useMemo(() => (result ? Object.keys(result.baseline.measures) : []), [result]);
  const colors = useCompareColors();
  const model = useMemo(() => (result ? kpiTable(result, answered, colors) : null), [result, answered, colors]);
  if (!result || !model) return null;
  return (
    <SectionCard
      title="Key figures"
      testId="compare-kpis"
      controls={<MeasurePicker />}
      files={{ suffix: 'kpis', csv: () => kpiCsv(result) }}
      busy={busy}
    >
      <ModelTable model={model} testId="kpi-table" />
      <p className="muted small note">
        Index: a column’s average over the whole table’s (1.24× = 24% above). Hover a number for its exact value.
      </p>
    </SectionCard>
  );
}

function MeasurePicker() {
  const measures = useWorkbench((s) => s.compare?.measures ?? []);
  const fields = useWorkbench((s) => s.compare?.fields ?? []);
  const toggle = useWorkbench((s) => s.toggleCompareMeasure);
  const options = useMemo(() => measureFields(fields).filter((f) => !measures.includes(f.name)), [fields, measures]);
  return (
    <span className="measure-picker" data-testid="measure-picker">
      <span className="small muted">Measures</span>
      {measures.map((m) => (
        <span key={m} className="chip removable" data-testid={`measure-${m}`}>
          {m}
          <button
            type="button"
            className="chip-x"
            aria-label={`Remove measure ${m}`}
            data-testid={`measure-remove-${m}`}
            onClick={() => toggle(m)}
          >
            ✕
          </button>
        </span>
      ))}
      {measures.length < MAX_MEASURES && options.length > 0 && (
        <select
          value=""
          aria-label="Add a measure"
          data-testid="measure-add"
          onChange={(e) => e.target.value && toggle(e.target.value)}
        >
          <option value="">+ measure</option>
          {options.map((f) => (
            <option key={f.name} value={f.name}>
              {f.name}
              {f.kind === 'metric' ? ' (metric)' : ''}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}
