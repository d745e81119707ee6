/**
 * What sets a column apart from the rest of the table (or from another column): every column and
 * metric ranked by effect size (standardized mean difference for numbers, the largest difference in
 * share of one value otherwise), with both sides' values; the top 15, then all. Fields the
 * definitions themselves read are marked, and can be left out: their effects restate the rule.
 */
import { useMemo } from 'react';
import { apartChartOption, apartNote, APART_TOP } from '../../charts/apartChart';
import { EChart } from '../../charts/EChart';
import { palettes } from '../../charts/palette';
import { useWorkbench } from '../../store/react';
import { apartShown, apartTable } from './compareTables';
import { ModelTable } from './ModelTable';
import { tableCsvOf as csvOf } from './compareCsv';
import { SectionCard, useChartHandle } from './SectionCard';
import { usePart } from './usePart';

export function ApartSection() {
  const apart = useWorkbench((s) => s.compare!.apart);
  const theme = useWorkbench((s) => s.theme);
  const setApart = useWorkbench((s) => s.setApart);
  const { result: answer, busy, error, names } = usePart('apart');
  const own = answer?.features.filter((f) => f.inDefinition).length ?? 0;
  const result = useMemo(() => (answer ? apartShown(answer, apart.hideOwn) : null), [answer, apart.hideOwn]);
  const chart = useChartHandle();
  const sides = useMemo(() => {
    const column = result?.column ?? apart.column;
    const against = result?.against ?? apart.against;
    return { a: names[column] ?? '?', b: against === 'rest' ? 'the rest' : (names[against] ?? '?') };
  }, [result, apart, names]);
  const option = useMemo(
    () => (result ? apartChartOption(result, sides, palettes[theme]) : null),
    [result, sides, theme],
  );
  const model = useMemo(() => (result ? apartTable(result, sides) : null), [result, sides]);
  const controls = (
    <>
      <label className="small field-select">
        What sets{' '}
        <select
          value={apart.column}
          data-testid="apart-column"
          onChange={(e) => setApart({ column: Number(e.target.value) })}
        >
          {names.map((n, i) => (
            <option key={i} value={i}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="small field-select">
        apart from{' '}
        <select
          value={String(apart.against)}
          data-testid="apart-against"
          onChange={(e) => setApart({ against: e.target.value === 'rest' ? 'rest' : Number(e.target.value) })}
        >
          <option value="rest">the rest of the table</option>
          {names.map((n, i) =>
            i === apart.column ? null : (
              <option key={i} value={i}>
                {n}
              </option>
            ),
          )}
        </select>
      </label>
    </>
  );
  const total = result?.features.length ?? 0;
  return (
    <SectionCard
      title="What sets it apart"
      testId="compare-apart"
      controls={controls}
      files={{ suffix: 'apart', chart: chart.ref, csv: csvOf(model) }}
      busy={busy}
      error={error}
    >
      {result && (
        <p className="muted small note" data-testid="apart-note">
          {apartNote(result, sides, own > 0 && !apart.hideOwn)}
        </p>
      )}
      {own > 0 && (
        <label className="check small">
          <input
            type="checkbox"
            checked={apart.hideOwn}
            data-testid="apart-hide-own"
            onChange={(e) => setApart({ hideOwn: e.target.checked })}
          />{' '}
          Leave out the {own} {own === 1 ? 'field' : 'fields'} the definitions read
        </label>
      )}
      {option && (
        <EChart
          option={option}
          height={Math.min(APART_TOP, total) * 24 + 60}
          testId="apart-chart"
          onChart={chart.onChart}
        />
      )}
      {model && <ModelTable model={model} testId="apart-table" rowLimit={apart.showAll ? undefined : APART_TOP} />}
      {total > APART_TOP && (
        <button
          type="button"
          className="btn small"
          data-testid="apart-show-all"
          onClick={() => setApart({ showAll: !apart.showAll })}
        >
          {apart.showAll ? `Show the top ${APART_TOP}` : `Show all ${total}`}
        </button>
      )}
      {result && result.skipped.length > 0 && (
        <p className="muted small">Left out: {result.skipped.map((s) => `${s.field} (${s.reason})`).join(', ')}.</p>
      )}
    </SectionCard>
  );
}
