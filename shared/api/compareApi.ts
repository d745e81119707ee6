/**
 * Compare half of the API contract (docs/compare-and-over-time.md, SPEC §6 Compare, §7 `compare`, §11): segments and
 * scheme tiers
 * side by side on one snapshot, with the whole table as baseline. One `compareSegments` call per view
 * state returns the parts asked for: KPIs and the overlap matrix always; a breakdown, a measure's
 * distribution, what sets a column apart and a measure's concentration on request. Counts, overlaps
 * and measure sums come from one scan grouped by a membership bitmask; the engine keeps each run's
 * bitmask so a changed breakdown or another part reads it instead of evaluating the rules again.
 *
 * Named comparisons (members, measures, dimension, chart choices) are saved in the workspace
 * (`comparisons/*.comparison.json`).
 */
import { z } from 'zod';
import type { CellValue } from './dataApi';
import { definitionTarget } from './segmentsApi';

/** Columns a comparison holds at most (segments and tiers after schemes expand): 2^12 bitmask groups. */
export const MAX_COMPARE_COLUMNS = 12;
/** Text categories a breakdown shows before "Other" (the app's default). */
export const BREAKDOWN_TOP = 12;

const name = z.string().min(1).max(255);
const jobId = z.string().min(1).max(100).optional();
const asOfText = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/,
    'expected YYYY-MM-DD or an ISO 8601 timestamp with Z or an offset',
  );

export const breakdownSpec = z.object({
  /** An entity column or a metric of one of the definitions. */
  column: name,
  /**
   * `auto` (the app): text and booleans as their `top` most frequent values + "Other" + "(empty)",
   * numbers and dates in `bins` equal-width bins + "(empty)"; "(empty)" only when some row has no value there.
   * `values` (the CLI, docs/cli.md, SPEC §7): every distinct value.
   */
  mode: z.enum(['auto', 'values']).default('auto'),
  top: z.number().int().min(1).max(100).default(BREAKDOWN_TOP),
  bins: z.number().int().min(2).max(50).default(10),
  /** What each cell holds: members, or the sum or average of `measure` over them. */
  value: z.enum(['count', 'sum', 'avg']).default('count'),
  measure: name.optional(),
});
export type BreakdownSpec = z.input<typeof breakdownSpec>;

export const compareRequest = z.object({
  /** Segments, one tier of a scheme (`tier`), or whole schemes (one column per tier, `otherwise` last), in order. */
  targets: z.array(definitionTarget).min(1).max(MAX_COMPARE_COLUMNS),
  snapshot: z.string().min(1).max(100).optional(),
  /** One as-of for every definition (overrides theirs, docs/rules.md, SPEC §3). */
  asOf: asOfText.optional(),
  /** Numeric columns or metrics: sum, average, median per column, and the average's index to the baseline. */
  measures: z.array(name).max(10).default([]),
  breakdown: breakdownSpec.optional(),
  /** Box plot (exact quartiles) and a histogram with bins shared by every column. */
  distribution: z.object({ measure: name, bins: z.number().int().min(2).max(100).default(20) }).optional(),
  /** Every column and metric ranked by effect size: column `column` against the rest, or against column `against`. */
  apart: z
    .object({
      column: z.number().int().min(0),
      against: z.union([z.literal('rest'), z.number().int().min(0)]).default('rest'),
    })
    .optional(),
  /** Share of the measure held by the top x% of each column's members (a Lorenz/Pareto curve). */
  concentration: z.object({ measure: name }).optional(),
  /** A newer call with the same key interrupts this one (a compare view redrawing while the user clicks). */
  liveKey: z.string().min(1).max(200).optional(),
  jobId,
});
export type CompareRequest = z.input<typeof compareRequest>;

export interface MeasureStats {
  /** Non-NULL values. */
  values: number;
  sum: number | null;
  avg: number | null;
  /** As DuckDB's median() (interpolated); null without values. */
  median: number | null;
  /** avg / the baseline's avg (1.24 = 24% above); null when either is null or the baseline's is 0. */
  index: number | null;
}

