// Segments in grid views: a view filtered to a definition's members, membership flags and metric
// values per page, checked against sets and values computed by hand from the tiny tables below
// (as-of fixed at 2026-06-30, tickets window [2026-05-31, 2026-06-30] inclusive, SPEC §4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { ViewCache } from '../../../../electron/engine/views/viewCache';
import { createSegmentsService } from '../../../../electron/engine/segments/segmentsService';
import { tempDir } from '../engineTestUtils';

// id, plan, mrr, last_active
const ACCOUNTS: [number, string, number, string][] = [
  [1, 'pro', 100, '2026-06-29'],
  [2, 'free', 0, '2026-06-01'],
  [3, 'pro', 300, '2026-06-28'],
  [4, 'starter', 50, '2026-06-25'],
  [5, 'pro', 200, ''],
  [6, 'enterprise', 900, '2026-06-30'],
  [7, 'starter', 80, '2026-05-01'],
  [8, 'pro', 150, '2026-06-27'],
];
const TICKETS: [number, string][] = [
  [1, '2026-06-20'],
  [1, '2026-06-10'],
  [3, '2026-04-01'],
  [4, '2026-06-29'],
  [6, '2026-06-01'],
  [6, '2026-06-15'],
  [6, '2026-06-30'],
  [8, '2026-05-31'],
  [2, '2026-06-15'],
  [2, '2026-07-02'],
];
/** Hand-computed: days from last_active to 2026-06-30, and tickets in the 30-day window. */
const INACTIVE: Record<number, number | null> = { 1: 1, 2: 29, 3: 2, 4: 5, 5: null, 6: 0, 7: 60, 8: 3 };
const TICKETS_30D: Record<number, number> = { 1: 2, 2: 1, 3: 0, 4: 1, 5: 0, 6: 3, 7: 0, 8: 1 };
/** inactive_days ≤ 5 and tickets_30d ≥ 1. */
const ENGAGED = new Set([1, 4, 6, 8]);
const PRO = new Set([1, 3, 5, 8]);
const MRR: Record<number, number> = Object.fromEntries(ACCOUNTS.map((a) => [a[0], a[2]]));

const engaged = {
  entity: { table: 'acc', key: 'id' },
  asOf: { kind: 'fixed', at: '2026-06-30T00:00:00Z' },
  metrics: [
    { name: 'inactive_days', kind: 'daysSince', of: 'last_active' },
    {
      name: 'tickets_30d',
      kind: 'aggregate',
      from: 'tickets',
      on: { entity: 'id', related: 'account_id' },
      fn: 'count',
      window: { column: 'created_at', n: 30, unit: 'day' },
    },
  ],
  where: {
    all: [
      { field: 'inactive_days', op: 'lte', value: 5 },
      { field: 'tickets_30d', op: 'gte', value: 1 },
    ],
  },
};
const pro = { entity: { table: 'acc', key: 'id' }, where: { field: 'plan', op: 'eq', value: 'pro' } };

