/**
 * The threshold explorer's curves (pure, tested without a DOM): x is the condition's threshold over
 * the field's range, one step per point of the engine's quantile grid (so a skewed field — days
 * since, amounts — spreads over the width instead of crowding at one end; the labels are the
 * thresholds), the left axis the segment's members at that threshold (every other condition held),
 * the right axis the outcome (a share of those members in another segment, or a measure's average
 * over them), and a vertical line at today's threshold. A click anywhere over the plot picks the
 * point under it (pointAt), not only a click on a 5-pixel symbol.
 */
import type { ThresholdResult } from '../../shared/api/overTimeApi';
import { formatCount, formatNumber, formatPercent } from '../app/format';
import {
  amountLabel,
  axisStyle,
  baseOption,
  legendStyle,
  percentLabel,
  tooltipStyle,
  type ChartOption,
} from './compareBase';
import type { ChartPalette } from './palette';

export const OP_SIGNS: Record<ThresholdResult['op'], string> = { lt: '<', lte: '≤', gt: '>', gte: '≥' };

/** The point at x on the category axis (an index; clicks between two round to the nearer), null without points. */
export function pointAt<P>(points: readonly P[], x: number): P | null {
  if (points.length === 0 || !Number.isFinite(x)) return null;
  return points[Math.min(points.length - 1, Math.max(0, Math.round(x)))] ?? null;
}

/** Where today's threshold sits on the axis: its point, else the nearest threshold's (a value typed by hand). */
export function currentIndex(points: readonly { threshold: number }[], current: number): number {
  let best = -1;
  points.forEach((pt, i) => {
    if (best < 0 || Math.abs(pt.threshold - current) < Math.abs(points[best]!.threshold - current)) best = i;
  });
  return best;
}

export interface ThresholdChartInput {
  result: ThresholdResult;
  /** The threshold the draft has now (moves without a new curve when a point is applied). */
  current: number;
  /** How the outcome reads: a share (segment) or an amount (measure); null: no outcome curve. */
  outcome: { kind: 'share' | 'amount'; name: string } | null;
}

export function thresholdChartOption(input: ThresholdChartInput, p: ChartPalette, background?: string): ChartOption {
  const { result: r, current, outcome } = input;
  const axis = axisStyle(p);
  const sign = OP_SIGNS[r.op];
  const outcomeText = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : outcome?.kind === 'share' ? formatPercent(v) : formatNumber(v);
  const series: object[] = [
    {
      type: 'line',
      name: 'members',
      yAxisIndex: 0,
      data: r.points.map((pt) => pt.count),
      showSymbol: true,
      symbolSize: 5,
      lineStyle: { width: 2, color: p.bar },
      itemStyle: { color: p.bar },
      areaStyle: { color: p.bar, opacity: 0.08 },
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: p.text, type: 'dashed', width: 1 },
        label: { formatter: `now ${sign} ${formatNumber(current)}`, color: p.text, fontSize: 11 },
        data: [{ xAxis: currentIndex(r.points, current) }],
      },
    },
  ];
  if (outcome) {
    series.push({
      type: 'line',
      name: outcome.name,
      yAxisIndex: 1,
      data: r.points.map((pt) => pt.outcome ?? null),
      connectNulls: false,
      showSymbol: false,
      lineStyle: { width: 2, type: 'dashed', color: '#f28e2b' },
      itemStyle: { color: '#f28e2b' },
    });
  }
  return {
    ...baseOption(p, background),
    legend: { ...legendStyle(p), show: outcome !== null },
    grid: { left: 8, right: outcome ? 8 : 16, top: 26, bottom: outcome ? 52 : 30, containLabel: true },
    tooltip: {
      ...tooltipStyle(p),
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const pt = r.points[params[0]?.dataIndex ?? -1];
        if (!pt) return '';
        const lines = [
          `${r.field} ${sign} ${formatNumber(pt.threshold)}`,
          `${formatCount(pt.count)} members${pt.share === null ? '' : ` (${formatPercent(pt.share)})`}`,
        ];
        if (outcome) lines.push(`${outcome.name}: ${outcomeText(pt.outcome)}`);
        lines.push('Click: use this threshold');
        return lines.join('<br>');
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: r.points.map((pt) => formatNumber(pt.threshold)),
      name: `${r.field} ${sign} threshold (steps: quantiles of its values)`,
      nameLocation: 'middle',
      nameGap: 24,
      ...axis,
      axisLabel: { ...axis.axisLabel, hideOverlap: true },
    },
    yAxis: [
      { type: 'value', name: 'members', min: 0, ...axis, axisLabel: { ...axis.axisLabel, formatter: amountLabel } },
      // The axis says what kind of figure it is; the legend names the outcome in full.
      ...(outcome
        ? [
            {
              type: 'value',
              name: outcome.kind === 'share' ? 'share' : 'average',
              position: 'right',
              ...axis,
              splitLine: { show: false },
              axisLabel: { ...axis.axisLabel, formatter: outcome.kind === 'share' ? percentLabel : amountLabel },
              ...(outcome.kind === 'share' ? { min: 0, max: 1 } : { scale: true }),
            },
          ]
        : []),
    ],
    series,
  };
}
