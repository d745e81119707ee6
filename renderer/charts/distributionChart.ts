/**
 * A measure's distribution per column (pure, tested without a DOM): a box plot of the exact
 * quartiles the engine computed (min, Q1, median, Q3, max; columns without values are left out; the
 * axis cut above the boxes when a few large values would flatten them),
 * and a histogram over bins shared by every column, as each column's share of members with a value
 * so columns of different sizes compare, with the whole table as a grey line.
 */
import type { BoxStats, DistributionResult } from '../../shared/api/compareApi';
import { formatCount, formatNumber, formatPercent } from '../app/format';
import {
  amountLabel,
  axisStyle,
  baseOption,
  categoryLabels,
  legendStyle,
  percentLabel,
  tooltipStyle,
  valueAxisStyle,
  type ChartOption,
} from './compareBase';
import { WHOLE_TABLE } from './breakdownChart';
import type { ChartPalette } from './palette';

export interface BoxItem {
  name: string;
  value: [number, number, number, number, number];
  itemStyle: { color: string; borderColor: string };
  tip: string;
}

/** `colors`: each column's (segmentColors.ts), in column order. */
export function boxItems(
  d: DistributionResult,
  columns: readonly string[],
  colors: readonly string[],
  p: ChartPalette,
): BoxItem[] {
  const all: { name: string; box: BoxStats; color: string }[] = [
    ...columns.map((name, i) => ({ name, box: d.boxes[i]!, color: colors[i] ?? p.bar })),
    { name: WHOLE_TABLE, box: d.baseline.box, color: p.baseline },
  ];
  return all
    .filter(
      (x) =>
        x.box &&
        x.box.values > 0 &&
        x.box.min !== null &&
        x.box.q1 !== null &&
        x.box.median !== null &&
        x.box.q3 !== null &&
        x.box.max !== null,
    )
    .map(({ name, box, color }) => ({
      name,
      value: [box.min!, box.q1!, box.median!, box.q3!, box.max!],
      // A translucent fill keeps the median line readable in both themes.
      itemStyle: { color: `${color}55`, borderColor: color },
      tip: `${name} (${formatCount(box.values)} values)<br>max ${formatNumber(box.max)}<br>Q3 ${formatNumber(box.q3)}<br>median ${formatNumber(box.median)}<br>Q1 ${formatNumber(box.q1)}<br>min ${formatNumber(box.min)}`,
    }));
}

/**
 * Where to cut the value axis so the boxes stay readable when whiskers run far past them (a few
 * large accounts): 1.5 × the highest Q3, when the highest max is over 3 × that; else no cut.
 */
export function boxAxisMax(items: readonly BoxItem[]): number | undefined {
  const q3 = Math.max(...items.map((x) => x.value[3]));
  const max = Math.max(...items.map((x) => x.value[4]));
  if (!(q3 > 0) || max <= 3 * q3) return undefined;
  const raw = q3 * 1.5;
  const step = 10 ** Math.floor(Math.log10(raw));
  return Math.ceil(raw / step) * step;
}

export function boxChartOption(
  d: DistributionResult,
  columns: readonly string[],
  colors: readonly string[],
  p: ChartPalette,
  background?: string,
): ChartOption {
  const items = boxItems(d, columns, colors, p);
  const axis = axisStyle(p);
  const cut = boxAxisMax(items);
  return {
    ...baseOption(p, background),
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { ...tooltipStyle(p), trigger: 'item', formatter: (params: { data?: BoxItem }) => params.data?.tip ?? '' },
    xAxis: {
      type: 'category',
      data: items.map((x) => x.name),
      ...axis,
      axisLabel: { ...categoryLabels(p, 90), interval: 0, rotate: items.length > 6 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      name: cut === undefined ? d.measure : `${d.measure} (axis cut at ${formatNumber(cut)}; whiskers run to the max)`,
      ...(cut === undefined ? { scale: true } : { min: 0, max: cut }),
      ...valueAxisStyle(p),
      axisLabel: { ...axis.axisLabel, formatter: amountLabel },
    },
    series: [{ type: 'boxplot', name: d.measure, data: items, boxWidth: [8, 40], clip: true }],
  };
}

/** "lo – hi" of each shared bin. */
export function binLabels(edges: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) out.push(`${formatNumber(edges[i])} – ${formatNumber(edges[i + 1])}`);
  return out;
}

/** Counts as shares of their row's total. */
export function histogramShares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

export function histogramChartOption(
  d: DistributionResult,
  columns: readonly string[],
  colors: readonly string[],
  p: ChartPalette,
  background?: string,
): ChartOption {
  const axis = axisStyle(p);
  const labels = binLabels(d.edges);
  return {
    ...baseOption(p, background),
    legend: legendStyle(p),
    grid: { left: 8, right: 16, top: 24, bottom: 52, containLabel: true },
    tooltip: {
      ...tooltipStyle(p),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => formatPercent(v),
    },
    xAxis: {
      type: 'category',
      data: labels,
      name: d.measure,
      nameLocation: 'middle',
      nameGap: 24,
      ...axis,
      axisLabel: { ...axis.axisLabel, hideOverlap: true, formatter: (l: string) => l.split(' – ')[0] ?? l },
    },
    yAxis: {
      type: 'value',
      name: 'share of members',
      ...valueAxisStyle(p),
      axisLabel: { ...axis.axisLabel, formatter: percentLabel },
    },
    series: [
      ...columns.map((name, i) => ({
        type: 'bar',
        name,
        data: histogramShares(d.histograms[i] ?? []),
        itemStyle: { color: colors[i] ?? p.bar },
        barGap: '0%',
        barCategoryGap: '20%',
      })),
      {
        type: 'line',
        name: WHOLE_TABLE,
        data: histogramShares(d.baseline.histogram),
        itemStyle: { color: p.baseline },
        lineStyle: { color: p.baseline, type: 'dashed' },
        symbol: 'none',
        step: 'middle',
      },
    ],
  };
}
