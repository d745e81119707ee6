/**
 * ECharts option for a column profile: a histogram (numbers, dates) or top values (everything else)
 * as a bar chart. Pure: tested without a DOM. Top values run horizontally so long labels stay legible.
 */
import type { CellValue, ColumnProfile } from '../../shared/api/dataApi';
import type { ChartPalette } from './palette';

/** The subset of EChartsOption these builders produce (keeps tests independent of echarts' types). */
export interface BarOption {
  backgroundColor: string;
  animation: boolean;
  grid: { left: number; right: number; top: number; bottom: number; containLabel: boolean };
  tooltip: { trigger: 'axis'; axisPointer: { type: 'shadow' } };
  xAxis: Record<string, unknown>;
  yAxis: Record<string, unknown>;
  series: { type: 'bar'; name: string; data: number[]; itemStyle: { color: string }; barCategoryGap: string }[];
}

export function formatValue(v: CellValue): string {
  if (v === null) return '∅ (null)';
  if (typeof v === 'number')
    return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 4 });
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v === '' ? '(empty)' : v;
}

function binLabel(lo: CellValue, hi: CellValue): string {
  if (typeof lo === 'number' && typeof hi === 'number') {
    const f = (x: number) =>
      Math.abs(x) >= 1000 ? x.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(Math.round(x * 100) / 100);
    return `${f(lo)}–${f(hi)}`;
  }
  return `${formatValue(lo)}–${formatValue(hi)}`;
}

export function profileChartOption(profile: ColumnProfile, palette: ChartPalette): BarOption | null {
  const axisCommon = {
    axisLabel: { color: palette.muted, fontSize: 10 },
    axisLine: { lineStyle: { color: palette.grid } },
    splitLine: { lineStyle: { color: palette.grid } },
  };
  const base = {
    backgroundColor: palette.background,
    animation: false,
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
  };
  if (profile.histogram && profile.histogram.length > 0) {
    const h = profile.histogram;
    return {
      ...base,
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
      // Categories carry the full range (the tooltip shows it); the axis shows each bin's lower
      // bound and drops labels that would overlap.
      xAxis: {
        type: 'category',
        data: h.map((b) => binLabel(b.lo, b.hi)),
        ...axisCommon,
        axisLabel: {
          ...axisCommon.axisLabel,
          hideOverlap: true,
          formatter: (label: string) => label.split('–')[0] ?? label,
        },
      },
      yAxis: { type: 'value', ...axisCommon },
      series: [
        {
          type: 'bar',
          name: 'rows',
          data: h.map((b) => b.count),
          itemStyle: { color: palette.bar },
          barCategoryGap: '8%',
        },
      ],
    };
  }
  if (profile.top && profile.top.length > 0) {
    // Largest first reading top-down: ECharts draws category axes bottom-up, so reverse.
    const top = [...profile.top].reverse();
    return {
      ...base,
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', ...axisCommon },
      yAxis: {
        type: 'category',
        data: top.map((t) => formatValue(t.value)),
        ...axisCommon,
        axisLabel: { ...axisCommon.axisLabel, width: 110, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: 'rows',
          data: top.map((t) => t.count),
          itemStyle: { color: palette.bar },
          barCategoryGap: '25%',
        },
      ],
    };
  }
  return null;
}
