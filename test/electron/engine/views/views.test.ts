// Views: sorted and filtered pages equal an independent evaluation in JS over the same rows
// (generated here, not read back from the engine), at any offset, across block boundaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { FETCH_CHUNK, ViewCache } from '../../../../electron/engine/views/viewCache';
import type { GridFilter, SortSpec } from '../../../../shared/api/dataApi';
import { tempDir } from '../engineTestUtils';

interface R {
  id: number;
  plan: string;
  mrr: number | null;
  note: string | null;
}

const PLANS = ['free', 'starter', 'pro', 'enterprise'];
/** Small deterministic LCG, so the data is fixed and independent of DuckDB. */
function data(n: number): R[] {
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    plan: PLANS[Math.floor(next() * 4)]!,
    mrr: next() < 0.1 ? null : Math.floor(next() * 500),
    note: next() < 0.2 ? null : `Note ${Math.floor(next() * 50)}% _x`,
  }));
}

function cmp(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return 1; // NULLS LAST either direction
  if (b === null) return -1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}
function sortJs(rows: R[], sort: SortSpec): R[] {
  return [...rows].sort((a, b) => {
    for (const s of sort) {
      const va = a[s.column as keyof R];
      const vb = b[s.column as keyof R];
      if (va === null || vb === null) {
        const c = cmp(va, vb);
        if (c) return c;
        continue;
      }
      const c = cmp(va, vb) * (s.dir === 'desc' ? -1 : 1);
      if (c) return c;
    }
    return a.id - b.id; // stable: natural order
  });
}

describe('views: paged sort and filters', () => {
  const t = tempDir();
  const rows = data(20_000);
  let ws: Workspace;
  let views: ViewCache;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const p = join(t.dir, 'acc.csv');
    const esc = (v: string | null) => (v === null ? '' : `"${v}"`);
    writeFileSync(
      p,
      `id,plan,mrr,note\n${rows.map((r) => `${r.id},${r.plan},${r.mrr ?? ''},${esc(r.note)}`).join('\n')}\n`,
    );
    await importFile(ws, { kind: 'path', path: p }, { table: 'acc' });
    views = new ViewCache(ws);
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('natural order pages by rowid range', async () => {
    const page = await views.rows({ table: 'acc' }, 12_345, 5);
    expect(page.total).toBe(20_000);
    expect(page.rows.map((r) => r.id)).toEqual([12346, 12347, 12348, 12349, 12350]);
    expect((await views.rows({ table: 'acc' }, 19_998, 10)).rows.map((r) => r.id)).toEqual([19999, 20000]);
  });

  for (const sort of [
    [{ column: 'mrr', dir: 'desc' }],
    [
      { column: 'plan', dir: 'asc' },
      { column: 'mrr', dir: 'asc' },
    ],
    [{ column: 'note', dir: 'asc' }],
  ] as SortSpec[]) {
    it(`sorted by ${JSON.stringify(sort)} equals a JS sort at several offsets`, async () => {
      const expected = sortJs(rows, sort).map((r) => r.id);
      const { total } = await views.prepare({ table: 'acc', sort });
      expect(total).toBe(rows.length);
      for (const off of [0, 777, 15_000, 19_990]) {
        const page = await views.rows({ table: 'acc', sort }, off, 20);
        expect(page.rows.map((r) => r.id)).toEqual(expected.slice(off, off + 20));
      }
    });
  }

  it('filters follow the two-valued semantics and literal text matching', async () => {
    const filters: GridFilter[] = [
      { field: 'plan', op: 'in', values: ['pro', 'enterprise'] },
      { field: 'mrr', op: 'between', min: 100, max: 300 },
      { field: 'note', op: 'contains', value: '5% _' }, // % and _ literal
    ];
    const expected = rows.filter(
      (r) =>
        (r.plan === 'pro' || r.plan === 'enterprise') &&
        r.mrr !== null &&
        r.mrr >= 100 &&
        r.mrr <= 300 &&
        r.note !== null &&
        r.note.toLowerCase().includes('5% _'),
    );
    const sort: SortSpec = [{ column: 'mrr', dir: 'asc' }];
    const { total } = await views.prepare({ table: 'acc', sort, filters });
    expect(total).toBe(expected.length);
    const page = await views.rows({ table: 'acc', sort, filters }, 0, 5000);
    expect(page.rows.map((r) => r.id)).toEqual(sortJs(expected, sort).map((r) => r.id));
  });

  it('negative filters are true for NULL (neq, notContains), isEmpty catches NULLs', async () => {
    const cases: [GridFilter, (r: R) => boolean][] = [
      [{ field: 'mrr', op: 'neq', value: 0 }, (r) => r.mrr !== 0],
      [
        { field: 'note', op: 'notContains', value: 'note 1' },
        (r) => r.note === null || !r.note.toLowerCase().includes('note 1'),
      ],
      [{ field: 'mrr', op: 'isEmpty' }, (r) => r.mrr === null],
      [{ field: 'plan', op: 'startsWith', value: 'ENT' }, (r) => r.plan.startsWith('ent')],
      [{ field: 'mrr', op: 'gte', value: 499 }, (r) => r.mrr !== null && r.mrr >= 499],
    ];
    for (const [f, pred] of cases) {
      const { total } = await views.prepare({ table: 'acc', filters: [f] });
      expect([f.op, total]).toEqual([f.op, rows.filter(pred).length]);
      const first = await views.rows({ table: 'acc', filters: [f] }, 0, 3);
      expect(first.rows.map((r) => r.id)).toEqual(
        rows
          .filter(pred)
          .slice(0, 3)
          .map((r) => r.id),
      );
    }
  });

  it('a page larger than one fetch statement keeps the order', async () => {
    const sort: SortSpec = [
      { column: 'plan', dir: 'desc' },
      { column: 'note', dir: 'desc' },
    ];
    const expected = sortJs(rows, sort).map((r) => r.id);
    const page = await views.rows({ table: 'acc', sort }, 3, FETCH_CHUNK + 250);
    expect(page.rows.map((r) => r.id)).toEqual(expected.slice(3, 3 + FETCH_CHUNK + 250));
  });

  it('unknown columns are an error, not a guess', async () => {
    await expect(views.prepare({ table: 'acc', sort: [{ column: 'MRR', dir: 'asc' }] })).rejects.toThrow(
      /No column named 'MRR'/,
    );
  });
});
