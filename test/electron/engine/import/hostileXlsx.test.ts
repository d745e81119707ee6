// Import bombs and the streaming XLSX reader (issue 9 item 6). A 1.4 KB workbook that declares
// A1:XFD1048576 used to drive the engine to its heap limit and a V8 crash; now it is refused before
// any row is read, in one line, in a child process whose heap is capped at 1 GB and whose peak RSS
// is measured. Sheets that lie about (or omit) their dimension, inflate to gigabytes, or hold too
// much shared text are refused while streaming. What the reader produces is checked against cells
// written by hand: shared and inline strings (rich text, phonetic runs left out), booleans, errors,
// formula results, dates by built-in and custom formats, missing rows, rows of different widths.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { sniffFile } from '../../../../electron/engine/import/sniff';
import { XLSX_LIMITS } from '../../../../electron/engine/import/xlsxReader';
import { ApiError } from '../../../../shared/api/protocol';
import { tempDir, workspaceState } from '../engineTestUtils';
import { bombSheet, writeXlsx, writeZip } from './xlsxTestUtils';

const child = resolve(__dirname, 'importChild.ts');

function importInChild(
  file: string,
  wsDir: string,
  heapMb: number,
): Promise<{ code: number | null; signal: string | null; out: Record<string, unknown> | null; stderr: string }> {
  return new Promise((done, reject) => {
    const p = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', child, file, wsDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code, signal) => {
      let out: Record<string, unknown> | null;
      try {
        out = JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
      } catch {
        out = null;
      }
      done({ code, signal, out, stderr });
    });
  });
}

