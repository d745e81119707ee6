/**
 * Pieces shared by the compare charts' option builders: axis, legend and tooltip styling per
 * palette, and label formatters. Every compare chart is drawn without animation (the view redraws
 * on each answer, and exported images must show the final state).
 */
import { formatCompact } from '../app/format';
import type { ChartPalette } from './palette';

/** The subset of an ECharts option these builders produce; tests read it without echarts' types. */
export interface ChartOption {
  backgroundColor: string;
  animation: false;
  textStyle: { color: string; fontSize: number };
  [part: string]: unknown;
}

export function baseOption(
  p: ChartPalette,
  background = p.background,
): Pick<ChartOption, 'backgroundColor' | 'animation' | 'textStyle'> {
  return { backgroundColor: background, animation: false, textStyle: { color: p.text, fontSize: 11 } };
}

export function axisStyle(p: ChartPalette) {
  return {
    axisLabel: { color: p.muted, fontSize: 11 },
    axisLine: { lineStyle: { color: p.grid } },
    axisTick: { lineStyle: { color: p.grid } },
    splitLine: { lineStyle: { color: p.grid } },
    nameTextStyle: { color: p.muted },
  };
}

/**
 * A vertical value axis: its name starts at the axis line and runs right. Centred on the line (the
 * default) a name longer than the tick labels ran off the chart's left edge ("are of mrr").
 */
export function valueAxisStyle(p: ChartPalette) {
  const a = axisStyle(p);
  return { ...a, nameTextStyle: { ...a.nameTextStyle, align: 'left' as const } };
}

export function legendStyle(p: ChartPalette) {
  return {
    type: 'scroll' as const,
    bottom: 0,
    left: 'center',
    textStyle: { color: p.text, fontSize: 11 },
    pageTextStyle: { color: p.muted },
    itemWidth: 12,
    itemHeight: 10,
  };
}

export function tooltipStyle(p: ChartPalette) {
  return { backgroundColor: p.paper, borderColor: p.grid, textStyle: { color: p.text, fontSize: 12 }, confine: true };
}

/** 0.25 → 25% (axis labels of shares). */
export const percentLabel = (v: number): string => `${Math.round(v * 100)}%`;
/** Axis labels of amounts. */
export const amountLabel = (v: number): string => formatCompact(v);

/** Long names on a category axis: cut at `width` pixels with an ellipsis (the tooltip has the full name). */
export function categoryLabels(p: ChartPalette, width = 110) {
  return { color: p.muted, fontSize: 11, width, overflow: 'truncate' as const, ellipsis: '…' };
}
