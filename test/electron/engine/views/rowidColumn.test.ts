// A user column named `rowid` (any case) shadows DuckDB's rowid pseudo-column, which the views page
// by. Tables whose columns also carry the views' and the compiler's helper names (rid, e, n) are
// imported, then paged in natural order, sorted, filtered, filtered to a segment and given
// membership and metric columns; every page is checked against the generated rows in JS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { ViewCache } from '../../../../electron/engine/views/viewCache';
import type { GridFilter, SortSpec } from '../../../../shared/api/dataApi';
import { tempDir } from '../engineTestUtils';

const N = 2500;
const PLANS = ['free', 'starter', 'pro', 'enterprise'];

interface R {
  rowid: number;
  id: number;
  plan: string;
  rid: number;
  e: string;
  n: number;
}

/**
 * The `rowid` column is a permutation of 1000..1000+N-1 that is not the row order (37 is coprime
 * with N), so paging by it, or breaking ties by it, gives visibly different rows.
 */
function data(): R[] {
  let x = 777;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: N }, (_, i) => ({
    rowid: 1000 + ((i * 37) % N),
    id: i + 1,
    plan: PLANS[Math.floor(next() * 4)]!,
    rid: N - i,
    e: `e${i % 5}`,
    n: Math.floor(next() * 100),
  }));
}

/** Stable JS sort by one column (natural order breaks ties). */
function sortBy(rows: R[], column: keyof R, dir: 'asc' | 'desc'): R[] {
  const sign = dir === 'desc' ? -1 : 1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const va = a.r[column];
      const vb = b.r[column];
      return va < vb ? -sign : va > vb ? sign : a.i - b.i;
    })
    .map((x) => x.r);
}

const ids = (rows: Record<string, unknown>[]) => rows.map((r) => Number(r.id));

