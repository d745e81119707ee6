/**
 * XLSX: the chosen sheet (default the first) is written as a UTF-8 CSV in staging, then loaded by
 * the CSV path (so it gets the same sniffing, typing and reconciliation). Row 1 is the header.
 * Each sheet row is one CSV record (an empty sheet row becomes an empty line, which is not a record);
 * a cell with line breaks makes its record span several physical lines, so the staged CSV maps its
 * lines back to sheet rows (`userLine`) and rejects name the row Excel shows. Dates are written as ISO
 * text, formulas as their result.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { badInput } from './errors';
import type { StagedFile } from './stage';

export async function listSheets(staged: StagedFile): Promise<string[]> {
  const wb = await readWorkbook(staged);
  return wb.worksheets.map((w) => w.name);
}

async function readWorkbook(staged: StagedFile): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(staged.path);
  } catch (err) {
    throw badInput(staged.name, `could not be read as an XLSX workbook (${err instanceof Error ? err.message : String(err)})`, 'Save it again from Excel as .xlsx, or export it as CSV.');
  }
  return wb;
}

function cellText(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$/, '').replace(/Z$/, '');
  }
  if (typeof v === 'object') {
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return null;
  }
  return String(v);
}

/** A record that spans several physical CSV lines: lines start..end are sheet row `row`. */
export interface LineSpan {
  start: number;
  end: number;
  row: number;
}

/**
 * Sheet row of physical CSV line `line`, given the multi-line records in order: rows above the
 * first span are their line; past a span, each line is one row.
 */
export function sheetRowOf(spans: readonly LineSpan[], line: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let k = -1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (spans[m]!.start <= line) {
      k = m;
      lo = m + 1;
    } else hi = m - 1;
  }
  if (k < 0) return line;
  const s = spans[k]!;
  return line <= s.end ? s.row : s.row + (line - s.end);
}

function csvField(text: string | null, numeric: boolean): string {
  if (text === null) return '';
  if (numeric) return text;
  return `"${text.replaceAll('"', '""')}"`;
}

/** Convert one sheet to a staged CSV; the returned file's cleanup removes it too. */
export async function xlsxToCsv(staged: StagedFile, stagingDir: string, sheet?: string): Promise<{ csv: StagedFile; sheet: string }> {
  const wb = await readWorkbook(staged);
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) {
    const names = wb.worksheets.map((w) => `'${w.name}'`).join(', ');
    throw badInput(staged.name, sheet === undefined ? 'has no sheets' : `has no sheet named '${sheet}'`, names ? `Its sheets are ${names}.` : 'Check the file.');
  }
  const out = join(stagingDir, `${randomBytes(6).toString('hex')}-sheet.csv`);
  const stream = createWriteStream(out);
  const width = ws.columnCount;
  const spans: LineSpan[] = [];
  let line = 1;
  try {
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const fields: string[] = [];
      let any = false;
      for (let c = 1; c <= width; c++) {
        const v = row.getCell(c).value;
        const text = cellText(v);
        if (text !== null && text !== '') any = true;
        fields.push(csvField(text, typeof v === 'number'));
      }
      const record = any ? fields.join(',') : '';
      // Physical lines count '\n' only (as countRecords does), so a "\r\n" in a cell is one break.
      let breaks = 0;
      for (let i = record.indexOf('\n'); i !== -1; i = record.indexOf('\n', i + 1)) breaks++;
      if (breaks) spans.push({ start: line, end: line + breaks, row: r });
      line += breaks + 1;
      if (!stream.write(`${record}\n`)) await once(stream, 'drain');
    }
  } finally {
    stream.end();
    await once(stream, 'close');
  }
  const cleanup = () => {
    rmSync(out, { force: true });
    staged.cleanup();
  };
  const userLine = spans.length ? (l: number) => sheetRowOf(spans, l) : undefined;
  return { csv: { path: out, name: staged.name, encoding: 'utf-8', readEncoding: 'utf-8', bytes: staged.bytes, cleanup, ...(userLine ? { userLine } : {}) }, sheet: ws.name };
}