export interface CompareColumn {
  /** A segment's name, or `<scheme> / <tier>` for a tier. */
  name: string;
  kind: 'segment' | 'tier' | 'draft';
  /** The definition file (relative to the workspace) or null for a draft or a file given as text. */
  file: string | null;
  id: string | null;
  version: number | null;
  hash: string | null;
  /** For tiers: the scheme's name and the tier's. */
  scheme?: string;
  tier?: string;
  count: number;
  /** count / total; null when the table is empty. */
  share: number | null;
  /** Keyed by measure name, in the request's order. */
  measures: Record<string, MeasureStats>;
}

/** The whole table, or (with one column) the rest of it: the same figures as a column. */
export interface CompareGroup {
  name: string;
  count: number;
  share: number | null;
  measures: Record<string, MeasureStats>;
}

export interface BreakdownCategory {
  /** What the category shows, e.g. `organic`, `Other`, `(empty)`, `100 – 200`. */
  label: string;
  /** The value (text, boolean or `values` mode), null for `(empty)` and for bins and Other. */
  value: CellValue;
  kind: 'value' | 'other' | 'empty' | 'bin';
  /** Bins: [lo, hi) (the last bin includes hi); numbers, or dates as YYYY-MM-DD. */
  lo?: CellValue;
  hi?: CellValue;
}

export interface BreakdownResult {
  column: string;
  /** The column's type family as the breakdown treated it. */
  family: 'text' | 'number' | 'date' | 'boolean';
  value: 'count' | 'sum' | 'avg';
  measure: string | null;
  /** Category values (docs/cli.md, SPEC §7: NULL as null); labels and kinds in `details`. */
  categories: CellValue[];
  details: BreakdownCategory[];
  /** Members per category, per column (segments in order). */
  counts: number[][];
  /** With `value` sum or avg: the measure per category, per column (null without values). */
  values?: (number | null)[][];
  /** The whole table per category (counts, and values when asked). */
  baseline: { counts: number[]; values?: (number | null)[] };
}

export interface BoxStats {
  values: number;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
}

export interface DistributionResult {
  measure: string;
  /** Bin edges shared by every column: bin i is [edges[i], edges[i+1]) (the last includes its end). */
  edges: number[];
  /** Members per bin, per column; then the whole table in `baseline`. */
  histograms: number[][];
  boxes: BoxStats[];
  baseline: { histogram: number[]; box: BoxStats };
}

export interface ApartFeature {
  /** A column of the entity table or a metric. */
  field: string;
  kind: 'number' | 'category';
  /** Numbers: the field's type family; dates and timestamps compare as days since 1970-01-01 (means, SDs). */
  family?: 'number' | 'date' | 'timestamp';
  /** |standardized mean difference| for numbers, the largest |difference in share| of any value for categories. */
  effect: number;
  /** Numbers: the sign of the difference (+1 when the column's mean is higher), 0 when equal. */
  direction: number;
  /** Numbers: mean, standard deviation and non-NULL values on each side. */
  a?: { mean: number | null; sd: number | null; values: number };
  b?: { mean: number | null; sd: number | null; values: number };
  /** Categories: the value whose share differs most (null = empty) and its share on each side. */
  value?: CellValue;
  shareA?: number;
  shareB?: number;
  /**
   * Read by either side's definition (its rule, a metric's source, or a metric it defines): a large
   * effect there restates the definition rather than telling the segment apart.
   */
  inDefinition?: boolean;
}

export interface ApartResult {
  column: number;
  against: 'rest' | number;
  /** Rows on each side. */
  sizeA: number;
  sizeB: number;
  /** Every comparable field, largest effect first. */
  features: ApartFeature[];
  /** Fields left out and why (e.g. the key, a text column with too many distinct values). */
  skipped: { field: string; reason: string }[];
}

