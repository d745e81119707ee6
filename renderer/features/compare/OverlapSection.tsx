/**
 * The overlap matrix: an ECharts heatmap of members in common (count, and colour by share of the
 * row's segment). A click on a cell shows its rows in the grid (A ∩ B; Shift+click: A without B;
 * the diagonal: A). The same matrix as a table of buttons, for the keyboard and screen readers.
 */
import { useMemo } from 'react';
import { overlapChartOption, overlapShare } from '../../charts/overlapChart';
import { EChart, type ChartClick } from '../../charts/EChart';
import { palettes } from '../../charts/palette';
import { formatCount, formatPercent } from '../../app/format';
import { useWorkbench } from '../../store/react';
import { overlapTable } from './compareTables';
import { tableCsvOf as csvOf } from './compareCsv';
import { SectionCard, useChartHandle } from './SectionCard';
import { useCompareColors } from './usePart';

export function OverlapSection() {
  const result = useWorkbench((s) => s.compare?.base?.result ?? null);
  const theme = useWorkbench((s) => s.theme);
  const show = useWorkbench((s) => s.showOverlapInGrid);
  const chart = useChartHandle();
  const option = useMemo(() => (result ? overlapChartOption(result, palettes[theme]) : null), [result, theme]);
  const colors = useCompareColors();
  const model = useMemo(() => (result ? overlapTable(result, colors) : null), [result, colors]);
  if (!result || !option || result.segments.length === 0) return null;
  const n = result.segments.length;
  const onClick = (e: ChartClick) => {
    const cell = e.data as { i?: number; j?: number } | undefined;
    if (typeof cell?.i === 'number' && typeof cell.j === 'number')
      show(cell.i, cell.j, e.shiftKey ? 'without' : 'both');
  };
  return (
    <SectionCard
      title="Overlap"
      testId="compare-overlap"
      files={{ suffix: 'overlap', chart: chart.ref, csv: csvOf(model) }}
    >
      <p className="muted small note">
        Members in common, and as a share of the row’s segment. Click a cell to see those rows in the grid; Shift+click
        for the row’s segment without the column’s.
      </p>
      <EChart
        option={option}
        height={Math.min(520, 90 + n * 46)}
        testId="overlap-chart"
        onClick={onClick}
        onChart={chart.onChart}
      />
      <details className="overlap-table">
        <summary className="small">As a table</summary>
        <table className="model-table" data-testid="overlap-table">
          <thead>
            <tr>
              <th scope="col">In ↓ also in →</th>
              {result.segments.map((c) => (
                <th key={c.name} scope="col">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.segments.map((a, i) => (
              <tr key={i}>
                <th scope="row">{a.name}</th>
                {result.segments.map((b, j) => (
                  <td key={j} className="num">
                    <button
                      type="button"
                      className="btn link-cell"
                      data-testid={`overlap-cell-${i}-${j}`}
                      title={i === j ? `Show ${a.name} in the grid` : `Show ${a.name} ∩ ${b.name} in the grid`}
                      onClick={() => show(i, j, 'both')}
                    >
                      {formatCount(result.overlap[i]?.[j] ?? 0)}{' '}
                      <span className="muted">{formatPercent(overlapShare(result, i, j))}</span>
                    </button>
                    {i !== j && (
                      <button
                        type="button"
                        className="btn link-cell muted"
                        data-testid={`overlap-without-${i}-${j}`}
                        title={`Show ${a.name} without ${b.name} in the grid`}
                        onClick={() => show(i, j, 'without')}
                      >
                        without: {formatCount(a.count - (result.overlap[i]?.[j] ?? 0))}
                      </button>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </SectionCard>
  );
}
