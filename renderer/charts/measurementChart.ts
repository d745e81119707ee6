/**
 * ECharts option for a segment's size over snapshots: one point per snapshot as-of date (the latest
 * measurement of each, by ranAt), count as a line. Pure: tested without a DOM.
 */
import type { MeasurementRecord } from '../../shared/api/segmentsApi';
import type { ChartPalette } from './palette';

export interface LineOption {
  backgroundColor: string;
  animation: boolean;
  grid: { left: number; right: number; top: number; bottom: number; containLabel: boolean };
  tooltip: { trigger: 'axis' };
  xAxis: { type: 'category'; data: string[]; axisLabel: { color: string; fontSize: number } };
  yAxis: { type: 'value'; axisLabel: { color: string; fontSize: number }; splitLine: { lineStyle: { color: string } } };
  series: { type: 'line'; name: string; data: number[]; itemStyle: { color: string }; symbolSize: number }[];
}

/** Latest record per snapshot as-of date, in date order. */
export function sizeOverSnapshots(records: MeasurementRecord[]): { asOf: string; count: number; share: number | null }[] {
  const latest = new Map<string, MeasurementRecord>();
  for (const r of records) {
    const prev = latest.get(r.snapshotAsOf);
    if (!prev || prev.ranAt < r.ranAt) latest.set(r.snapshotAsOf, r);
  }
  return [...latest.values()].sort((a, b) => (a.snapshotAsOf < b.snapshotAsOf ? -1 : 1)).map((r) => ({ asOf: r.snapshotAsOf, count: r.count, share: r.share }));
}

export function measurementChartOption(records: MeasurementRecord[], palette: ChartPalette): LineOption | null {
  const points = sizeOverSnapshots(records);
  if (points.length === 0) return null;
  const axisLabel = { color: palette.muted, fontSize: 10 };
  return {
    backgroundColor: palette.background,
    animation: false,
    grid: { left: 8, right: 12, top: 10, bottom: 6, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: points.map((p) => p.asOf), axisLabel },
    yAxis: { type: 'value', axisLabel, splitLine: { lineStyle: { color: palette.grid } } },
    series: [{ type: 'line', name: 'members', data: points.map((p) => p.count), itemStyle: { color: palette.bar }, symbolSize: 7 }],
  };
}
