/**
 * Hand-written over-time values for renderer tests: the compare fixtures' accounts table with three
 * monthly snapshots, measurement records (a segment measured with two versions over time, a scheme's
 * whole-scheme and tier records), a segment flow whose groups add up (stayed + left + gone = members
 * at `from`, stayed + entered + new = members at `to`), a scheme flow and tier paths.
 */
import type { PathsResult, SchemeFlow, SegmentFlow } from '../../shared/api/overTimeApi';
import type { TableInfo } from '../../shared/api/dataApi';
import type { MeasurementRecord } from '../../shared/api/segmentsApi';
import { demoAccounts } from './compareFixtures';
import { snapshot } from './fixtures';

export const SEP = 'snap-sep';
export const OCT = 'snap-oct';
export const NOV = 'snap-nov';

export const threeMonths: TableInfo = {
  ...demoAccounts,
  snapshots: [
    snapshot('accounts', '2026-09-01', 900, SEP),
    snapshot('accounts', '2026-10-01', 950, OCT),
    snapshot('accounts', '2026-11-01', 1000, NOV),
  ],
};
export const refs = threeMonths.snapshots.map((s) => ({ id: s.id, asOf: s.asOf }));

let n = 0;
/** A measurement record of `segment` (id `id-<name>`) on a snapshot; figures given, the rest filled consistently. */
export function record(p: {
  segment: string;
  version: number;
  snapshot: string;
  count: number;
  total?: number;
  ranAt: string;
  mrr?: number;
  tiers?: MeasurementRecord['tiers'];
  asOfSource?: MeasurementRecord['asOfSource'];
  segmentId?: string;
}): MeasurementRecord {
  const snap = threeMonths.snapshots.find((s) => s.id === p.snapshot)!;
  const total = p.total ?? snap.rows;
  return {
    id: `m${String(++n).padStart(4, '0')}`,
    segmentId: p.segmentId ?? `id-${p.segment.split(' / ')[0]}`,
    segment: p.segment,
    version: p.version,
    hash: `sha256:${p.segment}-v${p.version}`,
    table: 'accounts',
    snapshot: p.snapshot,
    snapshotAsOf: snap.asOf,
    fingerprint: snap.fingerprint,
    asOf: `${snap.asOf}T00:00:00Z`,
    asOfSource: p.asOfSource ?? 'snapshot',
    count: p.count,
    total,
    share: total ? p.count / total : null,
    measures: p.mrr === undefined ? [] : [{ column: 'mrr', sum: p.mrr, avg: p.count ? p.mrr / p.count : null }],
    related: {},
    ranAt: p.ranAt,
    ...(p.tiers ? { tiers: p.tiers } : {}),
  };
}

export const segmentFlow = (p: Partial<SegmentFlow> = {}): SegmentFlow => ({
  kind: 'segment',
  segment: 'Activated',
  version: 2,
  hash: 'sha256:Activated',
  table: 'accounts',
  from: OCT,
  to: NOV,
  fromAsOf: '2026-10-01T00:00:00Z',
  toAsOf: '2026-11-01T00:00:00Z',
  stayed: 200,
  entered: 60,
  left: 80,
  new: 40,
  gone: 20,
  countFrom: 300,
  countTo: 300,
  retention: 200 / 300,
  jaccard: 200 / 400,
  ...p,
});

/** High, Medium, Low: rows at Oct per tier (matrix row + gone) 100, 500, 350; new keys 10, 20, 20. */
export const schemeFlow = (): SchemeFlow => ({
  kind: 'scheme',
  segment: 'Value tiers',
  version: 2,
  hash: 'sha256:Value tiers',
  table: 'accounts',
  from: OCT,
  to: NOV,
  fromAsOf: '2026-10-01T00:00:00Z',
  toAsOf: '2026-11-01T00:00:00Z',
  tiers: ['High', 'Medium', 'Low'],
  toTiers: ['High', 'Medium', 'Low'],
  matrix: [
    [80, 15, 0],
    [42, 400, 50],
    [0, 30, 300],
  ],
  new: [10, 20, 20],
  gone: [5, 8, 20],
});

export const paths = (): PathsResult => ({
  segment: 'Value tiers',
  table: 'accounts',
  snapshots: refs,
  tiers: ['High', 'Medium', 'Low'],
  keys: 1000,
  paths: [
    { tiers: ['Low'], keys: 600, share: 0.6 },
    { tiers: ['Medium'], keys: 300, share: 0.3 },
    { tiers: ['Low', 'Medium', 'High'], keys: 100, share: 0.1 },
  ],
  reach: [
    { tier: 'High', keys: 100, medianSnapshots: 2 },
    { tier: 'Medium', keys: 100, medianSnapshots: 1 },
    { tier: 'Low', keys: 0, medianSnapshots: null },
  ],
});