describe('XLSX bombs', () => {
  const t = tempDir();
  let ws: Workspace;
  const path = (name: string) => join(t.dir, name);
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  async function refused(file: string, message: RegExp): Promise<void> {
    const before = await workspaceState(ws);
    const err = await importFile(ws, { kind: 'path', path: file }, { table: 'bomb' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid_input');
    expect((err as ApiError).message).toMatch(message);
    expect((err as ApiError).message).not.toMatch(/\bline\b|read as CSV|\.staging/);
    expect((err as ApiError).message.split('\n')).toHaveLength(1);
    expect(await workspaceState(ws)).toEqual(before);
    expect(readdirSync(ws.stagingDir)).toEqual([]);
  }

  it('a tiny file declaring a huge sheet is refused before any row is read, in little memory', async () => {
    const file = path('bomb.xlsx');
    writeXlsx(file, { Data: bombSheet() });
    const r = await importInChild(file, join(t.dir, 'ws-child'), 1024);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({
      ok: false,
      code: 'invalid_input',
      message:
        "bomb.xlsx, sheet 'Data': declares 1,048,576 rows × 16,384 columns (17,179,869,184 cells), more than the 100,000,000 cells an import reads. Delete the unused rows and columns in Excel (or save the sheet as CSV) and import again.",
    });
    // Node, DuckDB and the test's workspace: well under the 1 GB heap this child may use.
    expect(r.out!.peakRssMb as number).toBeLessThan(400);
  }, 120_000);

  it('without a dimension, or with one that lies, the cells found while streaming are counted', async () => {
    const noDim = path('nodim.xlsx');
    writeXlsx(noDim, { Data: bombSheet(false) });
    await refused(
      noDim,
      /^nodim\.xlsx, sheet 'Data': holds 1,048,576 rows × 16,384 columns, more than the 100,000,000 cells/,
    );
    const lying = path('lying.xlsx');
    writeXlsx(lying, { Data: bombSheet(false).replace('<sheetData>', '<dimension ref="A1:B2"/><sheetData>') });
    await refused(lying, /^lying\.xlsx, sheet 'Data': holds 1,048,576 rows × 16,384 columns/);
    const outside = path('outside.xlsx');
    writeXlsx(outside, { Data: '<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>' });
    await refused(
      outside,
      /^outside\.xlsx: could not be read as an XLSX workbook \(sheet 'Data' has a cell outside Excel's 16,384 columns \(XFE1\)\)/,
    );
  });

  it('a sheet that inflates far beyond its size (a zip bomb) is refused after its budget', async () => {
    // 300 MB of spaces inside <sheetData> deflate to about 300 KB.
    const xml = Buffer.concat([
      Buffer.from(
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
      ),
      Buffer.alloc(300 * 1024 * 1024, 0x20),
      Buffer.from('</sheetData></worksheet>'),
    ]);
    expect(deflateRawSync(xml).length).toBeLessThan(1024 * 1024);
    const file = path('zipbomb.xlsx');
    writeXlsx(file, { Data: xml });
    await refused(
      file,
      /^zipbomb\.xlsx: could not be read as an XLSX workbook \(sheet 'Data' (inflates to more than 268,435,456 bytes|holds a text of more than)/,
    );
  }, 120_000);

  it('shared text beyond its limit is refused', async () => {
    const saved = XLSX_LIMITS.maxSharedStrings;
    XLSX_LIMITS.maxSharedStrings = 1000;
    try {
      const file = path('sst.xlsx');
      writeXlsx(
        file,
        { Data: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>' },
        { sharedStrings: '<si><t>x</t></si>'.repeat(1001) },
      );
      await refused(
        file,
        /^sst\.xlsx: could not be read as an XLSX workbook \(its shared text is larger than an import reads/,
      );
    } finally {
      XLSX_LIMITS.maxSharedStrings = saved;
    }
  });

  it('a file that is not a ZIP, or has no workbook, is one clear line', async () => {
    const notZip = path('notzip.xlsx');
    writeZip(notZip, {});
    await refused(notZip, /^notzip\.xlsx: could not be read as an XLSX workbook \(it has no workbook part/);
  });
});

describe('the streaming XLSX reader', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('reads the cells as written by hand', async () => {
    const file = join(t.dir, 'cells.xlsx');
    // Styles: 0 General, 1 built-in 14 (a date), 2 custom 164 "yyyy-mm-dd hh:mm", 3 custom 165 "0.00" (not a date).
    const styles =
      '<numFmts><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd hh:mm"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts>' +
      '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>';
    const shared =
      '<si><t>name</t></si><si><r><t>Ann</t></r><r><rPr><b/></rPr><t xml:space="preserve"> &amp; Bo</t></r><rPh><t>アン</t></rPh></si><si><t>when</t></si>';
    const sheet =
      '<dimension ref="A1:E5"/><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>n</t></is></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="str"><v>ok</v></c><c r="E1" t="inlineStr"><is><r><t>ex</t></r><r><t>tra</t></r></is></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="3"><v>12.5</v></c><c r="C2" s="1"><v>46023</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row>' +
      // Row 3 is missing (an empty row); row 4 has only two cells, the second a formula result.
      '<row r="4"><c r="A4" t="inlineStr"><is><t>Cy "Q"</t></is></c><c r="B4"><f>B2*2</f><v>25</v></c></row>' +
      '<row r="5"><c r="A5" t="inlineStr"><is><t>Di</t></is></c><c r="B5"><v>-3</v></c><c r="C5" s="2"><v>46023.5</v></c><c r="D5" t="b"><v>0</v></c><c r="E5" t="inlineStr"><is><t>e5</t></is></c></row>' +
      '</sheetData>';
    writeXlsx(file, { Data: sheet }, { sharedStrings: shared, styles });
    const s = await sniffFile(ws, { kind: 'path', path: file });
    expect(s.sheets).toEqual(['Data']);
    expect(s.columns.map((c) => c.name)).toEqual(['name', 'n', 'when', 'ok', 'extra']);
    const r = await importFile(ws, { kind: 'path', path: file }, { table: 'cells' });
    expect([r.rows, r.rejected, r.records]).toEqual([3, 0, 3]);
    // 46023 is 2026-01-01 in the 1900 date system; .5 is noon (a date and a date-time: text, as before).
    expect(
      await ws.query(`SELECT name, n, CAST("when" AS VARCHAR) AS "when", ok, extra FROM cells ORDER BY n`),
    ).toEqual([
      { name: 'Di', n: -3, when: '2026-01-01 12:00:00', ok: false, extra: 'e5' },
      { name: 'Ann & Bo', n: 12.5, when: '2026-01-01', ok: true, extra: null },
      { name: 'Cy "Q"', n: 25, when: null, ok: null, extra: null },
    ]);
  });

  it('speaks of sheet rows, never of CSV lines', async () => {
    const file = join(t.dir, 'rows.xlsx');
    const rows = [
      '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>amount</t></is></c></row>',
    ];
    for (let r = 2; r <= 12; r++)
      rows.push(
        `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" ${r === 9 ? 't="inlineStr"><is><t>oops</t></is>' : `><v>${r * 10}</v>`}</c></row>`,
      );
    writeXlsx(file, { Data: `<sheetData>${rows.join('')}</sheetData>` });
    const s = await sniffFile(ws, { kind: 'path', path: file });
    expect(s.warnings).toEqual([expect.stringMatching(/^amount: 1 of 11 values is not a number, row 9 \('oops'\)/)]);
    const r = await importFile(ws, { kind: 'path', path: file }, { table: 'rows', columnTypes: { amount: 'BIGINT' } });
    expect(r.rejects.map((x) => [x.line, x.reason])).toEqual([[9, "row 9: 'oops' in amount is not a whole number"]]);
    const err = await importFile(
      ws,
      { kind: 'path', path: file },
      { table: 'rows2', columnTypes: { amount: 'DATE' } },
    ).catch((e: unknown) => e);
    expect((err as ApiError).message).toMatch(
      /^rows\.xlsx, sheet 'Data', row 2: no record could be loaded \(11 rejected; first: row 2: '20' in amount is not a date\)/,
    );
    expect((err as ApiError).message).not.toMatch(/\bline\b|CSV/);
  });
});
