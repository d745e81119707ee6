// compareSegments on the hand-made fixture tables (test/electron/engine/segments/fixtures): every expected
// figure is worked out here from the six accounts of 2026-11 (listed below) with plain arithmetic or
// small JS helpers over those rows, never from the engine's own output.
//
//   A1 pro        mrr 100  seats 10  nps 9   country US  tickets in [10-02, 11-01]: 2
//   A2 free       mrr 0    seats 1   nps -   country DE  0
//   A3 starter    mrr 20   seats 5   nps 3   country US  0 (its ticket is 09-01)
//   A4 enterprise mrr 1000 seats 100 nps 10  country FR  2 (10-31, 10-05; 08-05 is older)
//   A5 pro        mrr 150  seats 20  nps -   country -   0
//   A6 pro        mrr 120  seats 12  nps 7   country US  0
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompareService } from '../../../../electron/engine/compare/compareService';
import type { CompareApi } from '../../../../shared/api/compareApi';
import { addSnapshotFromQuery } from '../../../../electron/engine/workspace/addSnapshot';
import { entity, openFixtureWorkspace, type TestWorkspace } from '../segments/segmentsTestUtils';

let t: TestWorkspace;
let api: CompareApi;

const asOf = { kind: 'snapshot' };
const tickets30 = {
  name: 'tickets_30d',
  kind: 'aggregate',
  from: 'tickets',
  on: { entity: 'account_id', related: 'account_id' },
  fn: 'count',
  window: { column: 'created_at', n: 30, unit: 'day' },
};
const seg = (name: string, where: unknown, metrics: unknown[] = []) => ({
  name,
  definition: { entity, asOf, metrics, where },
});
const pro = seg('Pro', { field: 'plan', op: 'eq', value: 'pro' });
const paying = seg('Paying 100+', { field: 'mrr', op: 'gte', value: 100 });
const promoters = seg('Promoters', { field: 'nps', op: 'gte', value: 9 });
const ticketed = seg('Ticketed', { field: 'tickets_30d', op: 'gte', value: 1 }, [tickets30]);
const valueTiers = {
  name: 'Value',
  definition: {
    entity,
    asOf,
    tiers: [
      { name: 'High', where: { field: 'mrr', op: 'gte', value: 500 } },
      { name: 'Mid', where: { field: 'mrr', op: 'gte', value: 100 } },
    ],
    otherwise: 'Low',
  },
};

const MRR: Record<string, number> = { A1: 100, A2: 0, A3: 20, A4: 1000, A5: 150, A6: 120 };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sdSamp = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
/** quantile_cont: linear interpolation at (n − 1)·q of the sorted values. */
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (pos - lo) * ((s[Math.ceil(pos)] ?? s[lo]!) - s[lo]!);
};
const mrrOf = (keys: string[]) => keys.map((k) => MRR[k]!);

beforeAll(async () => {
  t = await openFixtureWorkspace();
  api = createCompareService({ workspace: () => t.ws, emit: (e) => t.events.push(e) });
}, 60_000);
afterAll(() => t?.close());

