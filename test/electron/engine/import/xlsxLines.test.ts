// XLSX rejects name the sheet row the user sees in Excel, even when cells above hold line breaks
// (each break is an extra physical line in the CSV the sheet is loaded through). Rows hand-counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { sheetRowOf } from '../../../../electron/engine/import/xlsx';
import { tempDir } from '../engineTestUtils';

describe('XLSX reject rows', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('reports the sheet row of each bad row below multi-line cells', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('Data');
    s.getRow(1).values = ['id', 'note', 'amount'];
    s.getRow(2).values = [1, 'two\nlines', 10];
    s.getRow(3).values = [2, 'three\nlines\nhere', 20];
    // row 4 left empty (an empty line, not a record)
    s.getRow(5).values = [3, 'bad amount', 'oops'];
    s.getRow(6).values = [4, 'fine', 40];
    s.getRow(7).values = [5, 'a\nb\nc\nd', 50];
    s.getRow(8).values = [6, 'also bad', 'nope'];
    s.getRow(9).values = [7, 'last', 70];
    const p = join(t.dir, 'book.xlsx');
    await wb.xlsx.writeFile(p);
    const r = await importFile(ws, { kind: 'path', path: p }, { table: 'x', columnTypes: { amount: 'BIGINT' } });
    expect([r.rows, r.rejected]).toEqual([5, 2]);
    // In the CSV these start on lines 8 and 14 (rows 2, 3 and 7 add 1, 2 and 3 lines).
    expect(r.rejects.map((x) => x.line)).toEqual([5, 8]);
    expect(await ws.query(`SELECT note FROM x WHERE id = 2`)).toEqual([{ note: 'three\nlines\nhere' }]);
  });

  it('maps CSV lines to sheet rows across multi-line records', () => {
    // Row 2 takes lines 2–3, row 5 takes lines 6–9 (row 3 is line 4, row 4 line 5).
    const spans = [
      { start: 2, end: 3, row: 2 },
      { start: 6, end: 9, row: 5 },
    ];
    expect([1, 2, 3, 4, 5, 6, 9, 10, 12].map((l) => sheetRowOf(spans, l))).toEqual([1, 2, 2, 3, 4, 5, 5, 6, 8]);
    expect(sheetRowOf([], 7)).toBe(7);
  });
});
