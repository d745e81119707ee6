// segmentMembers paging: keyset pages in key order, hand-computed below, including a key shared by
// a member and a non-member row, a member with a NULL key, and a metric over a related table; and
// pages after the first read the run's cached member keys instead of evaluating the rule again.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { membersPage } from '../../../../electron/engine/segments/runs/segmentRuns';
import { loadTarget, prepareLoaded } from '../../../../electron/engine/segments/runs/targetRun';
import type { RunContext } from '../../../../electron/engine/segments/runs/runContext';
import { tempDir } from '../engineTestUtils';

// id, plan: a05 twice (free: not a member; pro: a member), one row without an id.
const ACCOUNTS = [
  ['a01', 'pro'],
  ['a02', 'free'],
  ['a03', 'starter'],
  ['a04', 'pro'],
  ['a05', 'free'],
  ['a05', 'pro'],
  ['a06', 'free'],
  ['a07', 'enterprise'],
  ['', 'pro'],
  ['a08', 'pro'],
];
// Window [2026-05-31, 2026-06-30]: a02 2, a03 1, a06 1 (one is older), a07 3.
const TICKETS = [
  ['a02', '2026-06-10'],
  ['a02', '2026-06-20'],
  ['a03', '2026-06-15'],
  ['a06', '2026-04-01'],
  ['a06', '2026-06-29'],
  ['a07', '2026-06-01'],
  ['a07', '2026-06-02'],
  ['a07', '2026-06-03'],
];
const definition = {
  entity: { table: 'acc', key: 'id' },
  asOf: { kind: 'fixed', at: '2026-06-30T00:00:00Z' },
  metrics: [
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
    any: [
      { field: 'plan', op: 'eq', value: 'pro' },
      { field: 'tickets_30d', op: 'gte', value: 2 },
    ],
  },
};
/** Members in key order (NULL last): pro rows, a02 and a07 by tickets. */
const MEMBERS = [
  ['a01', 'pro', 0],
  ['a02', 'free', 2],
  ['a04', 'pro', 0],
  ['a05', 'pro', 0],
  ['a07', 'enterprise', 3],
  ['a08', 'pro', 0],
] as const;

describe('segment members pages', () => {
  const t = tempDir();
  let ws: Workspace;
  let ctx: RunContext;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const a = join(t.dir, 'acc.csv');
    writeFileSync(a, `id,plan\n${ACCOUNTS.map((r) => r.join(',')).join('\n')}\n`);
    await importFile(ws, { kind: 'path', path: a }, { table: 'acc' });
    const tk = join(t.dir, 'tickets.csv');
    writeFileSync(tk, `account_id,created_at\n${TICKETS.map((r) => r.join(',')).join('\n')}\n`);
    await importFile(ws, { kind: 'path', path: tk }, { table: 'tickets', columnTypes: { created_at: 'DATE' } });
    ctx = await prepareLoaded(ws, loadTarget(ws, { definition }), (await ws.resolveSnapshot('acc')).id);
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  /** Every page of `limit` rows, following nextAfter. */
  async function allPages(columns: string[] | undefined, limit: number) {
    const pages = [];
    let after: string | number | null = null;
    for (let i = 0; i < 20; i++) {
      const page = await membersPage(ws, ctx, columns, after, limit);
      pages.push(page);
      if (page.nextAfter === null) break;
      after = page.nextAfter as string;
    }
    return pages;
  }

  it('pages the keys in key order, two at a time', async () => {
    const pages = await allPages(['id'], 2);
    expect(pages.map((p) => p.rows)).toEqual([
      [{ id: 'a01' }, { id: 'a02' }],
      [{ id: 'a04' }, { id: 'a05' }],
      [{ id: 'a07' }, { id: 'a08' }],
    ]);
    expect(pages.map((p) => p.nextAfter)).toEqual(['a02', 'a05', null]);
    expect(pages.map((p) => p.columns)).toEqual(Array(3).fill([{ name: 'id', type: 'VARCHAR' }]));
  });

  it('one page holds every member, the NULL key last', async () => {
    const [page] = await allPages(['id', 'plan'], 10);
    expect(page!.rows).toEqual([...MEMBERS.map(([id, plan]) => ({ id, plan })), { id: null, plan: 'pro' }]);
  });

  it("gives a member's own row, not another row with its key, and metric values", async () => {
    const pages = await allPages(['plan', 'tickets_30d'], 2);
    expect(pages.flatMap((p) => p.rows)).toEqual(MEMBERS.map(([id, plan, tickets_30d]) => ({ id, plan, tickets_30d })));
    expect(pages[1]!.columns.map((c) => c.name)).toEqual(['id', 'plan', 'tickets_30d']);
    const all = await allPages(undefined, 4);
    expect(all.flatMap((p) => p.rows)).toEqual(MEMBERS.map(([id, plan]) => ({ id, plan })));
  });

  it('reads later pages of keys from the cached member keys, not the related table', async () => {
    await membersPage(ws, ctx, ['id'], 'a01', 2); // builds the cache if needed
    const sql: string[] = [];
    const log = (s: string) => void sql.push(s);
    const spies = [vi.spyOn(ws, 'query'), vi.spyOn(ws, 'queryResult'), vi.spyOn(ws, 'run')];
    for (const s of spies)
      s.mockImplementation(function (this: Workspace, q: string, ...rest: unknown[]) {
        log(q);
        return (Object.getPrototypeOf(ws) as Record<string, (...a: unknown[]) => unknown>)[s.getMockName()]!.call(
          this,
          q,
          ...rest,
        ) as never;
      });
    try {
      expect((await membersPage(ws, ctx, ['id'], 'a04', 2)).rows).toEqual([{ id: 'a05' }, { id: 'a07' }]);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.join('\n')).not.toContain(ctx.snapshots.tickets!.relation);
  });
});
