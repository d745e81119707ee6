/**
 * A streaming XLSX reader: the workbook's sheet list, its shared strings (kept compactly in byte
 * chunks, within a budget), which cell styles are dates, and a sheet's rows one at a time, tokenized
 * (xmlScan.ts) from the inflating ZIP entry, so memory never depends on the sheet's size.
 * Nothing a file declares is trusted: every part has a byte budget (zipReader.ts), no text or tag
 * longer than maxRun is held, and the shared strings have a count and size limit. Errors are
 * XlsxError with a sentence for the user.
 */
import type { Readable } from 'node:stream';
import { ApiError } from '../../../shared/api/protocol';
import { entryStream, readZipDirectory, ZipBudgetError, ZipError, type ZipEntry } from './zipReader';
import { XmlScanError, XmlScanner } from './xmlScan';

export class XlsxError extends Error {}

export const XLSX_LIMITS = {
  /** Cells a sheet may span (rows × columns), declared or found. */
  maxCells: 100_000_000,
  /** Excel's own column limit (XFD). */
  maxColumns: 16_384,
  /** Shared strings: how many, and their UTF-8 bytes together. */
  maxSharedStrings: 16_000_000,
  maxSharedBytes: 512 * 1024 * 1024,
  /** Bytes between two '<' or '>' (a text or an attribute value), far above Excel's 32,767 characters a cell. */
  maxRun: 16 * 1024 * 1024,
  /** Small parts (workbook, relationships, styles). */
  maxPartBytes: 64 * 1024 * 1024,
  /** A sheet's XML may inflate to this much, or to 100× its compressed size if that is more. */
  minSheetBudget: 256 * 1024 * 1024,
};

export interface SheetRef {
  name: string;
  entry: string;
}

/** One cell of a row as the file says it: column (1-based), type, style, the text of its value. */
export interface RawCell {
  col: number;
  t: string;
  s: number;
  v: string | null;
  inline: string | null;
}

const localName = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Column number of a cell reference ("AB12" → 28), 0 when there is none. */
export function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > 1e9) return n;
  }
  return n;
}

/** Rows × columns of a dimension reference ("A1:D100", "A1"); null when unreadable. */
export function dimensionSize(ref: string): { rows: number; columns: number } | null {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,10})(?::\$?([A-Za-z]{1,7})\$?(\d{1,10}))?$/.exec(ref.trim());
  if (!m) return null;
  const c1 = columnOf(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnOf(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { rows: Math.abs(r2 - r1) + 1, columns: Math.abs(c2 - c1) + 1 };
}

interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  text?(text: string): void;
  close(name: string): void;
  /** After each chunk, with the scanner idle: the place to await (backpressure). */
  drain?(): Promise<void>;
}

