/**
 * XLSX: the chosen sheet (default the first) is streamed row by row (xlsxReader.ts) into a UTF-8
 * CSV in staging, then loaded by the CSV path (so it gets the same typing, rejects and
 * reconciliation), with its dialect fixed and messages that speak of the sheet's rows. Each sheet
 * row is one CSV record (an empty sheet row becomes an empty line, which is not a record); a cell
 * with line breaks makes its record span several physical lines, so the staged CSV maps its lines
 * back to sheet rows (`userLine`) and rejects name the row Excel shows. Dates are written as ISO
 * text, formulas as their result.
 * Bombs (a few KB declaring a huge sheet): a declared dimension of more than XLSX_LIMITS.maxCells
 * cells is refused before any row is read, and so is a sheet whose rows × columns grow past it
 * while streaming; nothing is ever materialised beyond one row.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { badInput } from './errors';
import type { StagedFile, StagingScope } from './stage';
import { dimensionSize, Workbook, XLSX_LIMITS, XlsxError, type RawCell, type StringTable } from './xlsxReader';

const fmt = (n: number) => n.toLocaleString('en-US');

async function openBook(staged: StagedFile): Promise<Workbook> {
  try {
    return await Workbook.open(staged.path);
  } catch (err) {
    throw badInput(
      staged.name,
      `could not be read as an XLSX workbook (${err instanceof Error ? err.message : String(err)})`,
      'Save it again from Excel as .xlsx, or export it as CSV.',
    );
  }
}

export async function listSheets(staged: StagedFile): Promise<string[]> {
  return (await openBook(staged)).sheets.map((s) => s.name);
}

/** Excel serial day → JS time (the 1900 system's day 0 is 1899-12-30; 1904's is 1904-01-01). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

function dateText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z')
    ? iso.slice(0, 10)
    : iso
        .replace('T', ' ')
        .replace(/\.000Z$/, '')
        .replace(/Z$/, '');
}

/** A cell's text for the CSV and whether it is a number (written unquoted). */
export function cellText(
  c: RawCell,
  sst: StringTable,
  dates: ReadonlySet<number>,
  date1904: boolean,
): { text: string | null; numeric: boolean } {
  switch (c.t) {
    case 's':
      return { text: c.v === null ? null : sst.get(Number.parseInt(c.v, 10)), numeric: false };
    case 'inlineStr':
      return { text: c.inline ?? c.v, numeric: false };
    case 'str':
      return { text: c.v, numeric: false };
    case 'b':
      return { text: c.v === null ? null : Number.parseInt(c.v, 10) !== 0 ? 'true' : 'false', numeric: false };
    case 'e':
      return { text: null, numeric: false };
    case 'd':
      return { text: c.v, numeric: false };
    default: {
      if (c.v === null || c.v.trim() === '') return { text: null, numeric: false };
      const n = Number.parseFloat(c.v);
      if (!Number.isFinite(n)) return { text: null, numeric: false };
      if (dates.has(c.s)) return { text: dateText(excelDate(n, date1904)), numeric: false };
      return { text: String(n), numeric: true };
    }
  }
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

/** Growable per-record bookkeeping for the padding pass: fields and bytes of each line written. */
class Records {
  widths = new Uint16Array(1 << 16);
  bytes = new Float64Array(1 << 16);
  n = 0;
  push(width: number, bytes: number): void {
    if (this.n === this.widths.length) {
      const w = new Uint16Array(this.n * 2);
      w.set(this.widths);
      this.widths = w;
      const b = new Float64Array(this.n * 2);
      b.set(this.bytes);
      this.bytes = b;
    }
    this.widths[this.n] = width;
    this.bytes[this.n] = bytes;
    this.n++;
  }
}

async function put(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function finish(stream: Writable): Promise<void> {
  stream.end();
  await once(stream, 'close');
}

/**
 * Pad every record of `body` to `width` fields (rows keep only their filled cells when written, and
 * the widest row is known only at the end), writing `out`.
 */
async function padRecords(body: string, out: string, records: Records, width: number): Promise<void> {
  const sink = createWriteStream(out);
  try {
    let i = 0;
    let left = records.n ? records.bytes[0]! : 0;
    for await (const chunk of createReadStream(body, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length && i < records.n) {
        const take = Math.min(left, chunk.length - at);
        // The record's last byte is its '\n': the padding goes before it.
        if (take === left) {
          const w = records.widths[i]!;
          if (!sink.write(chunk.subarray(at, at + take - 1))) await once(sink, 'drain');
          await put(sink, w > 0 && w < width ? `${','.repeat(width - w)}\n` : '\n');
          at += take;
          i++;
          left = i < records.n ? records.bytes[i]! : 0;
        } else {
          if (!sink.write(chunk.subarray(at, at + take))) await once(sink, 'drain');
          at += take;
          left -= take;
        }
      }
    }
  } finally {
    await finish(sink);
  }
}

/** Convert one sheet to a staged CSV in `scope`. */
export async function xlsxToCsv(
  staged: StagedFile,
  scope: StagingScope,
  sheet?: string,
): Promise<{ csv: StagedFile; sheet: string }> {
  const wb = await openBook(staged);
  const ref = sheet === undefined ? wb.sheets[0] : wb.sheets.find((s) => s.name === sheet);
  if (!ref) {
    const names = wb.sheets.map((w) => `'${w.name}'`).join(', ');
    throw badInput(
      staged.name,
      sheet === undefined ? 'has no sheets' : `has no sheet named '${sheet}'`,
      names ? `Its sheets are ${names}.` : 'Check the file.',
    );
  }
  const label = `${staged.name}, sheet '${ref.name}'`;
  const tooBig = (what: string) =>
    badInput(
      label,
      `${what}, more than the ${fmt(XLSX_LIMITS.maxCells)} cells an import reads`,
      'Delete the unused rows and columns in Excel (or save the sheet as CSV) and import again.',
    );
  const limits = XLSX_LIMITS;
  const body = scope.path('sheet-body.csv');
  const stream = createWriteStream(body);
  const spans: LineSpan[] = [];
  const records = new Records();
  let line = 1;
  let written = 0; // sheet rows written as lines so far
  let width = 0;
  try {
    const sst = await wb.sharedStrings();
    const dates = await wb.dateStyles();
    await wb.readSheet(ref, {
      dimension(dim) {
        const size = dimensionSize(dim);
        if (size && size.rows * size.columns > limits.maxCells) {
          throw tooBig(
            `declares ${fmt(size.rows)} rows × ${fmt(size.columns)} columns (${fmt(size.rows * size.columns)} cells)`,
          );
        }
      },
      async row(r, cells) {
        const texts = cells
          .map((c) => ({ col: c.col, ...cellText(c, sst, dates, wb.date1904) }))
          .filter((c) => c.text !== null && c.text !== '');
        const rowWidth = texts.reduce((m, c) => Math.max(m, c.col), 0);
        width = Math.max(width, rowWidth);
        if (r * Math.max(width, 1) > limits.maxCells) throw tooBig(`holds ${fmt(r)} rows × ${fmt(width)} columns`);
        // Rows the sheet leaves out are empty lines, so line numbers stay sheet rows.
        while (written < r - 1) {
          await put(stream, '\n');
          records.push(0, 1);
          written++;
          line++;
        }
        let record = '';
        if (rowWidth > 0) {
          const fields: string[] = new Array<string>(rowWidth).fill('');
          for (const c of texts) fields[c.col - 1] = csvField(c.text, c.numeric);
          record = fields.join(',');
        }
        // Physical lines count '\n' only (as the line counts do), so a "\r\n" in a cell is one break.
        let breaks = 0;
        for (let i = record.indexOf('\n'); i !== -1; i = record.indexOf('\n', i + 1)) breaks++;
        if (breaks) spans.push({ start: line, end: line + breaks, row: r });
        line += breaks + 1;
        const text = `${record}\n`;
        await put(stream, text);
        records.push(rowWidth, Buffer.byteLength(text));
        written = r;
      },
    });
  } catch (err) {
    if (err instanceof XlsxError)
      throw badInput(
        staged.name,
        `could not be read as an XLSX workbook (${err.message})`,
        'Save it again from Excel as .xlsx, or export it as CSV.',
      );
    throw err;
  } finally {
    await finish(stream);
  }
  let path = body;
  let ragged = false;
  for (let i = 0; i < records.n && !ragged; i++) ragged = records.widths[i]! > 0 && records.widths[i]! !== width;
  if (ragged) {
    path = scope.path('sheet.csv');
    await padRecords(body, path, records, width);
    scope.drop(body);
  }
  const userLine = spans.length ? (l: number) => sheetRowOf(spans, l) : undefined;
  const csv: StagedFile = {
    path,
    name: staged.name,
    label,
    unit: 'row',
    encoding: 'utf-8',
    readEncoding: 'utf-8',
    bytes: staged.bytes,
    dialect: { delimiter: ',', quote: '"', escape: '"' },
    ...(userLine ? { userLine } : {}),
  };
  return { csv, sheet: ref.name };
}
