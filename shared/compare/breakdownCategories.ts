/**
 * Which of a breakdown's categories are worth a bar (pure; the engine and the renderer alike). The
 * category list is shared by every column, so (empty) or Other stays while any column or the whole
 * table has a row there, and goes when none has: an "(empty)" bar of zeros says nothing. Bins and
 * values always stay: an empty bin is a gap in the range, and a listed value was found in the data.
 */
import type { BreakdownCategory, BreakdownResult } from '../api/compareApi';

const DROPPABLE: ReadonlySet<BreakdownCategory['kind']> = new Set(['empty', 'other']);

/** The breakdown without its (empty) and Other categories that no row falls in (the same object when none). */
export function withoutUnusedCategories(r: BreakdownResult): BreakdownResult {
  const unused = new Set<number>();
  r.details.forEach((d, k) => {
    // The baseline is the whole table, which holds every member; the columns are checked all the same.
    const used = (r.baseline.counts[k] ?? 0) > 0 || r.counts.some((c) => (c[k] ?? 0) > 0);
    if (DROPPABLE.has(d.kind) && !used) unused.add(k);
  });
  if (unused.size === 0) return r;
  const keep = <T>(xs: readonly T[]): T[] => xs.filter((_, k) => !unused.has(k));
  const out: BreakdownResult = {
    ...r,
    details: keep(r.details),
    categories: keep(r.categories),
    counts: r.counts.map(keep),
    baseline: { ...r.baseline, counts: keep(r.baseline.counts) },
  };
  if (r.values) out.values = r.values.map(keep);
  if (r.baseline.values) out.baseline.values = keep(r.baseline.values);
  return out;
}
