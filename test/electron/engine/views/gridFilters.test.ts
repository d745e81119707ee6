// Grid column filters are compiled by the segment compiler: each filter's count equals a count written
// out by hand (a small table with NULLs in every column) or computed here in JS from the real telco
// CSV's text, and equals the count of a segment whose rule is the same condition.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../../electron/engine/import/importFile';
import { ViewCache } from '../../../../electron/engine/views/viewCache';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import type { GridFilter } from '../../../../shared/api/dataApi';
import { compileSegment } from '../../../../shared/segments/compiler';
import type { Condition } from '../../../../shared/segments/model';
import { REAL_DATA, tempDir } from '../engineTestUtils';

/** The segment with the filter as its only condition, counted by the compiler's member select. */
async function segmentCount(ws: Workspace, table: string, key: string, f: GridFilter): Promise<number> {
  const schemas = { [table]: await ws.columns(table) };
  const def = { entity: { table, key }, where: { ...f } as Condition };
  const q = compileSegment(def, { dialect: 'duckdb', schemas, asOf: { kind: 'instant', at: '2026-11-01T00:00:00Z' } });
  expect(q.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [r] = await ws.query(`SELECT count(*) AS n FROM (${q.sql})`, q.params);
  return Number(r?.n);
}

describe('grid filters on a hand-made table with NULLs', () => {
  const t = tempDir();
  let ws: Workspace;
  let views: ViewCache;
  // id,name,mrr,signup,paid — row 3 and 6 have NULLs in every other column; row 5's name is blank.
  const csv = [
    'id,name,mrr,signup,paid',
    '1,Acme,100.5,2026-01-10,true',
    '2,acme labs,250,2026-02-01,false',
    '3,,,,',
    '4,Beta,0,2026-03-15,true',
    '5," ",1200,2026-03-16,false',
    '6,,,,',
    '7,Gamma 50%,99.99,2025-12-31,true',
  ].join('\n');
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const p = join(t.dir, 'acc.csv');
    writeFileSync(p, `${csv}\n`);
    await importFile(
      ws,
      { kind: 'path', path: p },
      { table: 'acc', columnTypes: { name: 'VARCHAR', paid: 'BOOLEAN' }, nullTokens: [] },
    );
    views = new ViewCache(ws);
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  // Counts by reading the rows above: NULL is "out" for positive ops and "in" for negative ones.
  const cases: [GridFilter, number][] = [
    [{ field: 'mrr', op: 'gt', value: 100 }, 3], // 100.5, 250, 1200
    [{ field: 'mrr', op: 'lte', value: 100 }, 2], // 0, 99.99
    [{ field: 'mrr', op: 'neq', value: 250 }, 6], // all but row 2 (the NULL rows are in)
    [{ field: 'mrr', op: 'eq', value: 0 }, 1],
    [{ field: 'mrr', op: 'between', min: 99.99, max: 250 }, 3],
    [{ field: 'mrr', op: 'isEmpty' }, 2],
    [{ field: 'mrr', op: 'isNotEmpty' }, 5],
    [{ field: 'name', op: 'contains', value: 'ACME' }, 2], // case-insensitive
    [{ field: 'name', op: 'notContains', value: 'acme' }, 5], // Beta, " ", Gamma and the two NULLs
    [{ field: 'name', op: 'contains', value: '0%' }, 1], // % is literal
    [{ field: 'name', op: 'startsWith', value: 'a' }, 2],
    [{ field: 'name', op: 'endsWith', value: 'LABS' }, 1],
    [{ field: 'name', op: 'isEmpty' }, 3], // the two NULLs and the blank " "
    [{ field: 'name', op: 'isNotEmpty' }, 4],
    [{ field: 'name', op: 'eq', value: 'Acme' }, 1], // exact, as in a rule
    [{ field: 'signup', op: 'lt', value: '2026-02-01' }, 2],
    [{ field: 'signup', op: 'gte', value: '2026-03-15' }, 2],
    [{ field: 'signup', op: 'isEmpty' }, 2],
    [{ field: 'paid', op: 'eq', value: true }, 3],
    [{ field: 'paid', op: 'eq', value: false }, 2],
    [{ field: 'paid', op: 'isEmpty' }, 2],
    [{ field: 'mrr', op: 'in', values: [0, 250, 7] }, 2],
  ];
  for (const [f, expected] of cases) {
    it(`${f.field} ${f.op} ${JSON.stringify(f.value ?? f.values ?? [f.min, f.max])} → ${expected} rows, as the same rule`, async () => {
      expect((await views.prepare({ table: 'acc', filters: [f] })).total).toBe(expected);
      expect(await segmentCount(ws, 'acc', 'id', f)).toBe(expected);
    });
  }

  it('filters combine with AND', async () => {
    const filters: GridFilter[] = [
      { field: 'mrr', op: 'gt', value: 50 },
      { field: 'paid', op: 'eq', value: true },
    ];
    expect((await views.prepare({ table: 'acc', filters })).total).toBe(2); // rows 1 and 7
  });

  it('a value of the wrong kind is an error naming the filter, not a DuckDB message', async () => {
    await expect(views.prepare({ table: 'acc', filters: [{ field: 'mrr', op: 'gt', value: 'abc' }] })).rejects.toThrow(
      /^Filter on 'mrr': mrr is a number; 'abc' is not/,
    );
    await expect(
      views.prepare({ table: 'acc', filters: [{ field: 'signup', op: 'lt', value: 'soon' }] }),
    ).rejects.toThrow(/^Filter on 'signup': .*date/);
    await expect(views.prepare({ table: 'acc', filters: [{ field: 'Mrr', op: 'gt', value: 1 }] })).rejects.toThrow(
      /No column named 'Mrr'/,
    );
  });
});

describe('grid filters on the real telco export', () => {
  const t = tempDir();
  let ws: Workspace;
  let views: ViewCache;
  // The CSV has no quoted fields: split on commas. TotalCharges is blank (" ") on 11 rows.
  const lines = readFileSync(join(REAL_DATA, 'telco_customer_churn.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])));
  const total = (r: Record<string, string>) => (r.TotalCharges!.trim() === '' ? null : Number(r.TotalCharges));
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    await importFile(
      ws,
      { kind: 'path', path: join(REAL_DATA, 'telco_customer_churn.csv') },
      { key: 'customerID', asOf: '2026-11-01' },
    );
    views = new ViewCache(ws);
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  const cases: [GridFilter, (r: Record<string, string>) => boolean][] = [
    [{ field: 'TotalCharges', op: 'gt', value: 1000 }, (r) => (total(r) ?? -Infinity) > 1000],
    [{ field: 'TotalCharges', op: 'neq', value: 20.2 }, (r) => total(r) !== 20.2],
    [{ field: 'TotalCharges', op: 'isEmpty' }, (r) => total(r) === null],
    [
      { field: 'PaymentMethod', op: 'contains', value: 'CHECK' },
      (r) => r.PaymentMethod!.toLowerCase().includes('check'),
    ],
    [
      { field: 'PaymentMethod', op: 'notContains', value: 'check' },
      (r) => !r.PaymentMethod!.toLowerCase().includes('check'),
    ],
    [{ field: 'Churn', op: 'eq', value: true }, (r) => r.Churn === 'Yes'], // Yes/No loads as BOOLEAN
    [{ field: 'tenure', op: 'between', min: 12, max: 24 }, (r) => Number(r.tenure) >= 12 && Number(r.tenure) <= 24],
  ];
  for (const [f, pred] of cases) {
    it(`${f.field} ${f.op}: the count of the CSV's rows that pass, as the same rule`, async () => {
      const expected = rows.filter(pred).length;
      expect(expected).toBeGreaterThan(0);
      expect((await views.prepare({ table: 'telco_customer_churn', filters: [f] })).total).toBe(expected);
      expect(await segmentCount(ws, 'telco_customer_churn', 'customerID', f)).toBe(expected);
    });
  }

  it('isEmpty on TotalCharges finds the 11 blank cells of the README', async () => {
    expect(
      (await views.prepare({ table: 'telco_customer_churn', filters: [{ field: 'TotalCharges', op: 'isEmpty' }] }))
        .total,
    ).toBe(11);
  });
});
