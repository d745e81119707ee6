/**
 * A breakdown as bars (pure, tested without a DOM). Grouped: a category axis with one bar per
 * column (an average's chart adds the whole table). Stacked: one bar per column made of its
 * categories. 100%: the same as shares of each column's total, with the whole table beside them, so
 * the mix of segments reads at a glance. Averages do not add up, so they are always grouped. Other
 * and (empty) are drawn only when some row falls in them (shared/compare/breakdownCategories.ts).
 */
import type { BreakdownCategory, BreakdownResult } from '../../shared/api/compareApi';
import { withoutUnusedCategories } from '../../shared/compare/breakdownCategories';
import { formatCount, formatNumber, formatPercent } from '../app/format';
import type { BarLayout } from '../store/compareTypes';
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
import type { ChartPalette } from './palette';
import { slotColor } from './segmentColors';

export const WHOLE_TABLE = 'Whole table';

export function effectiveLayout(value: BreakdownResult['value'], layout: BarLayout): BarLayout {
  return value === 'avg' ? 'grouped' : layout;
}

/** Per column, per category: the members, or the measure's sum/average (null without values). */
export function breakdownValues(b: BreakdownResult): (number | null)[][] {
  return b.value === 'count' || !b.values ? b.counts : b.values;
}

function baselineValues(b: BreakdownResult): (number | null)[] {
  return b.value === 'count' || !b.baseline.values ? b.baseline.counts : b.baseline.values;
}

/** A category's colour in stacked bars (categories are not segments: the palette in order). */
export function categoryColor(d: BreakdownCategory, index: number, p: ChartPalette): string {
  if (d.kind === 'other') return p.other;
  if (d.kind === 'empty') return p.empty;
  return slotColor(index, p);
}

/** Each value as a share of its column's total over the categories (null totals as 0). */
export function shareRows(rows: (number | null)[][]): number[][] {
  return rows.map((row) => {
    const total = row.reduce<number>((a, v) => a + (v ?? 0), 0);
    return row.map((v) => (total > 0 ? (v ?? 0) / total : 0));
  });
}

function formatterFor(b: BreakdownResult, layout: BarLayout): (v: number | null) => string {
  if (layout === 'percent') return (v) => (v === null ? '–' : formatPercent(v));
  return b.value === 'count' ? (v) => formatCount(v) : (v) => formatNumber(v);
}

export function valueName(b: Pick<BreakdownResult, 'value' | 'measure'>, layout: BarLayout): string {
  if (layout === 'percent') return b.value === 'count' ? 'share of members' : `share of ${b.measure}`;
  return b.value === 'count' ? 'members' : `${b.value === 'sum' ? 'sum of' : 'average'} ${b.measure}`;
}

export function breakdownChartOption(
  result: BreakdownResult,
  columns: readonly string[],
  colors: readonly string[],
  layout: BarLayout,
  p: ChartPalette,
  background?: string,
): ChartOption {
  // A category no row falls in (an older answer's "(empty)" of zeros) is not drawn.
  const b = withoutUnusedCategories(result);
  const used = effectiveLayout(b.value, layout);
  const values = breakdownValues(b);
  const labels = b.details.map((d) => d.label);
  const axis = axisStyle(p);
  const fmt = formatterFor(b, used);
  const common = {
    ...baseOption(p, background),
    legend: legendStyle(p),
    tooltip: { ...tooltipStyle(p), trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt },
    grid: { left: 8, right: 16, top: 24, bottom: 34, containLabel: true },
  };
  if (used === 'grouped') {
    const series = columns.map((name, s) => ({
      type: 'bar',
      name,
      data: values[s] ?? [],
      itemStyle: { color: colors[s] ?? p.bar },
      barMaxWidth: 28,
    }));
    if (b.value === 'avg')
      series.push({
        type: 'bar',
        name: WHOLE_TABLE,
        data: baselineValues(b),
        itemStyle: { color: p.baseline },
        barMaxWidth: 28,
      });
    return {
      ...common,
      xAxis: {
        type: 'category',
        data: labels,
        ...axis,
        axisLabel: { ...categoryLabels(p, 90), interval: 0, rotate: labels.length > 6 ? 30 : 0 },
      },
      yAxis: {
        type: 'value',
        name: valueName(b, used),
        ...valueAxisStyle(p),
        axisLabel: { ...axis.axisLabel, formatter: amountLabel },
      },
      series,
    };
  }
  const rows = used === 'percent' ? shareRows([...values, baselineValues(b)]) : values;
  const names = used === 'percent' ? [...columns, WHOLE_TABLE] : [...columns];
  return {
    ...common,
    xAxis: {
      type: 'category',
      data: names,
      ...axis,
      axisLabel: { ...categoryLabels(p, 90), interval: 0, rotate: names.length > 6 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      name: valueName(b, used),
      ...(used === 'percent' ? { max: 1 } : {}),
      ...valueAxisStyle(p),
      axisLabel: { ...axis.axisLabel, formatter: used === 'percent' ? percentLabel : amountLabel },
    },
    series: b.details.map((d, c) => ({
      type: 'bar',
      name: d.label,
      stack: 'all',
      data: rows.map((row) => row[c] ?? 0),
      itemStyle: { color: categoryColor(d, c, p) },
      barMaxWidth: 48,
    })),
  };
}
