import { describe, expect, it } from 'vitest';
import type { MeasurementRecord } from '../../../shared/api/segmentsApi';
import { measurementChartOption, sizeOverSnapshots } from '../../../renderer/charts/measurementChart';
import { palettes } from '../../../renderer/charts/palette';

const rec = (snapshotAsOf: string, count: number, ranAt: string, version = 1): MeasurementRecord => ({
  id: `${snapshotAsOf}-${ranAt}`,
  segmentId: 's',
  segment: 'S',
  version,
  hash: 'h',
  table: 'accounts',
  snapshot: snapshotAsOf,
  snapshotAsOf,
  fingerprint: { rows: 100, schemaHash: '', contentHash: '' },
  asOf: `${snapshotAsOf}T00:00:00Z`,
  asOfSource: 'snapshot',
  count,
  total: 100,
  share: count / 100,
  measures: [],
  related: {},
  ranAt,
});

describe('measurement chart', () => {
  it('keeps the latest measurement per snapshot, in as-of order', () => {
    const points = sizeOverSnapshots([
      rec('2026-11-01', 40, '2026-11-02T10:00:00Z'),
      rec('2026-10-01', 30, '2026-11-02T10:00:00Z'),
      rec('2026-11-01', 42, '2026-11-03T09:00:00Z'),
    ]);
    expect(points).toEqual([
      { asOf: '2026-10-01', count: 30, share: 0.3 },
      { asOf: '2026-11-01', count: 42, share: 0.42 },
    ]);
  });

  it('draws counts over snapshot dates, nothing without measurements', () => {
    const o = measurementChartOption([rec('2026-10-01', 30, 'a'), rec('2026-11-01', 42, 'b')], palettes.dark);
    expect(o?.xAxis.data).toEqual(['2026-10-01', '2026-11-01']);
    expect(o?.series[0]?.data).toEqual([30, 42]);
    expect(o?.series[0]?.itemStyle.color).toBe(palettes.dark.bar);
    expect(measurementChartOption([], palettes.light)).toBeNull();
  });

  it('draws each version as its own line, never joining one version to another', () => {
    const o = measurementChartOption(
      [
        rec('2026-09-01', 20, 'a', 1),
        rec('2026-10-01', 30, 'b', 1),
        rec('2026-11-01', 42, 'c', 2),
        rec('2026-10-01', 33, 'd', 2),
      ],
      palettes.light,
    );
    expect(o?.xAxis.data).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    expect(o?.series.map((s) => [s.name, s.data, s.connectNulls])).toEqual([
      ['v1', [20, 30, null], false],
      ['v2', [null, 33, 42], false],
    ]);
    expect(o?.legend.show).toBe(true);
  });
});
