/**
 * Trends: per followed segment or tier, members, share and KPIs on every snapshot, measured with
 * one version (recorded in the measurement log, so the history is comparable), beside the other
 * versions as recorded (dashed, one series per version, marked with its version). The chart plots
 * one metric; the table below has them all; the trend and the whole measurement log save as CSV.
 */
import { useMemo, useState } from 'react';
import { EChart } from '../../charts/EChart';
import { palettes } from '../../charts/palette';
import { targetColorKey } from '../../charts/segmentColors';
import { trendChartOption } from '../../charts/trendChart';
import { useViewColors } from '../segments/useSegmentColors';
import { formatCount } from '../../app/format';
import { compareFields, measureFields } from '../../store/compare/fields';
import { guessKey } from '../../store/builder/conditions';
import { metricLabel, trendMetrics, trendSeries } from '../../store/overTime/trends';
import type { TrendMetric } from '../../store/overTimeTypes';
import { useWorkbench } from '../../store/react';
import { tableCsvOf } from '../compare/compareCsv';
import { ModelTable } from '../compare/ModelTable';
import { SectionCard, useChartHandle } from '../compare/SectionCard';
import { logCsv, logRecords, logTable, trendCsv, trendTable } from './overTimeTables';
import { useOverTimePart } from './useOverTime';

export function TrendsSection() {
  const { result, busy, error } = useOverTimePart('trends');
  const metric = useWorkbench((s) => s.overTime?.trend.metric ?? 'count');
  const asRecorded = useWorkbench((s) => s.overTime?.trend.asRecorded ?? true);
  const setTrend = useWorkbench((s) => s.setTrend);
  const theme = useWorkbench((s) => s.theme);
  const chart = useChartHandle();
  // A metric of a measure the answer lacks (just added, on its way) plots members meanwhile.
  const shown: TrendMetric = result && trendMetrics(result.measures).includes(metric) ? metric : 'count';
  const series = useMemo(() => (result ? trendSeries(result, shown) : null), [result, shown]);
  const colors = useViewColors(result ? result.targets.map((d) => targetColorKey(d.target, d.segmentId)) : []);
  const option = useMemo(
    () =>
      result && series
        ? trendChartOption({ snapshots: result.snapshots, series, metric: shown, asRecorded, colors }, palettes[theme])
        : null,
    [result, series, shown, asRecorded, colors, theme],
  );
  const allSeries = useMemo(() => (result ? trendSeries(result, 'count') : null), [result]);
  const table = useMemo(() => (result && allSeries ? trendTable(result, allSeries) : null), [result, allSeries]);
  const log = useMemo(() => (result ? logRecords(result) : []), [result]);
  const [logOpen, setLogOpen] = useState(false);
  const logModel = useMemo(() => (logOpen ? logTable(log) : null), [log, logOpen]);
  if (!result || !option || !series)
    return error ? null : <p className="muted small pad">{busy ? 'Reading the measurement log…' : ''}</p>;
  const versions = series.map((s) => `${s.label} v${s.version}`).join(', ');
  const hasRecorded = series.some((s) => s.recorded.some((r) => r.values.some((v) => v !== null)));
  return (
    <>
      <SectionCard
        title="Trends"
        testId="overtime-trends"
        fileName="trends"
        busy={busy}
        error={error}
        files={{
          suffix: shown.replace(':', '-'),
          chart: chart.ref,
          csv: allSeries ? () => trendCsv(result, allSeries) : null,
        }}
        controls={
          <>
            <label className="small field-select">
              Plot{' '}
              <select
                value={shown}
                data-testid="trend-metric"
                onChange={(e) => setTrend({ metric: e.target.value as TrendMetric })}
              >
                {trendMetrics(result.measures).map((m) => (
                  <option key={m} value={m}>
                    {metricLabel(m)}
                  </option>
                ))}
              </select>
            </label>
            <TrendMeasures />
            <label
              className="small check"
              title="Other versions, each on the snapshots it was measured on when it was current"
            >
              <input
                type="checkbox"
                data-testid="trend-as-recorded"
                checked={asRecorded}
                onChange={(e) => setTrend({ asRecorded: e.target.checked })}
              />{' '}
              as recorded
            </label>
          </>
        }
      >
        <EChart option={option} height={330} testId="trend-chart" onChart={chart.onChart} />
        <p className="muted small note" data-testid="trend-note">
          Solid: measured with one version on every snapshot ({versions}), so the points compare.
          {asRecorded && hasRecorded
            ? ' Dashed: other versions as recorded, each on the snapshots it ran on, marked with its version.'
            : ''}
          {result.measured > 0
            ? ` ${formatCount(result.measured)} measurement${result.measured === 1 ? '' : 's'} recorded just now.`
            : ' Read from the measurement log (nothing needed measuring).'}
        </p>
      </SectionCard>
      {table && (
        <SectionCard
          title="Per snapshot"
          testId="overtime-trend-table"
          fileName="trends"
          files={{ suffix: 'per-snapshot', csv: tableCsvOf(table) }}
          busy={busy}
        >
          <ModelTable model={table} testId="trend-table" />
        </SectionCard>
      )}
      <SectionCard
        title={`Measurement log (${formatCount(log.length)})`}
        testId="overtime-log"
        fileName="measurement-log"
        files={{ suffix: 'all', csv: () => logCsv(log) }}
      >
        <details onToggle={(e) => setLogOpen((e.currentTarget as HTMLDetailsElement).open)}>
          <summary className="small">Every recorded measurement of these definitions, newest first</summary>
          {/* Up to 500 rows of DOM: built when opened, not with every trend drawn. */}
          {logModel && <ModelTable model={logModel} testId="measurement-log" rowLimit={500} />}
        </details>
      </SectionCard>
    </>
  );
}

function TrendMeasures() {
  const measures = useWorkbench((s) => s.overTime?.measures);
  const table = useWorkbench((s) => s.tables.find((t) => t.name === s.overTime?.table) ?? null);
  const toggle = useWorkbench((s) => s.toggleOverTimeMeasure);
  const options = useMemo(
    () =>
      table
        ? measureFields(compareFields(table.name, table.columns, guessKey(table.name, table.columns))).filter(
            (f) => f.kind === 'column',
          )
        : [],
    [table],
  );
  if (!measures) return null;
  return (
    <span className="measure-picker" data-testid="trend-measures">
      <span className="small muted">KPIs</span>
      {measures.map((m) => (
        <span key={m} className="chip removable" data-testid={`trend-measure-${m}`}>
          {m}
          <button type="button" className="chip-x" aria-label={`Stop measuring ${m}`} onClick={() => toggle(m)}>
            ✕
          </button>
        </span>
      ))}
      {measures.length < 10 && (
        <select
          value=""
          aria-label="Measure another column"
          data-testid="trend-measure-add"
          onChange={(e) => e.target.value && toggle(e.target.value)}
        >
          <option value="">+ KPI</option>
          {options
            .filter((f) => !measures.includes(f.name))
            .map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
        </select>
      )}
    </span>
  );
}
