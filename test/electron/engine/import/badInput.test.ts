// Bad input (SPEC §10): one clear invalid_input error naming the file, and the workspace exactly as
// before (tables, snapshots, rejects, snapshot tables, files, workspace.json).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { ApiError } from '../../../../shared/api/protocol';
import type { ImportOptions } from '../../../../shared/api/dataApi';
import { tempDir, workspaceState } from '../engineTestUtils';

describe('bad input leaves the workspace unchanged', () => {
  const t = tempDir();
  let ws: Workspace;
  const file = (name: string, content: string | Buffer) => {
    const p = join(t.dir, name);
    writeFileSync(p, content);
    return p;
  };
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    // Something already there, which must survive every failed import untouched.
    await importFile(ws, { kind: 'path', path: file('existing.csv', 'id,v\n1,a\n2,b\n') }, { table: 'bad_target' });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  async function expectRejected(path: string, message: RegExp, options: ImportOptions = {}) {
    const before = await workspaceState(ws);
    const err = await importFile(ws, { kind: 'path', path }, { table: 'bad_target', ...options }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid_input');
    expect((err as ApiError).message).toMatch(message);
    expect(await workspaceState(ws)).toEqual(before);
  }

  it('an empty file', async () => {
    await expectRejected(file('empty.csv', ''), /^empty\.csv: is empty\./);
  });

  it('a header without rows', async () => {
    await expectRejected(file('header_only.csv', 'id,name\n'), /^header_only\.csv: contains no rows/);
  });

  it('binary garbage', async () => {
    await expectRejected(
      file('garbage.csv', randomBytes(20_000)),
      /^garbage\.csv: .*(binary|not a text|could not be read)/,
    );
  });

  it('nothing but a huge line (a huge line among good ones is a reject: see hostileImports.test.ts)', async () => {
    await expectRejected(
      file('huge.csv', `id,name\n1,${'x'.repeat(3_000_000)}\n`),
      /^huge\.csv, line 2: no record could be loaded \(1 rejected; first: line 2 is 3,000,002 bytes long, more than the 2,000,000 a record may have/,
    );
  });

  it('a truncated Parquet file', async () => {
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    const full = join(t.dir, 'full.parquet');
    await c.run(`COPY (SELECT range AS id, 'x' || range AS v FROM range(50000)) TO '${full}' (FORMAT parquet)`);
    c.closeSync();
    inst.closeSync();
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(full);
    await expectRejected(
      file('truncated.parquet', bytes.subarray(0, Math.floor(bytes.length / 2))),
      /^truncated\.parquet: is not a complete Parquet file/,
    );
  });

  it('invalid JSON', async () => {
    await expectRejected(file('broken.json', '[{"a": 1, "b": "x"}, {"a": 2,'), /^broken\.json: is not valid JSON/);
  });

  it('an NDJSON file with a broken line names the line', async () => {
    await expectRejected(
      file('broken.ndjson', '{"a":1}\n{"a":2}\n{"a":3,\n{"a":4}\n'),
      /^broken\.ndjson, line 3: is not valid NDJSON/,
    );
  });

  it('nothing loadable: every record rejected', async () => {
    // The only record cannot be read with the requested type: one reject, zero rows → bad input.
    await expectRejected(
      file('nothing.csv', 'a,b,c\nx1,2,3\n'),
      /^nothing\.csv, line 2: no record could be loaded \(1 rejected; first: .*\)/,
      { columnTypes: { a: 'DATE' } },
    );
  });

  it('an unknown key column', async () => {
    await expectRejected(file('nokey.csv', 'id,v\n1,a\n'), /^nokey\.csv: has no key column 'customer_id'/, {
      key: 'customer_id',
    });
  });

  it('a missing sheet in a workbook', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRow(['id', 'v']);
    wb.getWorksheet('Data')!.addRow([1, 'a']);
    const p = join(t.dir, 'book.xlsx');
    await wb.xlsx.writeFile(p);
    await expectRejected(p, /^book\.xlsx: has no sheet named 'Nope'\. Its sheets are 'Data'\./, { sheet: 'Nope' });
  });
});
