// XLSX (two sheets, sheet choice), Parquet, JSON and NDJSON imports, with hand-written contents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DuckDBInstance } from '@duckdb/node-api';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { sniffFile } from '../../../../electron/engine/import/sniff';
import { tempDir } from '../engineTestUtils';

describe('other formats', () => {
  const t = tempDir();
  let ws: Workspace;
  let book: string;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('Accounts');
    a.addRow(['account_id', 'mrr', 'signup', 'active']);
    a.addRow(['A1', 100.5, new Date(Date.UTC(2026, 0, 15)), true]);
    a.addRow(['A2', 20, new Date(Date.UTC(2026, 1, 1)), false]);
    a.addRow(['A3', 0, new Date(Date.UTC(2025, 11, 31)), true]);
    const p = wb.addWorksheet('Plans');
    p.addRow(['plan', 'price']);
    p.addRow(['free', 0]);
    p.addRow(['pro', 35]);
    book = join(t.dir, 'book.xlsx');
    await wb.xlsx.writeFile(book);
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('sniffs a workbook: its sheets and the first sheet', async () => {
    const s = await sniffFile(ws, { kind: 'path', path: book });
    expect(s.format).toBe('xlsx');
    expect(s.sheets).toEqual(['Accounts', 'Plans']);
    expect(s.columns.map((c) => c.name)).toEqual(['account_id', 'mrr', 'signup', 'active']);
    expect(s.preview).toHaveLength(3);
  });

  it('imports the first sheet by default, with types', async () => {
    const r = await importFile(ws, { kind: 'path', path: book }, { table: 'xl_accounts' });
    expect([r.records, r.rows, r.rejected]).toEqual([3, 3, 0]);
    expect(Object.fromEntries(r.columns.map((c) => [c.name, c.type]))).toEqual({
      account_id: 'VARCHAR',
      mrr: 'DOUBLE',
      signup: 'DATE',
      active: 'BOOLEAN',
    });
    expect(await ws.query(`SELECT * FROM xl_accounts ORDER BY account_id`)).toEqual([
      { account_id: 'A1', mrr: 100.5, signup: '2026-01-15', active: true },
      { account_id: 'A2', mrr: 20, signup: '2026-02-01', active: false },
      { account_id: 'A3', mrr: 0, signup: '2025-12-31', active: true },
    ]);
  });

  it('imports a chosen sheet', async () => {
    const r = await importFile(ws, { kind: 'path', path: book }, { table: 'xl_plans', sheet: 'Plans' });
    expect(r.rows).toBe(2);
    expect(await ws.query(`SELECT plan, price FROM xl_plans ORDER BY price`)).toEqual([
      { plan: 'free', price: 0 },
      { plan: 'pro', price: 35 },
    ]);
  });

  it('imports Parquet and reconciles with its footer', async () => {
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    const p = join(t.dir, 'events.parquet');
    await c.run(`COPY (SELECT range AS id, range % 3 AS k FROM range(1000)) TO '${p}' (FORMAT parquet)`);
    c.closeSync();
    inst.closeSync();
    const r = await importFile(ws, { kind: 'path', path: p });
    expect([r.records, r.rows, r.rejected]).toEqual([1000, 1000, 0]);
    expect(await ws.query(`SELECT sum(id) AS s, count(*) FILTER (WHERE k = 0) AS k0 FROM events`)).toEqual([
      { s: 499500, k0: 334 },
    ]);
  });

  it('imports a JSON array and NDJSON (blank lines are not records)', async () => {
    const j = join(t.dir, 'people.json');
    writeFileSync(
      j,
      JSON.stringify([
        { id: 1, name: 'Ann' },
        { id: 2, name: 'Bo' },
      ]),
    );
    const r1 = await importFile(ws, { kind: 'path', path: j });
    expect([r1.rows, r1.records]).toEqual([2, 2]);
    expect(await ws.query(`SELECT name FROM people ORDER BY id`)).toEqual([{ name: 'Ann' }, { name: 'Bo' }]);
    const n = join(t.dir, 'log.ndjson');
    writeFileSync(n, '{"id":1,"ev":"a"}\n\n{"id":2,"ev":"b"}\n{"id":3,"ev":"c"}\n');
    const r2 = await importFile(ws, { kind: 'path', path: n });
    expect([r2.rows, r2.records, r2.rejected]).toEqual([3, 3, 0]);
    expect(r2.warnings).toEqual([]);
  });

  it('honours a delimiter override and decimal comma', async () => {
    const p = join(t.dir, 'euro.csv');
    writeFileSync(p, 'id;amount\n1;1,5\n2;10,25\n');
    const r = await importFile(ws, { kind: 'path', path: p }, { delimiter: ';', decimalComma: true });
    expect(r.columns.find((c) => c.name === 'amount')?.type).toBe('DOUBLE');
    expect(await ws.query(`SELECT amount FROM euro ORDER BY id`)).toEqual([{ amount: 1.5 }, { amount: 10.25 }]);
  });

  it('honours null tokens, column types, a date format and header=false', async () => {
    const p = join(t.dir, 'opts.csv');
    writeFileSync(p, 'code,when,score\n007,03/11/2026,N/A\n042,15/01/2026,7\n');
    const r = await importFile(
      ws,
      { kind: 'path', path: p },
      { nullTokens: ['N/A'], columnTypes: { code: 'VARCHAR' }, dateFormat: '%d/%m/%Y' },
    );
    expect(Object.fromEntries(r.columns.map((c) => [c.name, c.type]))).toEqual({
      code: 'VARCHAR',
      when: 'DATE',
      score: 'BIGINT',
    });
    expect(await ws.query(`SELECT * FROM opts ORDER BY code`)).toEqual([
      { code: '007', when: '2026-11-03', score: null },
      { code: '042', when: '2026-01-15', score: 7 },
    ]);
    const q = join(t.dir, 'noheader.csv');
    writeFileSync(q, 'a,1\nb,2\nc,3\n');
    const r2 = await importFile(ws, { kind: 'path', path: q }, { header: false });
    expect([r2.rows, r2.records, r2.columns.length]).toEqual([3, 3, 2]);
  });
});