describe('views: segment filter, membership and metric columns', () => {
  const t = tempDir();
  let ws: Workspace;
  let views: ViewCache;
  let proFile = '';
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const a = join(t.dir, 'acc.csv');
    writeFileSync(a, `id,plan,mrr,last_active\n${ACCOUNTS.map((r) => r.join(',')).join('\n')}\n`);
    await importFile(ws, { kind: 'path', path: a }, { table: 'acc', columnTypes: { last_active: 'DATE' } });
    const tk = join(t.dir, 'tickets.csv');
    writeFileSync(tk, `account_id,created_at\n${TICKETS.map((r) => r.join(',')).join('\n')}\n`);
    await importFile(ws, { kind: 'path', path: tk }, { table: 'tickets', columnTypes: { created_at: 'DATE' } });
    const service = createSegmentsService({ workspace: () => ws, emit: () => {} });
    proFile = (await service.saveDefinition({ name: 'Pro', definition: pro })).file;
    views = new ViewCache(ws);
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it("a SQL rule DuckDB cannot evaluate: the grid's error names the rule, never DuckDB's class or internal tables", async () => {
    const clash = {
      entity: { table: 'acc', key: 'id' },
      where: { any: [{ field: 'mrr', op: 'gt', value: 500 }, { sql: 'plan > 5' }] },
    };
    for (const run of [
      () => views.prepare({ table: 'acc', segment: { definition: clash } }),
      () => views.rows({ table: 'acc', membership: [{ definition: clash }] }, 0, 10),
    ]) {
      const err = await run().then(
        () => null,
        (e: unknown) => e as Error & { code: string },
      );
      expect(err?.code).toBe('invalid_input');
      expect(err?.message).toMatch(
        /^SQL rule 2 \(plan > 5\): DuckDB could not evaluate it on this table \(Cannot compare values of type VARCHAR and type INTEGER /,
      );
      expect(err?.message).not.toMatch(/Binder Error|snap|_LITERAL/);
    }
  });

  const ids = (rows: Record<string, unknown>[]) => rows.map((r) => Number(r.id));

  it('filters to the members, in natural order, with their total', async () => {
    const view = { table: 'acc', segment: { definition: engaged } };
    expect(await views.prepare(view)).toEqual({ total: ENGAGED.size });
    const page = await views.rows(view, 0, 100);
    expect(page.total).toBe(ENGAGED.size);
    expect(ids(page.rows)).toEqual([...ENGAGED].sort((x, y) => x - y));
  });

  it('pages members under a sort, and combines with grid filters', async () => {
    const sort = [{ column: 'mrr', dir: 'desc' as const }];
    const expected = [...ENGAGED].sort((x, y) => MRR[y]! - MRR[x]!);
    const view = { table: 'acc', sort, segment: { definition: engaged } };
    expect(ids((await views.rows(view, 0, 10)).rows)).toEqual(expected);
    expect(ids((await views.rows(view, 1, 2)).rows)).toEqual(expected.slice(1, 3));
    expect(ids((await views.rows(view, 3, 5)).rows)).toEqual(expected.slice(3));
    const both = { ...view, filters: [{ field: 'plan', op: 'eq' as const, value: 'pro' }] };
    const page = await views.rows(both, 0, 10);
    expect(page.total).toBe([...ENGAGED].filter((id) => PRO.has(id)).length);
    expect(ids(page.rows)).toEqual(expected.filter((id) => PRO.has(id)));
  });

  it('overlap cells: members also in another (A ∩ B), A without B, and the rest of the table', async () => {
    const sorted = (xs: Iterable<number>) => [...xs].sort((x, y) => x - y);
    const both = { table: 'acc', segment: { definition: engaged }, alsoIn: [{ file: proFile }] };
    expect(ids((await views.rows(both, 0, 100)).rows)).toEqual(sorted([...ENGAGED].filter((id) => PRO.has(id))));
    const without = {
      table: 'acc',
      segment: { definition: engaged },
      notIn: [{ file: proFile }],
      filters: [{ field: 'mrr', op: 'gt' as const, value: 0 }],
    };
    // Parameters of the member selects and of the grid filter are numbered one after the other.
    expect(ids((await views.rows(without, 0, 100)).rows)).toEqual(
      sorted([...ENGAGED].filter((id) => !PRO.has(id) && MRR[id]! > 0)),
    );
    const rest = { table: 'acc', notIn: [{ definition: engaged }] };
    expect(await views.prepare(rest)).toEqual({ total: ACCOUNTS.length - ENGAGED.size });
    expect(ids((await views.rows(rest, 0, 100)).rows)).toEqual(
      sorted(ACCOUNTS.map((a) => a[0]).filter((id) => !ENGAGED.has(id))),
    );
    // A scheme's tier is a segment too: tiers of mrr ≥ 200 / ≥ 100 / otherwise.
    const tiers = {
      entity: { table: 'acc', key: 'id' },
      tiers: [
        { name: 'Big', where: { field: 'mrr', op: 'gte', value: 200 } },
        { name: 'Mid', where: { field: 'mrr', op: 'gte', value: 100 } },
      ],
      otherwise: 'Small',
    };
    const mid = await views.rows({ table: 'acc', segment: { definition: tiers, tier: 'Mid' } }, 0, 100);
    expect(ids(mid.rows)).toEqual(sorted(ACCOUNTS.filter((a) => a[2] >= 100 && a[2] < 200).map((a) => a[0])));
    const small = await views.rows({ table: 'acc', segment: { definition: tiers, tier: 'Small' } }, 0, 100);
    expect(ids(small.rows)).toEqual(sorted(ACCOUNTS.filter((a) => a[2] < 100).map((a) => a[0])));
  });

  it('filters by a saved file the same way as by its definition', async () => {
    const page = await views.rows({ table: 'acc', segment: { file: proFile } }, 0, 100);
    expect(ids(page.rows)).toEqual([...PRO].sort((x, y) => x - y));
  });

  it('flags membership of each chosen definition per row of the page only', async () => {
    const sort = [{ column: 'mrr', dir: 'asc' as const }];
    const view = { table: 'acc', sort, membership: [{ definition: engaged }, { file: proFile }] };
    const page = await views.rows(view, 2, 4);
    const got = ids(page.rows);
    expect(got).toEqual(
      Object.keys(MRR)
        .map(Number)
        .sort((x, y) => MRR[x]! - MRR[y]!)
        .slice(2, 6),
    );
    expect(page.membership).toEqual(got.map((id) => [ENGAGED.has(id), PRO.has(id)]));
  });

  it("gives the metrics' values for the page's rows", async () => {
    const view = {
      table: 'acc',
      metrics: { definition: { definition: engaged }, names: ['inactive_days', 'tickets_30d'] },
    };
    const page = await views.rows(view, 0, 100);
    expect(page.total).toBe(ACCOUNTS.length);
    expect(page.metrics).toEqual(
      ids(page.rows).map((id) => ({ inactive_days: INACTIVE[id], tickets_30d: TICKETS_30D[id] })),
    );
    // Under a members filter and a sort: still aligned with the rows.
    const sorted = {
      ...view,
      sort: [{ column: 'last_active', dir: 'desc' as const }],
      segment: { definition: engaged },
    };
    const p2 = await views.rows(sorted, 1, 3);
    expect(ids(p2.rows)).toEqual([1, 8, 4]);
    expect(p2.metrics).toEqual([1, 8, 4].map((id) => ({ inactive_days: INACTIVE[id], tickets_30d: TICKETS_30D[id] })));
  });

  it('refuses a definition about another table and an unknown metric', async () => {
    const other = { entity: { table: 'tickets', key: 'account_id' }, where: { all: [] } };
    await expect(views.prepare({ table: 'acc', segment: { definition: other } })).rejects.toThrow(
      /about table 'tickets'/,
    );
    await expect(
      views.rows({ table: 'acc', metrics: { definition: { definition: engaged }, names: ['nope'] } }, 0, 5),
    ).rejects.toThrow(/nope/);
  });
  it('sorts by a ✓ column: non-members first ascending, members first descending, natural order within', async () => {
    const asc = await views.rows({ table: 'acc', sort: [{ member: { definition: engaged }, dir: 'asc' }] }, 0, 100);
    const all = ACCOUNTS.map((a) => a[0]);
    expect(ids(asc.rows)).toEqual([...all.filter((id) => !ENGAGED.has(id)), ...all.filter((id) => ENGAGED.has(id))]);
    const desc = await views.rows(
      {
        table: 'acc',
        sort: [
          { member: { file: proFile }, dir: 'desc' },
          { column: 'mrr', dir: 'desc' },
        ],
      },
      0,
      100,
    );
    const byMrr = (list: number[]) => [...list].sort((x, y) => MRR[y]! - MRR[x]!);
    expect(ids(desc.rows)).toEqual([
      ...byMrr(all.filter((id) => PRO.has(id))),
      ...byMrr(all.filter((id) => !PRO.has(id))),
    ]);
  });

  it('filters by a ✓ column (alsoIn / notIn without a segment) and profiles only the rows shown', async () => {
    const members = { table: 'acc', alsoIn: [{ definition: engaged }] };
    expect(await views.prepare(members)).toEqual({ total: ENGAGED.size });
    const others = {
      table: 'acc',
      notIn: [{ file: proFile }],
      filters: [{ field: 'mrr', op: 'gt' as const, value: 10 }],
    };
    const expected = ACCOUNTS.filter((a) => !PRO.has(a[0]) && a[2] > 10).map((a) => a[0]);
    expect(await views.prepare(others)).toEqual({ total: expected.length });
    const { relation } = await views.relation(others);
    const [r] = await ws.query(`SELECT count(*) AS n, sum(mrr) AS s FROM ${relation}`);
    expect({ n: Number(r?.n), s: Number(r?.s) }).toEqual({
      n: expected.length,
      s: expected.reduce((t, id) => t + MRR[id]!, 0),
    });
  });
});

describe('views: segment parts on an older snapshot', () => {
  const t = tempDir();
  let ws: Workspace;
  let views: ViewCache;
  let oldId = '';
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const a = join(t.dir, 'acc.csv');
    writeFileSync(a, 'id,plan\n1,pro\n2,free\n3,pro\n');
    oldId = (await importFile(ws, { kind: 'path', path: a }, { table: 'acc', asOf: '2026-01-01' })).snapshot.id;
    writeFileSync(a, 'id,plan\n1,free\n2,pro\n3,pro\n4,pro\n');
    await importFile(ws, { kind: 'path', path: a }, { table: 'acc', asOf: '2026-02-01' });
    views = new ViewCache(ws);
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('filters and flags on the snapshot the grid shows, not the latest', async () => {
    const ids = (rows: Record<string, unknown>[]) => rows.map((r) => Number(r.id));
    const old = await views.rows(
      { table: 'acc', snapshot: oldId, segment: { definition: pro }, membership: [{ definition: pro }] },
      0,
      10,
    );
    expect(ids(old.rows)).toEqual([1, 3]);
    expect(old.membership).toEqual([[true], [true]]);
    const latest = await views.rows({ table: 'acc', membership: [{ definition: pro }] }, 0, 10);
    expect(ids(latest.rows)).toEqual([1, 2, 3, 4]);
    expect(latest.membership).toEqual([[false], [true], [true], [true]]);
    expect((await views.prepare({ table: 'acc', segment: { definition: pro } })).total).toBe(3);
  });
});
