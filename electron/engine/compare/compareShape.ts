/**
 * Pure shaping of a comparison's query results (no SQL, no I/O): per-mask groups into counts, the
 * overlap matrix and measure sums per column; indexes to the baseline; bins; effect sizes. The
 * queries (compareParts.ts) return small aggregates; everything here runs over at most 2^12 groups.
 */
import type { ApartFeature, MeasureStats } from '../../../shared/api/compareApi';

/** One group of the mask scan: rows with exactly this membership bitmask. */
export interface MaskGroup {
  mask: number;
  rows: number;
  /** Per measure: sum over the group's rows (null without values) and non-NULL values. */
  sums: (number | null)[];
  values: number[];
}

export interface Totals {
  rows: number;
  sums: (number | null)[];
  values: number[];
}

const has = (mask: number, i: number): boolean => (mask & (1 << i)) !== 0;

function addInto(t: Totals, g: MaskGroup): void {
  t.rows += g.rows;
  g.sums.forEach((s, m) => {
    if (s !== null) t.sums[m] = (t.sums[m] ?? 0) + s;
  });
  g.values.forEach((v, m) => (t.values[m] = (t.values[m] ?? 0) + v));
}

const empty = (measures: number): Totals => ({
  rows: 0,
  sums: Array.from({ length: measures }, () => null),
  values: Array.from({ length: measures }, () => 0),
});

/** Totals per column, for the whole table and (given) for the rows in no column of `restOf`. */
export function shapeGroups(
  groups: readonly MaskGroup[],
  columns: number,
  measures: number,
): { columns: Totals[]; baseline: Totals; rest: Totals; overlap: number[][] } {
  const cols = Array.from({ length: columns }, () => empty(measures));
  const baseline = empty(measures);
  const rest = empty(measures);
  const overlap = Array.from({ length: columns }, () => Array.from({ length: columns }, () => 0));
  for (const g of groups) {
    addInto(baseline, g);
    if (!has(g.mask, 0)) addInto(rest, g);
    for (let i = 0; i < columns; i++) {
      if (!has(g.mask, i)) continue;
      addInto(cols[i]!, g);
      for (let j = 0; j < columns; j++) if (has(g.mask, j)) overlap[i]![j]! += g.rows;
    }
  }
  return { columns: cols, baseline, rest, overlap };
}

/** Sum, average, median and the average's index to the baseline's average. */
export function measureStats(t: Totals, m: number, median: number | null, baselineAvg: number | null): MeasureStats {
  const values = t.values[m] ?? 0;
  const sum = values > 0 ? (t.sums[m] ?? 0) : null;
  const avg = sum !== null ? sum / values : null;
  const index = avg !== null && baselineAvg !== null && baselineAvg !== 0 ? avg / baselineAvg : null;
  return { values, sum, avg, median: values > 0 ? median : null, index };
}

export const share = (n: number, total: number): number | null => (total === 0 ? null : n / total);

/** A step of 1, 2 or 5 × 10^k near `raw` (readable bin widths). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  const f = raw / base;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  // Round away float noise (0.1 * 3 = 0.30000000000000004).
  return Number((nice * base).toPrecision(12));
}

/**
 * Equal-width bins with nice edges covering [min, max]: `edges` has n + 1 entries; a value v is in
 * bin floor((v − edges[0]) / step), the last bin also holding its upper edge.
 */
export function niceBins(min: number, max: number, target: number): { edges: number[]; step: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { edges: [0, 1], step: 1 };
  if (max <= min) return { edges: [min, min + 1], step: 1 };
  const step = niceStep((max - min) / target);
  const lo = Math.floor(min / step) * step;
  let n = Math.max(1, Math.ceil((max - lo) / step));
  // max on an edge belongs to the last bin: no extra empty bin above it.
  if (lo + n * step < max) n += 1;
  const edges = Array.from({ length: n + 1 }, (_, i) => Number((lo + i * step).toPrecision(12)));
  return { edges, step };
}

export interface SideMoments {
  mean: number | null;
  sd: number | null;
  values: number;
}

/**
 * |standardized mean difference| with the pooled SD sqrt((sdA² + sdB²) / 2) (Cohen's d for two
 * groups of any size); null when either side has no values or both are constant.
 */
export function standardizedDifference(a: SideMoments, b: SideMoments): { effect: number; direction: number } | null {
  if (a.mean === null || b.mean === null || a.values === 0 || b.values === 0) return null;
  const pooled = Math.sqrt(((a.sd ?? 0) ** 2 + (b.sd ?? 0) ** 2) / 2);
  if (!(pooled > 0)) return null;
  const d = (a.mean - b.mean) / pooled;
  return { effect: Math.abs(d), direction: Math.sign(d) };
}

/** Per value: rows on side A and side B. The largest |shareA − shareB| over every value. */
export function largestShareDifference(
  counts: readonly { value: ApartFeature['value']; a: number; b: number }[],
  sizeA: number,
  sizeB: number,
): Pick<ApartFeature, 'effect' | 'value' | 'shareA' | 'shareB'> | null {
  if (sizeA === 0 || sizeB === 0) return null;
  let best: Pick<ApartFeature, 'effect' | 'value' | 'shareA' | 'shareB'> | null = null;
  for (const c of counts) {
    const shareA = c.a / sizeA;
    const shareB = c.b / sizeB;
    const effect = Math.abs(shareA - shareB);
    if (!best || effect > best.effect) best = { effect, value: c.value ?? null, shareA, shareB };
  }
  return best;
}

/** Concentration points: shares of members, ascending, ending at 1 (10%, 20% and 50% among them). */
export const CONCENTRATION_POINTS = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** How many of n members the top share p holds: ⌈p·n⌉, computed exactly for p in hundredths. */
export function topCount(p: number, n: number): number {
  return Math.ceil((Math.round(p * 100) * n) / 100);
}
