/**
 * A measure's distribution per column: a box plot of the exact quartiles, or a histogram over bins
 * shared by every column (shares of each column's members); the quartiles as a table.
 */
import { useMemo } from 'react';
import { boxChartOption, histogramChartOption } from '../../charts/distributionChart';
import { EChart } from '../../charts/EChart';
import { palettes } from '../../charts/palette';
import { measureFields } from '../../store/compare/fields';
import { effectiveMeasure } from '../../store/compare/request';
import { useWorkbench } from '../../store/react';
import { histogramTable, quartileTable } from './compareTables';
import { ModelTable } from './ModelTable';
import { FieldSelect, Segmented } from './pickers';
import { tableCsvOf as csvOf } from './compareCsv';
import { SectionCard, useChartHandle } from './SectionCard';
import { usePart } from './usePart';

const CHARTS = [
  { value: 'box' as const, label: 'Box plot' },
  { value: 'histogram' as const, label: 'Histogram' },
];
const BINS = [
  { value: '10', label: '10' },
  { value: '20', label: '20' },
  { value: '50', label: '50' },
];

export function DistributionSection() {
  const v = useWorkbench((s) => s.compare!);
  const theme = useWorkbench((s) => s.theme);
  const setDistribution = useWorkbench((s) => s.setDistribution);
  const { result, busy, error, names, colors } = usePart('distribution');
  const chart = useChartHandle();
  const d = v.distribution;
  const option = useMemo(() => {
    if (!result) return null;
    return d.chart === 'box'
      ? boxChartOption(result, names, colors, palettes[theme])
      : histogramChartOption(result, names, colors, palettes[theme]);
  }, [result, names, colors, theme, d.chart]);
  const quartiles = useMemo(() => (result ? quartileTable(result, names, colors) : null), [result, names, colors]);
  const histogram = useMemo(
    () => (result && d.chart === 'histogram' ? histogramTable(result, names) : null),
    [result, names, d.chart],
  );
  const controls = (
    <>
      <FieldSelect
        label="Of"
        value={effectiveMeasure(v, d.measure)}
        fields={measureFields(v.fields)}
        onChange={(measure) => setDistribution({ measure })}
        testId="distribution-measure"
      />
      <Segmented
        label="Chart"
        value={d.chart}
        options={CHARTS}
        onChange={(chart) => setDistribution({ chart })}
        testId="distribution-chart-kind"
      />
      {d.chart === 'histogram' && (
        <Segmented
          label="Bins"
          value={String(d.bins)}
          options={BINS}
          onChange={(bins) => setDistribution({ bins: Number(bins) })}
          testId="distribution-bins"
        />
      )}
    </>
  );
  return (
    <SectionCard
      title={`Distribution${result ? ` of ${result.measure}` : ''}`}
      testId="compare-distribution"
      controls={controls}
      files={{
        suffix: `${d.chart}-${result?.measure ?? 'measure'}`,
        chart: chart.ref,
        csv: csvOf(histogram ?? quartiles),
      }}
      busy={busy}
      error={error}
    >
      {option && <EChart option={option} height={360} testId="distribution-chart" onChart={chart.onChart} />}
      {quartiles && <ModelTable model={quartiles} testId="quartile-table" />}
    </SectionCard>
  );
}
