/**
 * A trend over snapshots (pure, tested without a DOM): x is each snapshot's as-of date, one solid
 * line per target at the version it is measured with on every snapshot, and — as recorded — one
 * dashed line per other version, over the snapshots it was run on, its first point labelled with
 * the version ("v2": the version markers). A version's line never runs into another's: each is its
 * own series, and a snapshot without a run is a gap (null), not a join.
 */
import { formatCount, formatNumber, formatPercent } from '../app/format';
import type { TrendMetric } from '../store/overTimeTypes';
import type { TrendSeries } from '../store/overTime/trends';
import { metricLabel } from '../store/overTime/trends';
import type { SnapshotRef } from '../store/overTime/targets';
import {
  amountLabel,
  axisStyle,
  baseOption,
  legendStyle,
  percentLabel,
  tooltipStyle,
  valueAxisStyle,
  type ChartOption,
} from './compareBase';
import type { ChartPalette } from './palette';

/** How a metric's value reads (tooltips, labels). */
export function metricText(metric: TrendMetric, v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  if (metric === 'share') return formatPercent(v);
  if (metric === 'count') return formatCount(v);
  return formatNumber(v);
}

/** The version marker on the first point a recorded version has; the other points as they are. */
export function markedValues(
  values: readonly (number | null)[],
  version: number | null,
  color: string,
): (number | null | { value: number; label: object })[] {
  const first = values.findIndex((x) => x !== null);
  return values.map((x, i) =>
    i === first && x !== null
      ? {
          value: x,
          label: {
            show: true,
            formatter: version === null ? 'draft' : `v${version}`,
            position: 'top',
            color,
            fontSize: 10,
            fontWeight: 600,
          },
        }
      : x,
  );
}

export interface TrendChartInput {
  snapshots: readonly SnapshotRef[];
  series: readonly TrendSeries[];
  metric: TrendMetric;
  asRecorded: boolean;
  /** Each series' colour (segmentColors.ts), in order; its other versions are drawn in it too. */
  colors: readonly string[];
}

export function trendChartOption(input: TrendChartInput, p: ChartPalette, background?: string): ChartOption {
  const { snapshots, series, metric, asRecorded } = input;
  const axis = axisStyle(p);
  const lines: object[] = [];
  series.forEach((s, i) => {
    const color = input.colors[i] ?? p.bar;
    lines.push({
      type: 'line',
      name: `${s.label} (v${s.version})`,
      data: [...s.values],
      connectNulls: false,
      symbol: 'circle',
      symbolSize: 6,
      lineStyle: { width: 2, color },
      itemStyle: { color },
    });
    if (!asRecorded) return;
    for (const r of s.recorded) {
      if (r.values.every((x) => x === null)) continue;
      lines.push({
        type: 'line',
        name: `${s.label} v${r.version ?? '?'} as recorded`,
        data: markedValues(r.values, r.version, color),
        connectNulls: false,
        symbol: 'diamond',
        symbolSize: 8,
        lineStyle: { width: 1.5, type: 'dashed', color, opacity: 0.75 },
        itemStyle: { color, opacity: 0.85 },
      });
    }
  });
  return {
    ...baseOption(p, background),
    legend: legendStyle(p),
    grid: { left: 8, right: 24, top: 28, bottom: 44, containLabel: true },
    tooltip: { ...tooltipStyle(p), trigger: 'axis', valueFormatter: (v: number | null) => metricText(metric, v) },
    xAxis: {
      type: 'category',
      data: snapshots.map((s) => s.asOf),
      boundaryGap: false,
      name: 'snapshot as of',
      nameLocation: 'middle',
      nameGap: 26,
      ...axis,
    },
    yAxis: {
      type: 'value',
      name: metricLabel(metric),
      scale: metric !== 'share' && metric !== 'count',
      ...valueAxisStyle(p),
      axisLabel: { ...axis.axisLabel, formatter: metric === 'share' ? percentLabel : amountLabel },
      ...(metric === 'share' ? { min: 0 } : {}),
    },
    series: lines,
  };
}
