/**
 * Breakdown by a dimension: a text column's top values + Other + (empty), or a number or date
 * column in bins; members, or the sum or average of a measure, per category per column; grouped,
 * stacked or 100%-stacked bars (averages only grouped). A new dimension is one new request for this
 * part only.
 */
import { useMemo } from 'react';
import { breakdownChartOption, effectiveLayout } from '../../charts/breakdownChart';
import { EChart } from '../../charts/EChart';
import { palettes } from '../../charts/palette';
import { dimensionFields, measureFields } from '../../store/compare/fields';
import { effectiveMeasure } from '../../store/compare/request';
import type { BarLayout } from '../../store/compareTypes';
import { useWorkbench } from '../../store/react';
import { breakdownTable } from './compareTables';
import { ModelTable } from './ModelTable';
import { FieldSelect, Segmented } from './pickers';
import { tableCsvOf as csvOf } from './compareCsv';
import { SectionCard, useChartHandle } from './SectionCard';
import { usePart } from './usePart';

const VALUES = [
  { value: 'count' as const, label: 'Members' },
  { value: 'sum' as const, label: 'Sum' },
  { value: 'avg' as const, label: 'Average' },
];

export function BreakdownSection() {
  const v = useWorkbench((s) => s.compare!);
  const theme = useWorkbench((s) => s.theme);
  const setBreakdown = useWorkbench((s) => s.setBreakdown);
  const { result, busy, error, names, colors } = usePart('breakdown');
  const chart = useChartHandle();
  const b = v.breakdown;
  const layout = effectiveLayout(b.value, b.layout);
  const option = useMemo(
    () => (result ? breakdownChartOption(result, names, colors, layout, palettes[theme]) : null),
    [result, names, colors, layout, theme],
  );
  const model = useMemo(() => (result ? breakdownTable(result, names) : null), [result, names]);
  const layouts: { value: BarLayout; label: string; disabled?: boolean; title?: string }[] = [
    { value: 'grouped', label: 'Grouped' },
    {
      value: 'stacked',
      label: 'Stacked',
      disabled: b.value === 'avg',
      title: b.value === 'avg' ? 'Averages do not add up' : undefined,
    },
    {
      value: 'percent',
      label: '100%',
      disabled: b.value === 'avg',
      title: b.value === 'avg' ? 'Averages do not add up' : 'Each column as shares of its total',
    },
  ];
  const controls = (
    <>
      <FieldSelect
        label="By"
        value={b.column}
        fields={dimensionFields(v.fields)}
        onChange={(column) => setBreakdown({ column })}
        testId="breakdown-column"
      />
      <Segmented
        label="Value"
        value={b.value}
        options={VALUES}
        onChange={(value) => setBreakdown({ value })}
        testId="breakdown-value"
      />
      {b.value !== 'count' && (
        <FieldSelect
          label="of"
          value={effectiveMeasure(v, b.measure)}
          fields={measureFields(v.fields)}
          onChange={(measure) => setBreakdown({ measure })}
          testId="breakdown-measure"
        />
      )}
      <Segmented
        label="Layout"
        value={layout}
        options={layouts}
        onChange={(l) => setBreakdown({ layout: l })}
        testId="breakdown-layout"
      />
    </>
  );
  return (
    <SectionCard
      title={`Breakdown${result ? ` by ${result.column}` : ''}`}
      testId="compare-breakdown"
      controls={controls}
      files={{ suffix: `breakdown-${b.column ?? 'none'}`, chart: chart.ref, csv: csvOf(model) }}
      busy={busy}
      error={error}
    >
      {!b.column && <p className="muted">Choose a column to break the comparison down by.</p>}
      {option && <EChart option={option} height={380} testId="breakdown-chart" onChart={chart.onChart} />}
      {result && result.family !== 'text' && result.family !== 'boolean' && (
        <p className="muted small note">
          {result.family === 'date' ? 'Dates' : 'Numbers'} in equal-width bins; the last bin includes its end.
        </p>
      )}
      {model && (
        <details>
          <summary className="small">As a table</summary>
          <ModelTable model={model} testId="breakdown-table" />
        </details>
      )}
    </SectionCard>
  );
}
