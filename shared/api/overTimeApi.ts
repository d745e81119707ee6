/**
 * Over-time half of the API contract (docs/compare-and-over-time.md, SPEC §6 Over time, §7 `flow`, §11): how a
 * segment's members
 * flow between two snapshots of its entity table (one join of the two on the key), how a scheme's
 * rows move between tiers (a transition matrix), the commonest paths through the tiers over several
 * snapshots, and the threshold explorer (a segment's size, and an outcome, as one numeric condition's
 * threshold moves: one histogram query). Trends are measurements (segmentsApi `measureSegment` with
 * `allSnapshots`, `listMeasurements`).
 *
 * Flow groups (docs/cli.md, SPEC §7), by key: `stayed` in the segment at both snapshots; `entered` only at `to`;
 * `left` only at `from` (the key in both snapshots); `new` keys only in `to`, in the segment there;
 * `gone` keys only in `from`, in the segment there. Each snapshot is evaluated at its own as-of
 * when the definition's `asOf` is `snapshot`. NULL keys match nothing and are left out.
 */
import { z } from 'zod';
import { definitionTarget } from './segmentsApi';

const snapshotId = z.string().min(1).max(100);
const jobId = z.string().min(1).max(100).optional();
const liveKey = z.string().min(1).max(200).optional();

export const flowRequest = z.object({
  target: definitionTarget,
  from: snapshotId,
  to: snapshotId,
  /**
   * Another definition (e.g. a later version of the same file) evaluated at `to` instead of `target`:
   * with from = to, how a change moves members (stayed = kept, entered = added, left = removed) or
   * rows between tiers.
   */
  versus: definitionTarget.optional(),
  liveKey,
  jobId,
});

export interface SegmentFlow {
  kind: 'segment';
  segment: string | null;
  version: number | null;
  hash: string | null;
  table: string;
  from: string;
  to: string;
  /** The as-of each snapshot was evaluated at (ISO 8601 UTC). */
  fromAsOf: string;
  toAsOf: string;
  stayed: number;
  entered: number;
  left: number;
  new: number;
  gone: number;
  /** Members at `from` (stayed + left + gone) and at `to` (stayed + entered + new). */
  countFrom: number;
  countTo: number;
  /** stayed / countFrom; null when there were no members at `from`. */
  retention: number | null;
  /** |members at from ∩ members at to| / |union| by key; null when both are empty. */
  jaccard: number | null;
}

export interface SchemeFlow {
  kind: 'scheme';
  segment: string | null;
  version: number | null;
  hash: string | null;
  table: string;
  from: string;
  to: string;
  fromAsOf: string;
  toAsOf: string;
  /** Tier names, `otherwise` last. */
  tiers: string[];
  /** With `versus`: its tier names (the matrix's columns), `otherwise` last; else the same as `tiers`. */
  toTiers: string[];
  /** matrix[i][j] = keys in both snapshots, tier i at `from`, tier j (of `toTiers`) at `to`. */
  matrix: number[][];
  /** Keys only in `to`, per tier there (of `toTiers`). */
  new: number[];
  /** Keys only in `from`, per tier there. */
  gone: number[];
}

export type FlowResult = SegmentFlow | SchemeFlow;

export const pathsRequest = z.object({
  /** A scheme (a segment counts as the two tiers "in" and "out"). */
  target: definitionTarget,
  /** Snapshots in time order (default: every snapshot of the entity table). */
  snapshots: z.array(snapshotId).min(2).max(36).optional(),
  /** Paths listed (most common first). */
  limit: z.number().int().min(1).max(200).default(20),
  jobId,
});

export interface TierPath {
  /** Tiers in order with repeats collapsed (Trial → Onboarding → Activated). */
  tiers: string[];
  keys: number;
  share: number;
}

export interface PathsResult {
  segment: string | null;
  table: string;
  snapshots: { id: string; asOf: string }[];
  tiers: string[];
  /** Keys seen in at least one of the snapshots. */
  keys: number;
  paths: TierPath[];
  /**
   * Per tier: keys that reached it after being first seen elsewhere, and the median number of
   * snapshots from their first snapshot to the first one in that tier (null when none did).
   */
  reach: { tier: string; keys: number; medianSnapshots: number | null }[];
}

export const thresholdRequest = z.object({
  /** A segment (draft or file) whose rule holds the condition. */
  target: definitionTarget,
  /** Path of a numeric condition (lt, lte, gt, gte) in the definition, e.g. `where.all[0]`. */
  path: z.string().min(1).max(500),
  snapshot: snapshotId.optional(),
  asOf: z.string().max(40).optional(),
  /** Thresholds on a quantile grid of the field's values (fewer when values repeat). */
  points: z.number().int().min(3).max(100).default(40),
  /**
   * The outcome curve: share of members also in another segment (this snapshot or the next), or a measure's average.
   */
  outcome: z
    .union([
      z.object({
        kind: z.literal('segment'),
        target: definitionTarget,
        snapshot: z.enum(['same', 'next']).default('same'),
      }),
      z.object({ kind: z.literal('measure'), measure: z.string().min(1).max(255) }),
    ])
    .optional(),
  liveKey,
  jobId,
});

export interface ThresholdPoint {
  threshold: number;
  /** Members with the condition at this threshold and every other condition as it stands. */
  count: number;
  share: number | null;
  /** Share of those members in the outcome segment, or the measure's average over them. */
  outcome?: number | null;
}

export interface ThresholdResult {
  field: string;
  op: 'lt' | 'lte' | 'gt' | 'gte';
  /** The condition's threshold today. */
  current: number;
  total: number;
  points: ThresholdPoint[];
  /** The outcome's snapshot when it was the next one (null: none after this one). */
  outcomeSnapshot?: string | null;
  warnings: string[];
}

export const overTimeMethods = {
  segmentFlow: flowRequest,
  tierPaths: pathsRequest,
  thresholdCurve: thresholdRequest,
} as const;

type In<K extends keyof typeof overTimeMethods> = z.input<(typeof overTimeMethods)[K]>;

export interface OverTimeApi {
  segmentFlow(req: In<'segmentFlow'>): Promise<FlowResult>;
  tierPaths(req: In<'tierPaths'>): Promise<PathsResult>;
  thresholdCurve(req: In<'thresholdCurve'>): Promise<ThresholdResult>;
}
