/**
 * ECharts option for a segment's size over snapshots in the builder (pure, tested without a DOM):
 * one point per snapshot as-of date and version (the latest measurement of that version there, by
 * ranAt), one line per version — a version's line never runs into another's points, so a change of
 * definition never reads as a change of size (the Over time view's Trends measures one version on
 * every snapshot for that).
 */
import type { MeasurementRecord } from '../../shared/api/segmentsApi';
import type { ChartPalette } from './palette';
import { slotColor } from './segmentColors';

export interface LineOption {
  backgroundColor: string;
  animation: boolean;
  grid: { left: number; right: number; top: number; bottom: number; containLabel: boolean };
  tooltip: { trigger: 'axis' };
  legend: {
    show: boolean;
    top: number;
    right: number;
    textStyle: { color: string; fontSize: number };
    itemWidth: number;
    itemHeight: number;
  };
  xAxis: { type: 'category'; data: string[]; axisLabel: { color: string; fontSize: number } };
  yAxis: { type: 'value'; axisLabel: { color: string; fontSize: number }; splitLine: { lineStyle: { color: string } } };
  series: {
    type: 'line';
    name: string;
    data: (number | null)[];
    connectNulls: false;
    itemStyle: { color: string };
    symbolSize: number;
  }[];
}

/** Latest record per snapshot as-of date, in date order (of one version: pass its records). */
export function sizeOverSnapshots(
  records: MeasurementRecord[],
): { asOf: string; count: number; share: number | null }[] {
  const latest = new Map<string, MeasurementRecord>();
  for (const r of records) {
    const prev = latest.get(r.snapshotAsOf);
    if (!prev || prev.ranAt < r.ranAt) latest.set(r.snapshotAsOf, r);
  }
  return [...latest.values()]
    .sort((a, b) => (a.snapshotAsOf < b.snapshotAsOf ? -1 : 1))
    .map((r) => ({ asOf: r.snapshotAsOf, count: r.count, share: r.share }));
}

export function measurementChartOption(records: MeasurementRecord[], palette: ChartPalette): LineOption | null {
  if (records.length === 0) return null;
  const dates = [...new Set(records.map((r) => r.snapshotAsOf))].sort();
  const versions = [...new Set(records.map((r) => r.version))].sort((a, b) => (a ?? 0) - (b ?? 0));
  const axisLabel = { color: palette.muted, fontSize: 10 };
  return {
    backgroundColor: palette.background,
    animation: false,
    grid: { left: 8, right: 12, top: versions.length > 1 ? 22 : 10, bottom: 6, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: {
      show: versions.length > 1,
      top: 0,
      right: 0,
      textStyle: { color: palette.text, fontSize: 10 },
      itemWidth: 10,
      itemHeight: 8,
    },
    xAxis: { type: 'category', data: dates, axisLabel },
    yAxis: { type: 'value', axisLabel, splitLine: { lineStyle: { color: palette.grid } } },
    series: versions.map((v, i) => {
      const points = new Map(sizeOverSnapshots(records.filter((r) => r.version === v)).map((p) => [p.asOf, p.count]));
      // Versions of one definition, not segments: the palette in order.
      const color = versions.length === 1 ? palette.bar : slotColor(i, palette);
      return {
        type: 'line',
        name: v === null ? 'draft' : `v${v}`,
        data: dates.map((d) => points.get(d) ?? null),
        connectNulls: false,
        itemStyle: { color },
        symbolSize: 7,
      };
    }),
  };
}
