/**
 * Tier movement of a scheme between two snapshots (default the latest pair): the transition matrix
 * with new and gone keys as a heatmap or a Sankey, and the same matrix as a table of buttons (for
 * the keyboard). A cell or link opens the grid on those rows ("42 accounts moved Medium → High":
 * tier High at `to` whose key was in Medium at `from`).
 */
import { useMemo } from 'react';
import type { ChartClick } from '../../charts/EChart';
import { EChart } from '../../charts/EChart';
import { palettes } from '../../charts/palette';
import { fromTotals, tierHeatmapOption, tierMoves, tierSankeyOption } from '../../charts/tierMoveChart';
import { formatCount } from '../../app/format';
import { toTiersOf } from '../../store/overTime/gridViews';
import { resolvePair } from '../../store/overTime/targets';
import { useWorkbench } from '../../store/react';
import { tableCsvOf } from '../compare/compareCsv';
import { Segmented } from '../compare/pickers';
import { SectionCard, useChartHandle } from '../compare/SectionCard';
import { tierMatrixTable } from './overTimeTables';
import { SnapshotPair } from './pickers';
import { SchemePicker } from './SchemePicker';
import { useOverTimePart, useOverTimeSnapshots, useTierColors } from './useOverTime';

export function TiersSection() {
  const { result, busy, error } = useOverTimePart('tiers');
  const theme = useWorkbench((s) => s.theme);
  const chartKind = useWorkbench((s) => s.overTime?.tiers.chart ?? 'heatmap');
  const tiers = useWorkbench((s) => s.overTime?.tiers ?? null);
  const setTiers = useWorkbench((s) => s.setTiers);
  const show = useWorkbench((s) => s.showTierMoveInGrid);
  const snapshots = useOverTimeSnapshots();
  const chart = useChartHandle();
  const tierColor = useTierColors(result ? [...result.tiers, ...result.toTiers] : []);
  const option = useMemo(
    () =>
      result
        ? chartKind === 'sankey'
          ? tierSankeyOption(result, tierColor, palettes[theme])
          : tierHeatmapOption(result, palettes[theme])
        : null,
    [result, chartKind, theme, tierColor],
  );
  const model = useMemo(() => (result ? tierMatrixTable(result, tierColor) : null), [result, tierColor]);
  const pair = tiers ? resolvePair(snapshots, tiers.from, tiers.to) : null;
  const onClick = (e: ChartClick) => {
    const m = e.data as { i?: number; j?: number } | undefined;
    if (typeof m?.i === 'number' && typeof m.j === 'number') void show(m.i, m.j);
  };
  const n = result?.tiers.length ?? 3;
  return (
    <SectionCard
      title="Tier movement"
      testId="overtime-tiers"
      fileName={result ? `${result.segment ?? 'scheme'}-tiers` : 'tiers'}
      busy={busy}
      error={error}
      files={{
        suffix: `${chartKind}${result ? `-${result.fromAsOf.slice(0, 10)}-to-${result.toAsOf.slice(0, 10)}` : ''}`,
        chart: chart.ref,
        csv: tableCsvOf(model),
      }}
      controls={
        <>
          <SchemePicker testId="tiers-scheme" />
          {pair && (
            <SnapshotPair
              from={pair.from}
              to={pair.to}
              snapshots={snapshots}
              testId="tiers"
              onChange={(p) => setTiers(p)}
            />
          )}
          <Segmented
            label="Chart"
            testId="tiers-chart"
            value={chartKind}
            onChange={(chart) => setTiers({ chart })}
            options={[
              { value: 'heatmap', label: 'Matrix' },
              { value: 'sankey', label: 'Sankey' },
            ]}
          />
        </>
      }
    >
      {result && option && (
        <>
          <p className="muted small note">
            Where the rows of each tier as of {result.fromAsOf.slice(0, 10)} are as of {result.toAsOf.slice(0, 10)}{' '}
            (matched by key; new: keys not in the earlier snapshot, gone: not in the later). Click a{' '}
            {chartKind === 'sankey' ? 'link' : 'cell'} to see those rows in the grid.
          </p>
          <EChart
            option={option}
            height={chartKind === 'sankey' ? 340 : Math.min(460, 110 + (n + 1) * 44)}
            testId="tiers-chart-canvas"
            onClick={onClick}
            onChart={chart.onChart}
          />
          <MoveButtons />
        </>
      )}
    </SectionCard>
  );
}

/** The matrix as buttons: each cell shows its count and opens its rows in the grid. */
function MoveButtons() {
  const { result } = useOverTimePart('tiers');
  const show = useWorkbench((s) => s.showTierMoveInGrid);
  if (!result) return null;
  const moves = tierMoves(result);
  const at = (i: number, j: number) => moves.find((m) => m.i === i && m.j === j);
  const totals = fromTotals(result);
  const cell = (i: number, j: number) => {
    const m = at(i, j);
    if (!m) return <td key={j} />;
    return (
      <td key={j} className="num">
        <button
          type="button"
          className="btn link-cell"
          data-testid={`tier-move-${i}-${j}`}
          data-count={m.count}
          disabled={m.count === 0}
          title={m.tip}
          onClick={() => void show(i, j)}
        >
          {formatCount(m.count)}
        </button>
      </td>
    );
  };
  return (
    <details className="overlap-table">
      <summary className="small">As a table</summary>
      <table className="model-table" data-testid="tier-matrix">
        <thead>
          <tr>
            <th scope="col">From ↓ to →</th>
            {toTiersOf(result).map((t) => (
              <th key={t} scope="col" className="num">
                {t}
              </th>
            ))}
            <th scope="col" className="num">
              gone
            </th>
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {result.tiers.map((t, i) => (
            <tr key={t}>
              <th scope="row">{t}</th>
              {toTiersOf(result).map((_, j) => cell(i, j))}
              {cell(i, -1)}
              <td className="num">{formatCount(totals[i] ?? 0)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">new</th>
            {toTiersOf(result).map((_, j) => cell(-1, j))}
            <td />
            <td className="num">{formatCount(result.new.reduce((a, b) => a + b, 0))}</td>
          </tr>
        </tbody>
      </table>
    </details>
  );
}