async function parseXml(stream: Readable, what: string, h: XmlHandlers): Promise<void> {
  let run = 0; // characters of text since the last tag: bounded, like the scanner's own buffer
  const onText = h.text;
  const scanner = new XmlScanner(
    {
      open(name, attrs) {
        run = 0;
        h.open(localName(name), attrs);
      },
      close(name) {
        run = 0;
        h.close(localName(name));
      },
      ...(onText
        ? {
            text(t: string) {
              run += t.length;
              if (run > XLSX_LIMITS.maxRun)
                throw new XlsxError(
                  `${what} holds a text of more than ${XLSX_LIMITS.maxRun.toLocaleString('en-US')} characters`,
                );
              onText(t);
            },
          }
        : {}),
    },
    XLSX_LIMITS.maxRun,
  );
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      scanner.write(decoder.decode(chunk, { stream: true }));
      if (h.drain) await h.drain();
    }
    scanner.write(decoder.decode());
    scanner.end();
    if (h.drain) await h.drain();
  } catch (err) {
    stream.destroy();
    // The caller's own refusals (a sheet too big) and the user's cancel pass through unchanged.
    if (err instanceof XlsxError || err instanceof ApiError) throw err;
    if (err instanceof XmlScanError) throw new XlsxError(`${what} is not well-formed XML (it ${err.message})`);
    if (err instanceof ZipBudgetError)
      throw new XlsxError(
        `${what} inflates to more than ${err.budget.toLocaleString('en-US')} bytes (a damaged or hostile file)`,
      );
    if (err instanceof ZipError) throw new XlsxError(err.message);
    throw new XlsxError(`${what} could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Shared strings as UTF-8 in 16 MB chunks: a few bytes of overhead per string, not a JS object each. */
export class StringTable {
  private static readonly CHUNK = 16 * 1024 * 1024;
  private chunks: Buffer[] = [];
  private used = StringTable.CHUNK;
  private chunkOf = new Uint32Array(1024);
  private offsetOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);
  count = 0;
  bytes = 0;

  add(text: string): void {
    const len = Buffer.byteLength(text);
    if (this.used + len > (this.chunks[this.chunks.length - 1]?.length ?? 0)) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(StringTable.CHUNK, len)));
      this.used = 0;
    }
    if (this.count === this.chunkOf.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.chunkOf = grow(this.chunkOf);
      this.offsetOf = grow(this.offsetOf);
      this.lengthOf = grow(this.lengthOf);
    }
    const chunk = this.chunks.length - 1;
    this.chunks[chunk]!.write(text, this.used, 'utf8');
    this.chunkOf[this.count] = chunk;
    this.offsetOf[this.count] = this.used;
    this.lengthOf[this.count] = len;
    this.used += len;
    this.bytes += len;
    this.count++;
  }

  get(i: number): string | null {
    if (!(i >= 0 && i < this.count)) return null;
    const off = this.offsetOf[i]!;
    return this.chunks[this.chunkOf[i]!]!.toString('utf8', off, off + this.lengthOf[i]!);
  }
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, with the CJK ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** A format code that shows a date or time: y, m, d, h, s outside quoted text, [..] sections and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '');
  return /[ymdhsb]/i.test(bare.replace(/General/gi, ''));
}

export class Workbook {
  private constructor(
    private readonly path: string,
    private readonly entries: Map<string, ZipEntry>,
    readonly sheets: SheetRef[],
    readonly date1904: boolean,
    private readonly sharedEntry: string | null,
    private readonly stylesEntry: string | null,
  ) {}

  static async open(path: string): Promise<Workbook> {
    let entries: Map<string, ZipEntry>;
    try {
      entries = await readZipDirectory(path);
    } catch (err) {
      throw new XlsxError(
        err instanceof ZipError
          ? err.message
          : `it is not a ZIP container (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    const find = (name: string) =>
      entries.get(name) ?? [...entries.values()].find((e) => e.name.toLowerCase() === name.toLowerCase());
    const rels = async (part: string): Promise<{ id: string; type: string; target: string }[]> => {
      const slash = part.lastIndexOf('/');
      const entry = find(`${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`);
      const out: { id: string; type: string; target: string }[] = [];
      if (!entry) return out;
      await parseXml(await entryStream(path, entry, XLSX_LIMITS.maxPartBytes), 'the workbook', {
        open(name, a) {
          if (name === 'Relationship' && a.Id && a.Target) out.push({ id: a.Id, type: a.Type ?? '', target: a.Target });
        },
        close() {},
      });
      return out;
    };
    const resolve = (from: string, target: string): string => {
      if (target.startsWith('/')) return target.slice(1);
      const parts = from.split('/').slice(0, -1);
      for (const seg of target.split('/')) {
        if (seg === '..') parts.pop();
        else if (seg !== '.') parts.push(seg);
      }
      return parts.join('/');
    };
    const root = (await rels('')).find((r) => r.type.endsWith('/officeDocument'));
    const wbPath = root ? resolve('', root.target) : 'xl/workbook.xml';
    const wbEntry = find(wbPath);
    if (!wbEntry) throw new XlsxError('it has no workbook part (is it an .xlsx file?)');
    const declared: { name: string; rid: string }[] = [];
    let date1904 = false;
    await parseXml(await entryStream(path, wbEntry, XLSX_LIMITS.maxPartBytes), 'the workbook', {
      open(name, a) {
        if (name === 'sheet') {
          const rid = Object.entries(a).find(([k]) => localName(k) === 'id' && k !== 'sheetId')?.[1];
          if (a.name && rid) declared.push({ name: a.name, rid });
        } else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      },
      close() {},
    });
    const wbRels = await rels(wbPath);
    const sheets: SheetRef[] = [];
    for (const d of declared) {
      const rel = wbRels.find((r) => r.id === d.rid);
      if (rel && !rel.type.endsWith('/worksheet')) continue; // chartsheets, dialog sheets: no cells
      const entry = rel ? find(resolve(wbPath, rel.target)) : undefined;
      if (entry) sheets.push({ name: d.name, entry: entry.name });
    }
    const part = (suffix: string, fallback: string) => {
      const rel = wbRels.find((r) => r.type.endsWith(suffix));
      return find(rel ? resolve(wbPath, rel.target) : fallback)?.name ?? null;
    };
    return new Workbook(
      path,
      entries,
      sheets,
      date1904,
      part('/sharedStrings', 'xl/sharedStrings.xml'),
      part('/styles', 'xl/styles.xml'),
    );
  }

  async sharedStrings(): Promise<StringTable> {
    const table = new StringTable();
    const entry = this.sharedEntry ? this.entries.get(this.sharedEntry) : undefined;
    if (!entry) return table;
    let inSi = false;
    let phonetic = 0;
    let inT = false;
    let text: string[] = [];
    const budget = XLSX_LIMITS.maxSharedBytes * 4;
    await parseXml(await entryStream(this.path, entry, budget), 'the shared text of the workbook', {
      open(name) {
        if (name === 'si') {
          inSi = true;
          text = [];
        } else if (name === 'rPh') phonetic++;
        else if (name === 't' && inSi && phonetic === 0) inT = true;
      },
      text(t) {
        if (inT) text.push(t);
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si') {
          inSi = false;
          table.add(text.join(''));
          if (table.count > XLSX_LIMITS.maxSharedStrings || table.bytes > XLSX_LIMITS.maxSharedBytes) {
            throw new XlsxError(
              `its shared text is larger than an import reads (more than ${XLSX_LIMITS.maxSharedStrings.toLocaleString('en-US')} strings or ${XLSX_LIMITS.maxSharedBytes / 1024 / 1024} MB)`,
            );
          }
        }
      },
    });
    return table;
  }

  /** Indices of cell styles (`s`) whose number format is a date or time. */
  async dateStyles(): Promise<Set<number>> {
    const out = new Set<number>();
    const entry = this.stylesEntry ? this.entries.get(this.stylesEntry) : undefined;
    if (!entry) return out;
    const custom = new Map<number, string>();
    const xfs: number[] = [];
    let inCellXfs = false;
    await parseXml(await entryStream(this.path, entry, XLSX_LIMITS.maxPartBytes), 'the styles of the workbook', {
      open(name, a) {
        if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfs.push(Number(a.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
    xfs.forEach((id, i) => {
      const code = custom.get(id);
      if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) out.add(i);
    });
    return out;
  }

  /**
   * Stream a sheet: `dimension` with its declared reference (before any row), then each row with
   * its number and cells. Both may throw to stop. `row` may return a promise (backpressure).
   */
  async readSheet(
    sheet: SheetRef,
    on: { dimension(ref: string): void; row(row: number, cells: RawCell[]): void | Promise<void> },
  ): Promise<void> {
    const entry = this.entries.get(sheet.entry)!;
    const budget = Math.max(XLSX_LIMITS.minSheetBudget, entry.compressedSize * 100);
    let rowNum = 0;
    let cells: RawCell[] = [];
    let cell: RawCell | null = null;
    let lastCol = 0;
    let capture: 'v' | 'is' | null = null;
    let phonetic = 0;
    let inIsT = false;
    let vText: string[] = [];
    let isText: string[] = [];
    const pending: { row: number; cells: RawCell[] }[] = [];
    await parseXml(await entryStream(this.path, entry, budget), `sheet '${sheet.name}'`, {
      open(name, a) {
        switch (name) {
          case 'dimension':
            if (a.ref) on.dimension(a.ref);
            break;
          case 'row': {
            const r = a.r !== undefined ? Number(a.r) : rowNum + 1;
            if (!Number.isInteger(r) || r <= rowNum)
              throw new XlsxError(
                `sheet '${sheet.name}' has rows out of order (row ${a.r ?? '?'} after row ${rowNum})`,
              );
            rowNum = r;
            cells = [];
            lastCol = 0;
            break;
          }
          case 'c': {
            const col = a.r ? columnOf(a.r) : lastCol + 1;
            if (col < 1 || col > XLSX_LIMITS.maxColumns)
              throw new XlsxError(
                `sheet '${sheet.name}' has a cell outside Excel's ${XLSX_LIMITS.maxColumns.toLocaleString('en-US')} columns (${a.r ?? `row ${rowNum}`})`,
              );
            lastCol = col;
            cell = { col, t: a.t ?? 'n', s: a.s !== undefined ? Number(a.s) : 0, v: null, inline: null };
            break;
          }
          case 'v':
            if (cell) {
              capture = 'v';
              vText = [];
            }
            break;
          case 'is':
            if (cell) {
              capture = 'is';
              isText = [];
            }
            break;
          case 'rPh':
            phonetic++;
            break;
          case 't':
            if (capture === 'is' && phonetic === 0) inIsT = true;
            break;
        }
      },
      text(t) {
        if (capture === 'v') vText.push(t);
        else if (inIsT) isText.push(t);
      },
      close(name) {
        switch (name) {
          case 'v':
            if (cell && capture === 'v') cell.v = vText.join('');
            capture = null;
            break;
          case 't':
            inIsT = false;
            break;
          case 'rPh':
            phonetic--;
            break;
          case 'is':
            if (cell) cell.inline = isText.join('');
            capture = null;
            break;
          case 'c':
            if (cell) cells.push(cell);
            cell = null;
            break;
          case 'row':
            pending.push({ row: rowNum, cells });
            cells = [];
            break;
        }
      },
      async drain() {
        for (const p of pending.splice(0)) await on.row(p.row, p.cells);
      },
    });
  }
}