export interface ConcentrationResult {
  measure: string;
  /** Shares of members (top x%), ascending, ending at 1. */
  points: number[];
  /**
   * Per column: the share of its measure total held by its top points[i] members (NULLs left out; null without values).
   */
  curves: (number | null)[][];
  /** Per column: share held by the top 10%, 20% and 50%. */
  top: { p10: number | null; p20: number | null; p50: number | null }[];
  /** Per column: the measure's total over its members. */
  totals: (number | null)[];
  baseline: {
    curve: (number | null)[];
    top: { p10: number | null; p20: number | null; p50: number | null };
    total: number | null;
  };
}

export interface CompareResult {
  table: string;
  snapshot: string;
  /** The snapshot's as-of date (YYYY-MM-DD). */
  snapshotAsOf: string;
  /** The instant every definition was evaluated at (ISO 8601 UTC). */
  asOf: string;
  asOfSource: 'fixed' | 'snapshot' | 'now' | 'override';
  total: number;
  baseline: CompareGroup;
  /** With exactly one column: the rows of the table not in it. */
  rest?: CompareGroup;
  segments: CompareColumn[];
  /** overlap[i][j] = rows in both i and j; the diagonal is each count. */
  overlap: number[][];
  breakdown?: BreakdownResult;
  distribution?: DistributionResult;
  apart?: ApartResult;
  concentration?: ConcentrationResult;
  warnings: string[];
  elapsedMs: number;
}

/** What a saved comparison restores: members, measures, dimension and chart choices. */
export const comparisonState = z.object({
  targets: z.array(definitionTarget).min(1).max(MAX_COMPARE_COLUMNS),
  measures: z.array(name).max(10).default([]),
  breakdown: breakdownSpec.optional(),
  distribution: z.object({ measure: name, bins: z.number().int().min(2).max(100).default(20) }).optional(),
  apart: z
    .object({
      column: z.number().int().min(0),
      against: z.union([z.literal('rest'), z.number().int().min(0)]).default('rest'),
    })
    .optional(),
  concentration: z.object({ measure: name }).optional(),
  /** View choices (active tab, bar layout, …): the app's own, kept as given. */
  view: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});
export type ComparisonState = z.input<typeof comparisonState>;

export interface ComparisonSummary {
  /** Path relative to the workspace, e.g. `comparisons/monday-numbers.comparison.json`. */
  file: string;
  name: string;
  updatedAt: string;
}

export interface ComparisonDocument extends ComparisonSummary {
  state: z.output<typeof comparisonState>;
}

export const compareMethods = {
  compareSegments: compareRequest,
  listComparisons: z.object({}),
  readComparison: z.object({ file: z.string().min(1).max(4096) }),
  /** Save (a new file from `name`, or over `file`). */
  saveComparison: z.object({
    file: z.string().min(1).max(4096).optional(),
    name: name.refine((n) => n.trim().length > 0, 'a name cannot be blank'),
    state: comparisonState,
  }),
  renameComparison: z.object({
    file: z.string().min(1).max(4096),
    name: name.refine((n) => n.trim().length > 0, 'a name cannot be blank'),
  }),
  deleteComparison: z.object({ file: z.string().min(1).max(4096) }),
} as const;

type In<K extends keyof typeof compareMethods> = z.input<(typeof compareMethods)[K]>;

export interface CompareApi {
  compareSegments(req: In<'compareSegments'>): Promise<CompareResult>;
  listComparisons(req: In<'listComparisons'>): Promise<ComparisonSummary[]>;
  readComparison(req: In<'readComparison'>): Promise<ComparisonDocument>;
  saveComparison(req: In<'saveComparison'>): Promise<ComparisonSummary>;
  renameComparison(req: In<'renameComparison'>): Promise<ComparisonSummary>;
  deleteComparison(req: In<'deleteComparison'>): Promise<{ file: string }>;
}