describe('views over a table with a column named rowid', () => {
  const t = tempDir();
  const rows = data();
  let ws: Workspace;
  let views: ViewCache;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const p = join(t.dir, 'acc.csv');
    writeFileSync(
      p,
      `rowid,id,plan,rid,e,n\n${rows.map((r) => `${r.rowid},${r.id},${r.plan},${r.rid},${r.e},${r.n}`).join('\n')}\n`,
    );
    await importFile(ws, { kind: 'path', path: p }, { table: 'acc', key: 'id' });
    views = new ViewCache(ws);
  });
  afterAll(async () => {
    await views?.clear();
    ws?.close();
    t.cleanup();
  });

  it('imports the column under its own name with its own values', async () => {
    const cols = await ws.columns((await ws.resolveSnapshot('acc')).relation);
    expect(cols.map((c) => c.name)).toEqual(['rowid', 'id', 'plan', 'rid', 'e', 'n']);
  });

  it('pages in natural order (file order), with every column as written', async () => {
    for (const off of [0, 1234, N - 3]) {
      const page = await views.rows({ table: 'acc' }, off, 5);
      expect(page.total).toBe(N);
      expect(page.rows).toEqual(rows.slice(off, off + 5).map((r) => ({ ...r })));
    }
  });

  for (const [column, dir] of [
    ['plan', 'asc'],
    ['rowid', 'desc'],
    ['n', 'desc'],
    ['e', 'asc'],
  ] as const) {
    it(`sorted by ${column} ${dir}: ties in file order, pages across the read-ahead`, async () => {
      const sort: SortSpec = [{ column, dir }];
      const expected = sortBy(rows, column, dir);
      expect(await views.prepare({ table: 'acc', sort })).toEqual({ total: N });
      for (const off of [0, 299, 1800]) {
        const page = await views.rows({ table: 'acc', sort }, off, 7);
        expect(page.rows).toEqual(expected.slice(off, off + 7).map((r) => ({ ...r })));
      }
    });
  }

  it('filters on the rowid column and on the helper-named ones', async () => {
    const filters: GridFilter[] = [
      { field: 'rowid', op: 'lt', value: 1800 },
      { field: 'rid', op: 'gte', value: 500 },
      { field: 'e', op: 'neq', value: 'e1' },
    ];
    const expected = rows.filter((r) => r.rowid < 1800 && r.rid >= 500 && r.e !== 'e1');
    const { total } = await views.prepare({ table: 'acc', filters });
    expect(total).toBe(expected.length);
    expect(ids((await views.rows({ table: 'acc', filters }, 0, N)).rows)).toEqual(expected.map((r) => r.id));
    const sort: SortSpec = [{ column: 'n', dir: 'asc' }];
    expect(ids((await views.rows({ table: 'acc', filters, sort }, 10, 20)).rows)).toEqual(
      sortBy(expected, 'n', 'asc')
        .slice(10, 30)
        .map((r) => r.id),
    );
  });

  const pro = { entity: { table: 'acc', key: 'id' }, where: { field: 'plan', op: 'eq', value: 'pro' } };
  /** Keyed by the rowid column itself (a SQLite export's key). */
  const low = { entity: { table: 'acc', key: 'rowid' }, where: { field: 'rowid', op: 'lt', value: 1100 } };

  it('filters to a segment (keyed by id, and keyed by the rowid column)', async () => {
    const sort: SortSpec = [{ column: 'rowid', dir: 'asc' }];
    const proRows = rows.filter((r) => r.plan === 'pro');
    const a = await views.rows({ table: 'acc', segment: { definition: pro } }, 0, N);
    expect(a.total).toBe(proRows.length);
    expect(ids(a.rows)).toEqual(proRows.map((r) => r.id));
    const b = await views.rows({ table: 'acc', sort, segment: { definition: low } }, 0, N);
    expect(b.total).toBe(100);
    expect(ids(b.rows)).toEqual(
      sortBy(
        rows.filter((r) => r.rowid < 1100),
        'rowid',
        'asc',
      ).map((r) => r.id),
    );
  });

  it('flags membership and gives metric values for the page rows', async () => {
    const sort: SortSpec = [{ column: 'rid', dir: 'asc' }];
    const view = {
      table: 'acc',
      sort,
      membership: [{ definition: pro }, { definition: low }],
      metrics: { definition: { definition: low }, names: ['rowid', 'n'] },
    };
    const page = await views.rows(view, 40, 30);
    const expected = sortBy(rows, 'rid', 'asc').slice(40, 70);
    expect(ids(page.rows)).toEqual(expected.map((r) => r.id));
    expect(page.membership).toEqual(expected.map((r) => [r.plan === 'pro', r.rowid < 1100]));
    expect(page.metrics).toEqual(expected.map((r) => ({ rowid: r.rowid, n: r.n })));
  });

  it('drops the renamed copy with its last view', async () => {
    const cached = async () =>
      Number((await ws.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'viewcache'`))[0]?.n);
    expect(await cached()).toBeGreaterThan(0);
    await views.clear();
    expect(await cached()).toBe(0);
    // and builds it again on demand
    expect((await views.rows({ table: 'acc' }, 7, 1)).rows).toEqual([{ ...rows[7]! }]);
  });
});

describe('views over a table with a text column named ROWID', () => {
  const t = tempDir();
  let ws: Workspace;
  let views: ViewCache;
  // ROWID is text here: a view that read it as the row position could not even parse it.
  const lines = ['b-1,1,x', 'a-2,2,y', 'c-3,3,x', 'a-4,4,z', 'b-5,5,y'];
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const p = join(t.dir, 'tk.csv');
    writeFileSync(p, `ROWID,num,tag\n${lines.join('\n')}\n`);
    await importFile(ws, { kind: 'path', path: p }, { table: 'tk' });
    views = new ViewCache(ws);
  });
  afterAll(async () => {
    await views?.clear();
    ws?.close();
    t.cleanup();
  });

  it('pages, sorts and filters by file position, not by the ROWID column', async () => {
    expect((await views.rows({ table: 'tk' }, 1, 2)).rows).toEqual([
      { ROWID: 'a-2', num: 2, tag: 'y' },
      { ROWID: 'c-3', num: 3, tag: 'x' },
    ]);
    const sorted = await views.rows({ table: 'tk', sort: [{ column: 'tag', dir: 'asc' }] }, 0, 10);
    expect(sorted.rows.map((r) => r.num)).toEqual([1, 3, 2, 5, 4]);
    const byRowid = await views.rows({ table: 'tk', sort: [{ column: 'ROWID', dir: 'desc' }] }, 0, 10);
    expect(byRowid.rows.map((r) => r.ROWID)).toEqual(['c-3', 'b-5', 'b-1', 'a-4', 'a-2']);
    const filtered = await views.rows(
      { table: 'tk', filters: [{ field: 'ROWID', op: 'startsWith', value: 'a' }] },
      0,
      10,
    );
    expect(filtered.rows.map((r) => r.num)).toEqual([2, 4]);
  });
});

describe('import and fingerprint of a column named rowid', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });
  const load = async (table: string, body: string[]) => {
    const p = join(t.dir, `${table}.csv`);
    writeFileSync(p, `rowid,x\n${body.join('\n')}\n`);
    return importFile(ws, { kind: 'path', path: p }, { table, key: 'rowid' });
  };

  it('hashes the column, not the row position; checks it as a key', async () => {
    const a = await load('a', ['5,p', '6,q', '6,r', '8,s']);
    const shuffled = await load('b', ['6,r', '8,s', '5,p', '6,q']);
    const swapped = await load('c', ['6,p', '5,q', '6,r', '8,s']);
    expect(shuffled.snapshot.fingerprint.contentHash).toBe(a.snapshot.fingerprint.contentHash);
    expect(swapped.snapshot.fingerprint.contentHash).not.toBe(a.snapshot.fingerprint.contentHash);
    expect(a.columns).toEqual([
      { name: 'rowid', type: 'BIGINT' },
      { name: 'x', type: 'VARCHAR' },
    ]);
    // 6 twice: one duplicate (a position would never repeat).
    expect(a.duplicateKeys).toEqual({ column: 'rowid', count: 1, examples: ['6'] });
  });
});
