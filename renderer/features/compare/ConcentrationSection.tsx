/**
 * Concentration: the share of a measure held by the top 10%, 20% and 50% of each column's members,
 * and the Lorenz/Pareto curve ("which 20% of accounts raise 80% of our tickets").
 */
import { useMemo } from 'react';
import { concentrationChartOption } from '../../charts/concentrationChart';
import { EChart } from '../../charts/EChart';
import { palettes } from '../../charts/palette';
import { measureFields } from '../../store/compare/fields';
import { effectiveMeasure } from '../../store/compare/request';
import { useWorkbench } from '../../store/react';
import { concentrationTable } from './compareTables';
import { ModelTable } from './ModelTable';
import { FieldSelect } from './pickers';
import { tableCsvOf as csvOf } from './compareCsv';
import { SectionCard, useChartHandle } from './SectionCard';
import { usePart } from './usePart';

export function ConcentrationSection() {
  const v = useWorkbench((s) => s.compare!);
  const theme = useWorkbench((s) => s.theme);
  const setConcentration = useWorkbench((s) => s.setConcentration);
  const { result, busy, error, names, colors } = usePart('concentration');
  const chart = useChartHandle();
  const option = useMemo(
    () => (result ? concentrationChartOption(result, names, colors, palettes[theme]) : null),
    [result, names, colors, theme],
  );
  const model = useMemo(() => (result ? concentrationTable(result, names, colors) : null), [result, names, colors]);
  const controls = (
    <FieldSelect
      label="Of"
      value={effectiveMeasure(v, v.concentration.measure)}
      fields={measureFields(v.fields)}
      onChange={(measure) => setConcentration({ measure })}
      testId="concentration-measure"
    />
  );
  return (
    <SectionCard
      title={`Concentration${result ? ` of ${result.measure}` : ''}`}
      testId="compare-concentration"
      controls={controls}
      files={{ suffix: `concentration-${result?.measure ?? 'measure'}`, chart: chart.ref, csv: csvOf(model) }}
      busy={busy}
      error={error}
    >
      {model && <ModelTable model={model} testId="concentration-table" />}
      {option && <EChart option={option} height={360} testId="concentration-chart" onChart={chart.onChart} />}
    </SectionCard>
  );
}
