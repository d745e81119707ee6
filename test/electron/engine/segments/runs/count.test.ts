// Counts, measures, tiers, snapshots and as-of on hand-made tables; every expectation is computed by
// hand from test/electron/engine/segments/fixtures (6 accounts as of 2026-11-01, 3 as of 2026-10-01).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSnapshotFromQuery } from '../../../../../electron/engine/workspace/addSnapshot';
import { entity, openFixtureWorkspace, type TestWorkspace } from '../segmentsTestUtils';

let t: TestWorkspace;
beforeAll(async () => {
  t = await openFixtureWorkspace();
});
afterAll(() => t.close());

const count = (where: unknown, extra: Record<string, unknown> = {}) =>
  t.api.countSegment({ target: { definition: { entity, where, ...extra } }, ...('asOf' in extra ? {} : {}) });

describe('countSegment', () => {
  it('counts an eq condition with total, share and measures', async () => {
    const r = await t.api.countSegment({
      target: { definition: { entity, where: { field: 'plan', op: 'eq', value: 'pro' } } },
      measures: ['mrr'],
    });
    // A1, A5, A6 are pro; mrr 100 + 150 + 120 = 370
    expect(r.count).toBe(3);
    expect(r.total).toBe(6);
    expect(r.share).toBe(0.5);
    expect(r.measures).toEqual([{ column: 'mrr', sum: 370, avg: 370 / 3 }]);
    expect(r.snapshot).toBe(t.snaps['accounts_2026-11.csv']);
    expect(r.asOf).toBe('2026-11-01T00:00:00Z');
    expect(r.asOfSource).toBe('snapshot');
  });

  it('a negation is the exact complement', async () => {
    const r = await count({ not: { field: 'plan', op: 'eq', value: 'pro' } });
    expect(r.count).toBe(3);
  });

  it('all-group with NULLs: nps NULL never passes a positive condition', async () => {
    // mrr >= 100 and nps >= 9: A1 (100, 9), A4 (1000, 10); A5 has no nps, A6 has 7
    expect(
      (
        await count({
          all: [
            { field: 'mrr', op: 'gte', value: 100 },
            { field: 'nps', op: 'gte', value: 9 },
          ],
        })
      ).count,
    ).toBe(2);
  });

  it('aggregate metric over a related table with a 30-day window', async () => {
    const metrics = [
      {
        name: 'tickets_30d',
        kind: 'aggregate',
        from: 'tickets',
        on: { entity: 'account_id', related: 'account_id' },
        fn: 'count',
        window: { column: 'created_at', n: 30, unit: 'day' },
      },
    ];
    // window [2026-10-02, 2026-11-01]: A1 has T1, T2; A4 has T4, T5 (T6 is older); A3's T3 is older
    const r = await count({ field: 'tickets_30d', op: 'gte', value: 2 }, { metrics });
    expect(r.count).toBe(2);
    expect(r.related).toEqual({ tickets: t.snaps['tickets.csv'] });
  });

  it('SQL rule through the guard', async () => {
    // active/seats >= 0.9: A1 .9, A2 1, A4 .95, A6 1
    expect((await count({ sql: 'active_seats / nullif(seats, 0) >= 0.9' })).count).toBe(4);
  });

  it('SQL rules and expr metrics may read metrics', async () => {
    const metrics = [
      {
        name: 'tickets_30d',
        kind: 'aggregate',
        from: 'tickets',
        on: { entity: 'account_id', related: 'account_id' },
        fn: 'count',
        window: { column: 'created_at', n: 30, unit: 'day' },
      },
      { name: 'seat_use', kind: 'expr', sql: 'active_seats / nullif(seats, 0)' },
    ];
    // tickets_30d >= 2: A1, A4; of those seat_use > 0.92: A4 (0.95)
    expect((await count({ sql: 'tickets_30d >= 2 AND seat_use > 0.92' }, { metrics })).count).toBe(1);
  });

  it('rejects a dangerous SQL rule as invalid input', async () => {
    await expect(count({ sql: "length(read_text('/etc/passwd')) > 0" })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/read_text/),
    });
  });

  it('inLast on a timestamp uses the snapshot as-of, and an override', async () => {
    const rule = { field: 'last_active_at', op: 'inLast', n: 7, unit: 'day' };
    // [2026-10-25T00:00, 2026-11-01T00:00]: A1, A4, A5
    expect((await count(rule)).count).toBe(3);
    const r = await t.api.countSegment({ target: { definition: { entity, where: rule } }, asOf: '2026-10-01' });
    // [2026-09-24, 2026-10-01T00:00]: only A2 (exactly at the as-of)
    expect(r.count).toBe(1);
    expect(r.asOfSource).toBe('override');
    expect(r.asOf).toBe('2026-10-01T00:00:00Z');
  });

  it('fixed as-of from the definition', async () => {
    const r = await count(
      { field: 'last_active_at', op: 'inLast', n: 7, unit: 'day' },
      { asOf: { kind: 'fixed', at: '2026-10-01' } },
    );
    expect(r.count).toBe(1);
    expect(r.asOfSource).toBe('fixed');
  });

  it('now as-of resolves to the run instant; related tables fall back to their latest snapshot', async () => {
    const before = Date.now();
    const r = await count({ field: 'plan', op: 'eq', value: 'pro' }, { asOf: { kind: 'now' } });
    expect(r.asOfSource).toBe('now');
    expect(Date.parse(r.asOf)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(r.asOf)).toBeLessThanOrEqual(Date.now() + 1000);
    const metrics = [
      {
        name: 'tickets_30d',
        kind: 'aggregate',
        from: 'tickets',
        on: { entity: 'account_id', related: 'account_id' },
        fn: 'count',
        window: { column: 'created_at', n: 30, unit: 'day' },
      },
    ];
    // On the 2026-10-01 accounts snapshot no tickets snapshot is that old: the latest is read and recorded.
    const old = await t.api.countSegment({
      target: { definition: { entity, metrics, where: { field: 'tickets_30d', op: 'gte', value: 0 } } },
      snapshot: t.snaps['accounts_2026-10.csv'],
    });
    expect(old.related).toEqual({ tickets: t.snaps['tickets.csv'] });
    expect(old.count).toBe(3);
  });

  it('share is null when the table is empty', async () => {
    await addSnapshotFromQuery(t.ws, {
      table: 'nobody',
      asOf: '2026-11-01',
      sourceFile: 'generated',
      select: `SELECT 'x' AS id, 1 AS n WHERE false`,
    });
    const r = await t.api.countSegment({
      target: { definition: { entity: { table: 'nobody', key: 'id' }, where: { all: [] } } },
    });
    expect(r).toMatchObject({ count: 0, total: 0, share: null });
  });

  it('isEmpty counts NULL', async () => {
    expect((await count({ field: 'country', op: 'isEmpty' })).count).toBe(1);
  });

  it('counts on an older snapshot', async () => {
    const r = await t.api.countSegment({
      target: { definition: { entity, where: { field: 'plan', op: 'eq', value: 'pro' } } },
      snapshot: t.snaps['accounts_2026-10.csv'],
    });
    // as of 2026-10-01: A1 and A3 are pro
    expect(r).toMatchObject({
      count: 2,
      total: 3,
      snapshot: t.snaps['accounts_2026-10.csv'],
      asOf: '2026-10-01T00:00:00Z',
    });
  });

  it('scheme tiers: first match wins, otherwise gets the rest', async () => {
    const r = await t.api.countSegment({
      target: {
        definition: {
          entity,
          tiers: [
            { name: 'High', where: { field: 'mrr', op: 'gte', value: 500 } },
            { name: 'Mid', where: { field: 'mrr', op: 'gte', value: 100 } },
          ],
          otherwise: 'Low',
        },
      },
    });
    expect(r.tiers).toEqual([
      { name: 'High', count: 1, share: 1 / 6 },
      { name: 'Mid', count: 3, share: 0.5 },
      { name: 'Low', count: 2, share: 2 / 6 },
    ]);
    expect(r.count).toBe(4);
  });

  it('counts several segments at once', async () => {
    const rs = await t.api.countSegments({
      targets: [
        { definition: { entity, where: { field: 'plan', op: 'eq', value: 'pro' } } },
        { definition: { entity, where: { field: 'plan', op: 'in', values: ['free', 'starter'] } } },
        { definition: { entity, where: { any: [] } } },
        { definition: { entity, where: { all: [] } } },
      ],
    });
    expect(rs.map((r) => r.count)).toEqual([3, 2, 0, 6]);
  });

  it('counts mixed segments in one statement (params numbered across branches) and schemes one by one', async () => {
    const metrics = [
      {
        name: 'tickets_30d',
        kind: 'aggregate',
        from: 'tickets',
        on: { entity: 'account_id', related: 'account_id' },
        fn: 'count',
        window: { column: 'created_at', n: 30, unit: 'day' },
      },
    ];
    const targets = [
      { definition: { entity, where: { field: 'tickets_30d', op: 'gte', value: 2 }, metrics } }, // A1, A4
      { definition: { entity, where: { field: 'plan', op: 'in', values: ['free', 'starter', 'enterprise'] } } }, // A2, A3, A4
      { definition: { entity, where: { sql: "plan = 'pro' AND mrr > 110" } } }, // A5, A6
      { definition: { entity, where: { field: 'last_active_at', op: 'inLast', n: 7, unit: 'day' } } }, // A1, A4, A5
    ];
    expect((await t.api.countSegments({ targets })).map((r) => r.count)).toEqual([2, 3, 2, 3]);
    const withScheme = [
      ...targets,
      {
        definition: {
          entity,
          tiers: [{ name: 'Big', where: { field: 'mrr', op: 'gte', value: 500 } }],
          otherwise: 'Rest',
        },
      },
    ];
    const rs = await t.api.countSegments({ targets: withScheme });
    expect(rs.map((r) => r.count)).toEqual([2, 3, 2, 3, 1]);
    expect(rs[4]!.tiers).toEqual([
      { name: 'Big', count: 1, share: 1 / 6 },
      { name: 'Rest', count: 5, share: 5 / 6 },
    ]);
  });

  it('an ambiguous lookup is invalid input naming the key', async () => {
    const metrics = [
      {
        name: 'region',
        kind: 'lookup',
        from: 'countries',
        on: { entity: 'country', related: 'country' },
        column: 'region',
      },
    ];
    await expect(count({ field: 'region', op: 'eq', value: 'Europe' }, { metrics })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/ambiguous.*US/),
    });
  });

  it('missing and retyped fields are invalid input listing them', async () => {
    const where = { field: 'plan', op: 'eq', value: 'pro' };
    const both = { all: [where, { field: 'churn_score', op: 'gt', value: 1 }] };
    await expect(
      count(both, { fields: { accounts: { plan: 'VARCHAR', churn_score: 'DOUBLE' } } }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/accounts\.churn_score is missing/),
    });
    await expect(count(where, { fields: { accounts: { plan: 'INTEGER' } } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/accounts\.plan changed type from INTEGER to VARCHAR/),
    });
    await expect(count({ field: 'Plan', op: 'eq', value: 'pro' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Plan/),
    });
  });

  it('a newer live count interrupts the previous one of the same key', async () => {
    const slow = { sql: "regexp_matches(plan || plan || plan, '(a|b|c|d|e)+x$')" };
    const first = t.api.countSegment({ target: { definition: { entity, where: slow } }, liveKey: 'panel' });
    const second = t.api.countSegment({
      target: { definition: { entity, where: { field: 'plan', op: 'eq', value: 'pro' } } },
      liveKey: 'panel',
    });
    const [a, b] = await Promise.allSettled([first, second]);
    expect(b).toMatchObject({ status: 'fulfilled', value: { count: 3 } });
    // The first either finished before the second started or was interrupted; never a wrong number.
    if (a.status === 'fulfilled') expect(a.value.count).toBe(0);
    else expect(a.reason).toMatchObject({ code: 'interrupted' });
  });
});
