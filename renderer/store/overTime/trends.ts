/**
 * Trends from the measurement log (pure). A target's records are its own kind only: a segment's
 * all of them, a whole scheme's those with tier counts, a tier's those run on the tier (named
 * `<scheme> / <tier>`); a whole scheme's records also give a tier's count and share as recorded.
 *
 * Two readings of one log: the **trend** is one version measured on every snapshot (the latest run
 * of that version per snapshot, at the definition's own as-of, holding the chosen measures), so its
 * points are comparable; **as recorded** is every other version on the snapshots it was run on,
 * each version its own series, never joined to another version's points.
 */
import type { MeasurementRecord } from '../../../shared/api/segmentsApi';
import type { OverTimeTarget, TrendMetric, TrendsResult, TrendTargetData } from '../overTimeTypes';
import type { SnapshotRef } from './targets';

/**
 * What one measurement says about one target (a tier's figures read from a whole scheme's record when that is all there
 * is).
 */
export interface TrendPoint {
  recordId: string;
  version: number | null;
  hash: string | null;
  snapshot: string;
  /** The instant the rules were evaluated at, and whether the definition chose it or an override did. */
  asOf: string;
  asOfSource: MeasurementRecord['asOfSource'];
  ranAt: string;
  count: number;
  total: number;
  share: number | null;
  measures: Record<string, { sum: number | null; avg: number | null }>;
  /** 'scheme': a tier's count from its scheme's record (no measures there). */
  source: 'own' | 'scheme';
}

export function pointOf(r: MeasurementRecord, tier?: string): TrendPoint | null {
  const base = {
    recordId: r.id,
    version: r.version,
    hash: r.hash,
    snapshot: r.snapshot,
    asOf: r.asOf,
    asOfSource: r.asOfSource,
    ranAt: r.ranAt,
    total: r.total,
  };
  if (tier === undefined)
    return {
      ...base,
      count: r.count,
      share: r.share,
      measures: Object.fromEntries(r.measures.map((m) => [m.column, { sum: m.sum, avg: m.avg }])),
      source: 'own',
    };
  const t = r.tiers?.find((x) => x.name === tier);
  return t ? { ...base, count: t.count, share: t.share, measures: {}, source: 'scheme' } : null;
}

/** Split a definition's records into the target's own and (for a tier) its scheme's. */
export function recordsOfTarget(
  records: readonly MeasurementRecord[],
  kind: 'segment' | 'scheme',
  t: Pick<OverTimeTarget, 'tier'>,
): { own: MeasurementRecord[]; scheme: MeasurementRecord[] } {
  if (kind === 'segment') return { own: [...records], scheme: [] };
  if (t.tier === undefined) return { own: records.filter((r) => r.tiers !== undefined), scheme: [] };
  const suffix = ` / ${t.tier}`;
  return {
    own: records.filter((r) => r.tiers === undefined && (r.segment ?? '').endsWith(suffix)),
    scheme: records.filter((r) => r.tiers?.some((x) => x.name === t.tier)),
  };
}

/** A record the trend can use for `version` with these measures: run at the definition's own as-of. */
export function usableFor(r: MeasurementRecord, version: number, measures: readonly string[]): boolean {
  return (
    r.version === version &&
    r.asOfSource !== 'override' &&
    measures.every((m) => r.measures.some((x) => x.column === m))
  );
}

const later = (a: { ranAt: string; recordId: string }, b: { ranAt: string; recordId: string }) =>
  a.ranAt > b.ranAt || (a.ranAt === b.ranAt && a.recordId > b.recordId);

/** Per snapshot (in order), the latest usable run of the chosen version, or null where there is none. */
export function trendPoints(
  d: Pick<TrendTargetData, 'records' | 'version'>,
  snapshots: readonly SnapshotRef[],
  measures: readonly string[],
): (TrendPoint | null)[] {
  return snapshots.map((s) => {
    let best: TrendPoint | null = null;
    for (const r of d.records) {
      if (r.snapshot !== s.id || !usableFor(r, d.version, measures)) continue;
      const p = pointOf(r)!;
      if (!best || later(p, best)) best = p;
    }
    return best;
  });
}

/** Snapshots without a usable run of the chosen version (what measuring on every snapshot fills in). */
export function missingSnapshots(
  records: readonly MeasurementRecord[],
  version: number,
  measures: readonly string[],
  snapshots: readonly SnapshotRef[],
): SnapshotRef[] {
  return snapshots.filter((s) => !records.some((r) => r.snapshot === s.id && usableFor(r, version, measures)));
}

/** Every version recorded other than the trend's, each with its latest run per snapshot (null where it never ran). */
export function recordedSeries(
  d: Pick<TrendTargetData, 'records' | 'schemeRecords' | 'version' | 'target'>,
  snapshots: readonly SnapshotRef[],
): { version: number | null; points: (TrendPoint | null)[] }[] {
  const points = [
    ...d.records.map((r) => pointOf(r)!),
    ...d.schemeRecords.map((r) => pointOf(r, d.target.tier)).filter((p): p is TrendPoint => p !== null),
  ];
  const versions = [...new Set(points.map((p) => p.version))]
    .filter((v) => v !== d.version)
    .sort((a, b) => (a ?? 0) - (b ?? 0));
  return versions.map((version) => ({
    version,
    points: snapshots.map((s) => {
      let best: TrendPoint | null = null;
      // A run on the tier itself (with measures) wins over its scheme's record of the same moment.
      for (const p of points)
        if (
          p.version === version &&
          p.snapshot === s.id &&
          (!best || later(p, best) || (best.source === 'scheme' && p.source === 'own' && p.ranAt === best.ranAt))
        )
          best = p;
      return best;
    }),
  }));
}

/** The figure a metric reads from a point (null: not measured there). */
export function metricValue(p: TrendPoint | null, metric: TrendMetric): number | null {
  if (!p) return null;
  if (metric === 'count') return p.count;
  if (metric === 'share') return p.share;
  const [kind, ...rest] = metric.split(':');
  const m = p.measures[rest.join(':')];
  if (!m) return null;
  return kind === 'sum' ? m.sum : m.avg;
}

/** "Members", "Share of the table", "mrr (sum)", "mrr (average per member)". */
export function metricLabel(metric: TrendMetric): string {
  if (metric === 'count') return 'Members';
  if (metric === 'share') return 'Share of the table';
  const [kind, ...rest] = metric.split(':');
  return `${rest.join(':')} (${kind === 'sum' ? 'sum' : 'average per member'})`;
}

/** The metrics a trend offers: members, share, and each measure's sum and average. */
export function trendMetrics(measures: readonly string[]): TrendMetric[] {
  return ['count', 'share', ...measures.flatMap((m): TrendMetric[] => [`sum:${m}`, `avg:${m}`])];
}

export interface TrendSeries {
  label: string;
  version: number;
  /** The trend: one value per snapshot (null where unmeasured, e.g. after a Cancel). */
  values: (number | null)[];
  points: (TrendPoint | null)[];
  recorded: { version: number | null; values: (number | null)[]; points: (TrendPoint | null)[] }[];
}

/** What the chart and the table show for a metric. */
export function trendSeries(r: TrendsResult, metric: TrendMetric): TrendSeries[] {
  return r.targets.map((d) => {
    const points = trendPoints(d, r.snapshots, r.measures);
    return {
      label: d.label,
      version: d.version,
      points,
      values: points.map((p) => metricValue(p, metric)),
      recorded: recordedSeries(d, r.snapshots).map((s) => ({
        ...s,
        values: s.points.map((p) => metricValue(p, metric)),
      })),
    };
  });
}
