// Trends read from the measurement log: the trend is one version's latest usable run per snapshot
// (the definition's own as-of, holding the chosen measures), gaps where it never ran; as recorded is
// every other version as its own series; a tier's records are told from its scheme's, and a scheme's
// records give a tier's count history too.
import { describe, expect, it } from 'vitest';
import {
  metricLabel,
  metricValue,
  missingSnapshots,
  recordedSeries,
  recordsOfTarget,
  trendMetrics,
  trendPoints,
  trendSeries,
} from '../../../../renderer/store/overTime/trends';
import type { TrendsResult } from '../../../../renderer/store/overTimeTypes';
import { NOV, OCT, record, refs, SEP } from '../../overTimeFixtures';

const v1Sep = record({
  segment: 'Activated',
  version: 1,
  snapshot: SEP,
  count: 100,
  ranAt: '2026-09-02T08:00:00Z',
  mrr: 5000,
});
const v1Oct = record({
  segment: 'Activated',
  version: 1,
  snapshot: OCT,
  count: 120,
  ranAt: '2026-10-02T08:00:00Z',
  mrr: 6000,
});
const v2Nov = record({
  segment: 'Activated',
  version: 2,
  snapshot: NOV,
  count: 90,
  ranAt: '2026-11-02T08:00:00Z',
  mrr: 4500,
});
// Measured later with v2 on every snapshot; the September run again, later still, without mrr.
const v2Sep = record({
  segment: 'Activated',
  version: 2,
  snapshot: SEP,
  count: 80,
  ranAt: '2026-11-03T08:00:00Z',
  mrr: 4000,
});
const v2Oct = record({
  segment: 'Activated',
  version: 2,
  snapshot: OCT,
  count: 85,
  ranAt: '2026-11-03T08:00:01Z',
  mrr: 4250,
});
const v2SepNoMrr = record({
  segment: 'Activated',
  version: 2,
  snapshot: SEP,
  count: 80,
  ranAt: '2026-11-04T08:00:00Z',
});
const override = record({
  segment: 'Activated',
  version: 2,
  snapshot: OCT,
  count: 999,
  ranAt: '2026-11-05T08:00:00Z',
  mrr: 1,
  asOfSource: 'override',
});
const log = [v1Sep, v1Oct, v2Nov, v2Sep, v2Oct, v2SepNoMrr, override];

describe('trend points', () => {
  it("takes the chosen version's latest run per snapshot that holds the measures, never an as-of override", () => {
    const points = trendPoints({ records: log, version: 2 }, refs, ['mrr']);
    expect(points.map((p) => p?.recordId)).toEqual([v2Sep.id, v2Oct.id, v2Nov.id]);
    expect(points.map((p) => p?.count)).toEqual([80, 85, 90]);
    // Without measures the later September run (no mrr) is the latest usable one.
    expect(trendPoints({ records: log, version: 2 }, refs, [])[0]?.recordId).toBe(v2SepNoMrr.id);
    expect(missingSnapshots(log, 2, ['mrr'], refs)).toEqual([]);
  });

  it('leaves a gap (null) where the version never ran, and says which snapshots need measuring', () => {
    const points = trendPoints({ records: [v1Sep, v1Oct, v2Nov], version: 2 }, refs, ['mrr']);
    expect(points.map((p) => p?.count ?? null)).toEqual([null, null, 90]);
    expect(missingSnapshots([v1Sep, v1Oct, v2Nov], 2, ['mrr'], refs).map((s) => s.id)).toEqual([SEP, OCT]);
    // A run without the measure asked for does not count as measured.
    expect(missingSnapshots([v2Nov], 2, ['mrr', 'seats'], refs).map((s) => s.id)).toEqual([SEP, OCT, NOV]);
  });

  it('as recorded: every other version its own series, on the snapshots it ran on', () => {
    const target = { file: 'segments/activated.segment.json' };
    const series = recordedSeries({ records: log, schemeRecords: [], version: 2, target }, refs);
    expect(series.map((s) => s.version)).toEqual([1]);
    expect(series[0]!.points.map((p) => p?.count ?? null)).toEqual([100, 120, null]);
    expect(
      recordedSeries({ records: log, schemeRecords: [], version: 1, target }, refs)[0]!.points.map(
        (p) => p?.count ?? null,
      ),
    ).toEqual([80, 999, 90]);
  });

  it('reads members, share and a measure sum or average from a point', () => {
    const p = trendPoints({ records: log, version: 2 }, refs, ['mrr'])[2]!;
    expect(metricValue(p, 'count')).toBe(90);
    expect(metricValue(p, 'share')).toBe(90 / 1000);
    expect(metricValue(p, 'sum:mrr')).toBe(4500);
    expect(metricValue(p, 'avg:mrr')).toBe(50);
    expect(metricValue(p, 'sum:seats')).toBeNull();
    expect(metricValue(null, 'count')).toBeNull();
    expect(trendMetrics(['mrr'])).toEqual(['count', 'share', 'sum:mrr', 'avg:mrr']);
    expect(metricLabel('avg:mrr')).toBe('mrr (average per member)');
  });
});

describe("a tier's records", () => {
  const tiers = (high: number) => [
    { name: 'High', count: high, share: high / 950 },
    { name: 'Low', count: 950 - high, share: (950 - high) / 950 },
  ];
  const whole = record({
    segment: 'Value tiers',
    version: 1,
    snapshot: OCT,
    count: 950,
    ranAt: '2026-10-02T08:00:00Z',
    tiers: tiers(40),
  });
  const high = record({
    segment: 'Value tiers / High',
    version: 1,
    snapshot: NOV,
    count: 55,
    ranAt: '2026-11-02T08:00:00Z',
    mrr: 5500,
  });
  const low = record({
    segment: 'Value tiers / Low',
    version: 1,
    snapshot: NOV,
    count: 945,
    ranAt: '2026-11-02T08:00:00Z',
    mrr: 100,
  });

  it("are the runs on that tier; the scheme's own records give its count as recorded", () => {
    const r = recordsOfTarget([whole, high, low], 'scheme', { tier: 'High' });
    expect(r.own.map((x) => x.id)).toEqual([high.id]);
    expect(r.scheme.map((x) => x.id)).toEqual([whole.id]);
    expect(recordsOfTarget([whole, high, low], 'scheme', {}).own.map((x) => x.id)).toEqual([whole.id]);
    expect(recordsOfTarget([whole, high, low], 'segment', {}).own).toHaveLength(3);
    // Version 1 as recorded when version 2 is the trend's: October from the scheme's record, November the tier's own.
    const series = recordedSeries(
      { records: r.own, schemeRecords: r.scheme, version: 2, target: { file: 'x', tier: 'High' } },
      refs,
    );
    expect(series[0]!.points.map((p) => p && [p.count, p.source])).toEqual([null, [40, 'scheme'], [55, 'own']]);
  });
});

describe('trend series', () => {
  it('gives one series per target at its version with the metric per snapshot', () => {
    const result: TrendsResult = {
      table: 'accounts',
      snapshots: refs,
      measures: ['mrr'],
      measured: 0,
      targets: [
        {
          target: { file: 'a' },
          label: 'Activated',
          segmentId: 'id-Activated',
          version: 2,
          records: log,
          schemeRecords: [],
        },
      ],
    };
    const [s] = trendSeries(result, 'sum:mrr');
    expect(s).toMatchObject({ label: 'Activated', version: 2, values: [4000, 4250, 4500] });
    expect(s!.recorded.map((r) => [r.version, r.values])).toEqual([[1, [5000, 6000, null]]]);
  });
});
