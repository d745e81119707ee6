// Which breakdown categories stay: (empty) and Other only while a column or the whole table has a row
// there; their counts, sums and averages are dropped in step with the labels.
import { describe, expect, it } from 'vitest';
import type { BreakdownResult } from '../../../shared/api/compareApi';
import { withoutUnusedCategories } from '../../../shared/compare/breakdownCategories';

const base: BreakdownResult = {
  column: 'plan',
  family: 'text',
  value: 'sum',
  measure: 'mrr',
  categories: ['pro', 'free', null, null],
  details: [
    { label: 'pro', value: 'pro', kind: 'value' },
    { label: 'free', value: 'free', kind: 'value' },
    { label: 'Other', value: null, kind: 'other' },
    { label: '(empty)', value: null, kind: 'empty' },
  ],
  counts: [
    [3, 0, 1, 0],
    [1, 2, 0, 0],
  ],
  values: [
    [300, null, 50, null],
    [100, 0, null, null],
  ],
  baseline: { counts: [4, 2, 1, 0], values: [400, 0, 50, null] },
};

describe('withoutUnusedCategories', () => {
  it('drops an (empty) no row falls in, with its counts and values', () => {
    const r = withoutUnusedCategories(base);
    expect(r.details.map((d) => d.label)).toEqual(['pro', 'free', 'Other']);
    expect(r.categories).toEqual(['pro', 'free', null]);
    expect(r.counts).toEqual([
      [3, 0, 1],
      [1, 2, 0],
    ]);
    expect(r.values).toEqual([
      [300, null, 50],
      [100, 0, null],
    ]);
    expect(r.baseline).toEqual({ counts: [4, 2, 1], values: [400, 0, 50] });
  });

  it('keeps (empty) when one column or the whole table has a row there', () => {
    const inColumn = { ...base, counts: [base.counts[0]!, [1, 2, 0, 1]] };
    expect(withoutUnusedCategories(inColumn).details).toHaveLength(4);
    const inTable = { ...base, baseline: { counts: [4, 2, 1, 2], values: [400, 0, 50, 30] } };
    const r = withoutUnusedCategories(inTable);
    expect(r).toBe(inTable);
    expect(r.baseline.counts).toEqual([4, 2, 1, 2]);
  });

  it('drops an Other of zeros too, never a value or a bin', () => {
    const r = withoutUnusedCategories({
      ...base,
      counts: [
        [3, 0, 0, 0],
        [1, 0, 0, 0],
      ],
      values: undefined,
      value: 'count',
      baseline: { counts: [4, 0, 0, 0] },
    });
    // 'free' has no row in any column here but is a value found in the table's top values: it stays.
    expect(r.details.map((d) => d.label)).toEqual(['pro', 'free']);
    expect(r.values).toBeUndefined();
  });
});
