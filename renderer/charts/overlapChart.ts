/**
 * The overlap matrix as a heatmap: cell (row A, column B) holds the members of A also in B, as a
 * count and as a share of A (the colour). Rows read top-down in column order; the diagonal is each
 * column's own count (100%). Each cell carries its row and column index for the click that shows
 * its rows in the grid, and its tooltip text. Pure: tested without a DOM.
 */
import type { CompareResult } from '../../shared/api/compareApi';
import { formatCount, formatPercent } from '../app/format';
import { axisStyle, baseOption, categoryLabels, tooltipStyle, type ChartOption } from './compareBase';
import type { ChartPalette } from './palette';

export interface OverlapCell {
  value: [number, number, number];
  i: number;
  j: number;
  count: number;
  tip: string;
  label: { formatter: string; color: string };
}

/** Share of row i's members that are also in column j (0 when i has none). */
export function overlapShare(r: Pick<CompareResult, 'overlap' | 'segments'>, i: number, j: number): number {
  const n = r.segments[i]?.count ?? 0;
  return n > 0 ? (r.overlap[i]?.[j] ?? 0) / n : 0;
}

export function overlapCells(r: Pick<CompareResult, 'overlap' | 'segments'>, p: ChartPalette): OverlapCell[] {
  const names = r.segments.map((s) => s.name);
  const cells: OverlapCell[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = 0; j < names.length; j++) {
      const count = r.overlap[i]?.[j] ?? 0;
      const share = overlapShare(r, i, j);
      const without = (r.segments[i]?.count ?? 0) - count;
      const tip =
        i === j
          ? `${names[i]}: ${formatCount(count)} members\nClick: show them in the grid`
          : `${names[i]} ∩ ${names[j]}: ${formatCount(count)} (${formatPercent(share)} of ${names[i]})\n${names[i]} without ${names[j]}: ${formatCount(without)}\nClick: rows in both · Shift+click: ${names[i]} without ${names[j]}`;
      // Dark text on light cells, light text on dark ones.
      cells.push({
        value: [j, i, share],
        i,
        j,
        count,
        tip,
        label: {
          formatter: `${formatCount(count)}\n${formatPercent(share)}`,
          color: share > 0.55 ? '#ffffff' : p.text,
        },
      });
    }
  }
  return cells;
}

export function overlapChartOption(
  r: Pick<CompareResult, 'overlap' | 'segments'>,
  p: ChartPalette,
  background?: string,
): ChartOption {
  const names = r.segments.map((s) => s.name);
  const axis = axisStyle(p);
  return {
    ...baseOption(p, background),
    grid: { left: 8, right: 12, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipStyle(p),
      formatter: (params: { data?: OverlapCell }) => (params.data?.tip ?? '').replace(/\n/g, '<br>'),
    },
    xAxis: {
      type: 'category',
      data: names,
      position: 'top',
      ...axis,
      axisLabel: { ...categoryLabels(p, 90), interval: 0, rotate: names.length > 5 ? 30 : 0 },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      ...axis,
      axisLabel: { ...categoryLabels(p, 130), interval: 0 },
    },
    visualMap: { show: false, min: 0, max: 1, dimension: 2, inRange: { color: [p.heatLow, p.heatHigh] } },
    series: [
      {
        type: 'heatmap',
        name: 'overlap',
        data: overlapCells(r, p),
        label: { show: true, fontSize: names.length > 8 ? 10 : 11, lineHeight: 14 },
        itemStyle: { borderColor: p.paper, borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } },
        cursor: 'pointer',
      },
    ],
  };
}
