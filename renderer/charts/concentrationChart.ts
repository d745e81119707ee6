/**
 * Concentration as a Pareto/Lorenz curve per column (pure, tested without a DOM): x is the top x%
 * of a column's members ranked by the measure, y the share of the column's total they hold; the
 * whole table dashed grey, and the diagonal of an even spread dotted. A column whose measure has no
 * values has no curve.
 */
import type { ConcentrationResult } from '../../shared/api/compareApi';
import { formatPercent } from '../app/format';
import {
  axisStyle,
  baseOption,
  legendStyle,
  percentLabel,
  tooltipStyle,
  valueAxisStyle,
  type ChartOption,
} from './compareBase';
import { WHOLE_TABLE } from './breakdownChart';
import type { ChartPalette } from './palette';

export const EVEN_SPREAD = 'Even spread';

/** [share of members, share of the total] from the origin on; none for a column without values (null curve). */
export function curvePoints(points: readonly number[], curve: readonly (number | null)[]): [number, number][] {
  if (curve.length === 0 || curve.every((v) => v === null)) return [];
  return [
    [0, 0],
    ...points
      .map((x, k): [number, number | null] => [x, curve[k] ?? null])
      .filter((p): p is [number, number] => p[1] !== null),
  ];
}

export function concentrationChartOption(
  c: ConcentrationResult,
  columns: readonly string[],
  colors: readonly string[],
  p: ChartPalette,
  background?: string,
): ChartOption {
  const axis = axisStyle(p);
  return {
    ...baseOption(p, background),
    legend: legendStyle(p),
    grid: { left: 8, right: 20, top: 24, bottom: 52, containLabel: true },
    tooltip: { ...tooltipStyle(p), trigger: 'axis', valueFormatter: (v: number) => formatPercent(v) },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'top x% of members',
      nameLocation: 'middle',
      nameGap: 22,
      ...axis,
      axisLabel: { ...axis.axisLabel, formatter: percentLabel },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: `share of ${c.measure}`,
      ...valueAxisStyle(p),
      axisLabel: { ...axis.axisLabel, formatter: percentLabel },
    },
    series: [
      ...columns.map((name, i) => ({
        type: 'line',
        name,
        data: curvePoints(c.points, c.curves[i] ?? []),
        showSymbol: false,
        lineStyle: { width: 2, color: colors[i] ?? p.bar },
        itemStyle: { color: colors[i] ?? p.bar },
      })),
      {
        type: 'line',
        name: WHOLE_TABLE,
        data: curvePoints(c.points, c.baseline.curve),
        showSymbol: false,
        lineStyle: { width: 2, type: 'dashed', color: p.baseline },
        itemStyle: { color: p.baseline },
      },
      {
        type: 'line',
        name: EVEN_SPREAD,
        data: [
          [0, 0],
          [1, 1],
        ],
        showSymbol: false,
        silent: true,
        lineStyle: { width: 1, type: 'dotted', color: p.muted },
        itemStyle: { color: p.muted },
      },
    ],
  };
}