describe('compareSegments on the fixture accounts', () => {
  it('counts, shares, the overlap matrix and KPIs with medians and indexes', async () => {
    const r = await api.compareSegments({
      targets: [pro, paying, promoters, ticketed].map((s) => ({ definition: s.definition, name: s.name })),
      measures: ['mrr', 'tickets_30d'],
    });
    expect(r.total).toBe(6);
    expect(r.segments.map((s) => [s.name, s.count])).toEqual([
      ['Pro', 3],
      ['Paying 100+', 4],
      ['Promoters', 2],
      ['Ticketed', 2],
    ]);
    expect(r.segments[0]!.share).toBeCloseTo(3 / 6, 12);
    // Pro = A1 A5 A6; Paying = A1 A4 A5 A6; Promoters = A1 A4; Ticketed = A1 A4.
    expect(r.overlap).toEqual([
      [3, 3, 1, 1],
      [3, 4, 2, 2],
      [1, 2, 2, 2],
      [1, 2, 2, 2],
    ]);
    const all = mrrOf(['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
    expect(r.baseline.measures.mrr).toMatchObject({ values: 6, sum: 1390, median: quantile(all, 0.5) });
    expect(r.baseline.measures.mrr!.avg).toBeCloseTo(mean(all), 9);
    const proMrr = mrrOf(['A1', 'A5', 'A6']);
    expect(r.segments[0]!.measures.mrr).toMatchObject({ values: 3, sum: 370, median: 120 });
    expect(r.segments[0]!.measures.mrr!.index).toBeCloseTo(mean(proMrr) / mean(all), 12);
    expect(r.segments[1]!.measures.mrr).toMatchObject({
      sum: 1370,
      median: quantile(mrrOf(['A1', 'A4', 'A5', 'A6']), 0.5),
    });
    // The metric as a measure: tickets of A1 (2) + A5 (0) + A6 (0).
    expect(r.segments[0]!.measures.tickets_30d).toMatchObject({ values: 3, sum: 2, median: 0 });
    expect(r.rest).toBeUndefined();
  });

  it('with one segment the rest of the table is a group of its own', async () => {
    const r = await api.compareSegments({ targets: [{ definition: pro.definition }], measures: ['mrr'] });
    expect(r.rest).toMatchObject({ count: 3, measures: { mrr: { sum: 1020, median: 20 } } });
    expect(r.segments[0]!.name).toBe('Draft');
  });

  it('a whole scheme gives one column per tier (otherwise last); tiers never overlap', async () => {
    const r = await api.compareSegments({
      targets: [
        { definition: valueTiers.definition, name: 'Value' },
        { definition: pro.definition, name: 'Pro' },
      ],
    });
    expect(r.segments.map((s) => [s.name, s.kind, s.tier, s.count])).toEqual([
      ['Value / High', 'tier', 'High', 1],
      ['Value / Mid', 'tier', 'Mid', 3],
      ['Value / Low', 'tier', 'Low', 2],
      ['Pro', 'draft', undefined, 3],
    ]);
    expect(r.overlap.slice(0, 3).map((row) => row.slice(0, 3))).toEqual([
      [1, 0, 0],
      [0, 3, 0],
      [0, 0, 2],
    ]);
    // Pro = A1 A5 A6, all three in Mid.
    expect(r.overlap[1]![3]).toBe(3);
    const one = await api.compareSegments({
      targets: [{ definition: valueTiers.definition, name: 'Value', tier: 'Low' }],
    });
    expect(one.segments.map((s) => [s.name, s.count])).toEqual([['Value / Low', 2]]);
    await expect(
      api.compareSegments({ targets: [{ definition: valueTiers.definition, tier: 'Gold' }] }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining("no tier 'Gold'") });
  });

  it('breaks down by text (top values, Other, empty), by values, by binned numbers; totals equal the counts', async () => {
    const targets = [pro, paying].map((s) => ({ definition: s.definition, name: s.name }));
    const plan = await api.compareSegments({ targets, breakdown: { column: 'plan' } });
    // Most frequent first, ties by value: pro 3, then enterprise, free, starter (1 each). Every
    // account has a plan, so there is no (empty) category at all.
    expect(plan.breakdown!.details.map((d) => d.label)).toEqual(['pro', 'enterprise', 'free', 'starter']);
    expect(plan.breakdown!.categories).toEqual(['pro', 'enterprise', 'free', 'starter']);
    expect(plan.breakdown!.counts).toEqual([
      [3, 0, 0, 0],
      [3, 1, 0, 0],
    ]);
    expect(plan.breakdown!.baseline.counts).toEqual([3, 1, 1, 1]);
    const country = await api.compareSegments({
      targets,
      breakdown: { column: 'country', top: 1, value: 'sum', measure: 'mrr' },
    });
    expect(country.breakdown!.details.map((d) => [d.label, d.kind])).toEqual([
      ['US', 'value'],
      ['Other', 'other'],
      ['(empty)', 'empty'],
    ]);
    // A5 has no country, so (empty) stays. Pro: US = A1 + A6, Other none, empty = A5.
    // Paying: US = A1 + A6 (220), Other = A4 (1000), empty = A5 (150).
    // Whole table: US = A1 A3 A6 (240), Other = A2 A4 (1000), empty = A5 (150).
    expect(country.breakdown!.counts).toEqual([
      [2, 0, 1],
      [2, 1, 1],
    ]);
    expect(country.breakdown!.values![1]).toEqual([220, 1000, 150]);
    expect(country.breakdown!.baseline).toEqual({ counts: [3, 2, 1], values: [240, 1000, 150] });
    for (const [i, s] of country.segments.entries())
      expect(country.breakdown!.counts[i]!.reduce((a, b) => a + b, 0)).toBe(s.count);
    const values = await api.compareSegments({ targets, breakdown: { column: 'plan', mode: 'values' } });
    expect(values.breakdown!.categories).toEqual(['enterprise', 'free', 'pro', 'starter']);
    const nps = await api.compareSegments({ targets, breakdown: { column: 'nps', mode: 'values' } });
    expect(nps.breakdown!.categories).toEqual([3, 7, 9, 10, null]);
    expect(nps.breakdown!.baseline.counts).toEqual([1, 1, 1, 1, 2]);
    const mrr = await api.compareSegments({ targets, breakdown: { column: 'mrr', bins: 10 } });
    // 0..1000 in steps of 100; 1000 itself is in the last bin.
    expect(mrr.breakdown!.details.filter((d) => d.kind === 'bin').map((d) => d.lo)).toEqual([
      0, 100, 200, 300, 400, 500, 600, 700, 800, 900,
    ]);
    // Every account has an mrr: ten bins and no (empty) after them (empty bins inside the range stay).
    expect(mrr.breakdown!.baseline.counts).toEqual([2, 3, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(mrr.breakdown!.details.some((d) => d.kind === 'empty')).toBe(false);
    expect(mrr.breakdown!.counts.map((c) => c.length)).toEqual([10, 10]);
  });

  it('a binned number with NULLs keeps (empty) with its counts, sums and averages', async () => {
    const targets = [pro, paying].map((s) => ({ definition: s.definition, name: s.name }));
    const r = await api.compareSegments({
      targets,
      breakdown: { column: 'nps', bins: 4, value: 'sum', measure: 'mrr' },
    });
    const b = r.breakdown!;
    // nps 3, 7, 9, 10 and two NULLs (A2, A5).
    const empty = b.details.findIndex((d) => d.kind === 'empty');
    expect(empty).toBe(b.details.length - 1);
    expect(b.details[empty]!.label).toBe('(empty)');
    expect(b.baseline.counts[empty]).toBe(2);
    // Pro: A5 (mrr 150); Paying: A5 (150); whole table: A2 (0) + A5 (150).
    expect(b.counts.map((c) => c[empty])).toEqual([1, 1]);
    expect(b.values!.map((v) => v[empty])).toEqual([150, 150]);
    expect(b.baseline.values![empty]).toBe(150);
    expect(b.baseline.counts.reduce((a, n) => a + n, 0)).toBe(6);
  });

  it('breaks down dates by calendar period', async () => {
    const r = await api.compareSegments({
      targets: [{ definition: pro.definition }],
      breakdown: { column: 'signup_date', bins: 10 },
    });
    // 2024-05-05 .. 2026-10-10 is 30 months: more than 20, so quarters (2024 Q2 .. 2026 Q4).
    const labels = r.breakdown!.details.map((d) => d.label);
    expect(labels[0]).toBe('2024 Q2');
    expect(labels.at(-1)).toBe('2026 Q4');
    // Every account has a signup date: no (empty) period.
    expect(labels).toHaveLength(11);
    expect(labels).not.toContain('(empty)');
    expect(r.breakdown!.baseline.counts.reduce((a, b) => a + b, 0)).toBe(6);
    // Pro signed up 2026-01-15 (Q1), 2026-03-03 (Q1), 2026-10-10 (Q4).
    expect(r.breakdown!.counts[0]![labels.indexOf('2026 Q1')]).toBe(2);
    expect(r.breakdown!.counts[0]![labels.indexOf('2026 Q4')]).toBe(1);
  });

  it('distribution: exact quartiles per column and a histogram with shared bins', async () => {
    const r = await api.compareSegments({
      targets: [{ definition: paying.definition }],
      distribution: { measure: 'mrr', bins: 5 },
    });
    const d = r.distribution!;
    expect(d.edges).toEqual([0, 200, 400, 600, 800, 1000]);
    const xs = mrrOf(['A1', 'A4', 'A5', 'A6']);
    expect(d.boxes[0]).toEqual({
      values: 4,
      min: 100,
      q1: quantile(xs, 0.25),
      median: quantile(xs, 0.5),
      q3: quantile(xs, 0.75),
      max: 1000,
    });
    expect(d.histograms[0]).toEqual([3, 0, 0, 0, 1]);
    expect(d.baseline.histogram).toEqual([5, 0, 0, 0, 1]);
  });

  it('what sets it apart: standardized mean difference and the largest share difference', async () => {
    const r = await api.compareSegments({ targets: [{ definition: pro.definition }], apart: { column: 0 } });
    const a = r.apart!;
    expect([a.sizeA, a.sizeB]).toEqual([3, 3]);
    const inA = mrrOf(['A1', 'A5', 'A6']);
    const inB = mrrOf(['A2', 'A3', 'A4']);
    const d = (mean(inA) - mean(inB)) / Math.sqrt((sdSamp(inA) ** 2 + sdSamp(inB) ** 2) / 2);
    const mrr = a.features.find((f) => f.field === 'mrr')!;
    expect(mrr.effect).toBeCloseTo(Math.abs(d), 9);
    expect(mrr.direction).toBe(-1);
    expect(mrr.a!.mean).toBeCloseTo(mean(inA), 9);
    // Every Pro row is 'pro', no other row is: the largest possible share difference.
    expect(a.features.find((f) => f.field === 'plan')).toMatchObject({
      kind: 'category',
      value: 'pro',
      shareA: 1,
      shareB: 0,
      effect: 1,
    });
    // cancellation_requested: false for all of Pro; B has A3 true: false 3/3 vs 2/3.
    const cancel = a.features.find((f) => f.field === 'cancellation_requested')!;
    expect(cancel.effect).toBeCloseTo(1 / 3, 12);
    expect(a.skipped).toContainEqual(expect.objectContaining({ field: 'account_id' }));
    for (let i = 1; i < a.features.length; i++)
      expect(a.features[i - 1]!.effect).toBeGreaterThanOrEqual(a.features[i]!.effect);
    // Pro's rule reads plan only: that field is marked as the definition's own, the others are not.
    expect(a.features.filter((f) => f.inDefinition).map((f) => f.field)).toEqual(['plan']);
    // Against another column, both sides' definitions count: Ticketed defines tickets_30d.
    const vs = await api.compareSegments({
      targets: [{ definition: pro.definition }, { definition: ticketed.definition }],
      apart: { column: 0, against: 1 },
    });
    expect(
      vs
        .apart!.features.filter((f) => f.inDefinition)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['plan', 'tickets_30d']);
  });

  it('concentration: the share of a measure held by the top x% of members', async () => {
    const r = await api.compareSegments({
      targets: [{ definition: paying.definition }],
      concentration: { measure: 'mrr' },
    });
    const c = r.concentration!;
    // Paying: 1000, 150, 120, 100 (1370). Top 10% and 20% of 4 = 1 member; 50% = 2.
    expect(c.top[0]).toEqual({ p10: 1000 / 1370, p20: 1000 / 1370, p50: 1150 / 1370 });
    // Whole table: 1000, 150, 120, 100, 20, 0 (1390): top 10% = 1, 20% = ⌈1.2⌉ = 2, 50% = 3.
    expect(c.baseline.top).toEqual({ p10: 1000 / 1390, p20: 1150 / 1390, p50: 1270 / 1390 });
    expect(c.curves[0]!.at(-1)).toBe(1);
    expect(c.totals[0]).toBe(1370);
  });

  it('columns at another as-of or with a clashing metric stay exact (matched by key)', async () => {
    const fixed = {
      name: 'Ticketed before',
      definition: {
        entity,
        asOf: { kind: 'fixed', at: '2026-10-15' },
        metrics: [tickets30],
        where: ticketed.definition.where,
      },
    };
    const wide = { ...tickets30, window: { column: 'created_at', n: 90, unit: 'day' } };
    const clash = seg('Ticketed in 90 days', { field: 'tickets_30d', op: 'gte', value: 1 }, [wide]);
    const r = await api.compareSegments({
      targets: [ticketed, fixed, clash].map((s) => ({ definition: s.definition, name: s.name })),
    });
    // At 2026-10-15 the 30 days are [09-15, 10-15]: only A4's 10-05. Over 90 days: A1, A3, A4.
    expect(r.segments.map((s) => s.count)).toEqual([2, 1, 3]);
    expect(r.overlap).toEqual([
      [2, 1, 2],
      [1, 1, 1],
      [2, 1, 3],
    ]);
    expect(r.warnings.join('\n')).toMatch(/Ticketed before is measured at its own as-of 2026-10-15/);
  });

  it('runs on an older snapshot and reads a table whose column is named rowid', async () => {
    const older = await api.compareSegments({
      targets: [{ definition: paying.definition }],
      snapshot: t.snaps['accounts_2026-10.csv']!,
    });
    expect(older.total).toBe(3);
    await addSnapshotFromQuery(t.ws, {
      table: 'odd',
      asOf: '2026-11-01',
      sourceFile: 'test',
      select: `SELECT i AS id, i * 10 AS RowId, i % 3 AS g FROM range(30) t(i)`,
    });
    const odd = { table: 'odd', key: 'id' };
    const r = await api.compareSegments({
      targets: [
        { definition: { entity: odd, where: { field: 'g', op: 'eq', value: 0 } } },
        { definition: { entity: odd, where: { field: 'RowId', op: 'gte', value: 150 } } },
      ],
      measures: ['RowId'],
      breakdown: { column: 'g', mode: 'values' },
    });
    // g = 0: i = 0, 3, …, 27 (10 rows); RowId ≥ 150: i = 15..29 (15 rows); both: 15, 18, …, 27 (5).
    expect(r.overlap).toEqual([
      [10, 5],
      [5, 15],
    ]);
    expect(r.segments[0]!.measures.RowId!.sum).toBe(((10 * (0 + 27)) / 2) * 10);
    expect(r.breakdown!.counts[1]).toEqual([5, 5, 5]);
  });

  it('refuses what cannot be compared, in the user\u2019s words', async () => {
    const other = { definition: { entity: { table: 'tickets', key: 'ticket_id' }, where: { all: [] } } };
    await expect(api.compareSegments({ targets: [{ definition: pro.definition }, other] })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('must be about one table'),
    });
    await expect(
      api.compareSegments({ targets: [{ definition: pro.definition }], measures: ['plan'] }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining("Cannot measure 'plan': it is text"),
    });
    await expect(
      api.compareSegments({ targets: [{ definition: pro.definition }], breakdown: { column: 'nope' } }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining("No column or metric 'nope'") });
    const many = Array.from({ length: 5 }, () => ({ definition: valueTiers.definition }));
    await expect(api.compareSegments({ targets: many })).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringContaining('at most 12'),
    });
  });
});
