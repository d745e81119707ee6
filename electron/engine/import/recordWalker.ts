/**
 * Where a loaded row came from. DuckDB keeps a CSV's records in file order (its rowid) but not their
 * lines, and a record's line is what the user needs ("line 7: 'abc' in amount is not a number"). The
 * walker reads the file as the reader did: the skipped lines, the header record, then records (RFC
 * 4180 quoting with the dialect's quote and escape; empty lines are not records) in order, each
 * rejected record taking exactly the lines DuckDB said it took (so a broken quote cannot shift the
 * count), every other record being the next row. It stops after the last row asked for.
 */
import { createReadStream } from 'node:fs';
import type { Session } from '../db/db';

/**
 * SQL for a row's 0-based position in file order, or null when a column named rowid (any case)
 * hides DuckDB's row id (then rows cannot be told apart by position, and lines are not looked up).
 * Rows a transaction has not committed have rowids from 2^55 up (beyond a double's integers), so
 * positions are taken relative to the first row.
 */
export async function rowOrdinal(
  s: Session,
  relation: string,
  columns: readonly { name: string }[],
): Promise<string | null> {
  if (columns.some((c) => c.name.toLowerCase() === 'rowid')) return null;
  const [r] = await s.query(`SELECT coalesce(min(rowid), 0)::VARCHAR AS base FROM ${relation}`);
  const base = String(r?.base ?? '0');
  if (!/^\d+$/.test(base)) throw new Error(`unexpected rowid ${base}`);
  return `(rowid - ${base})`;
}

export interface WalkPlan {
  quote: string;
  escape: string;
  /** Lines skipped before the header (the sniffer's `skip`). */
  skipLines: number;
  header: boolean;
  /** Rejected records: physical start line → physical lines the record spans. */
  rejected: { get(line: number): number | undefined };
}

/**
 * Rejected records' start lines and line counts, added in ascending line order, in typed arrays (a
 * file with millions of rejects must not cost a Map entry each).
 */
export class RejectSpans {
  private starts = new Float64Array(1024);
  private spans = new Uint32Array(1024);
  size = 0;
  /** Line breaks inside the rejected records, together (for reconciliation). */
  extraLines = 0;

  add(line: number, lines: number): void {
    if (this.size === this.starts.length) {
      const s = new Float64Array(this.size * 2);
      s.set(this.starts);
      this.starts = s;
      const l = new Uint32Array(this.size * 2);
      l.set(this.spans);
      this.spans = l;
    }
    this.starts[this.size] = line;
    this.spans[this.size] = lines;
    this.size++;
    this.extraLines += lines - 1;
  }

  get(line: number): number | undefined {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      const v = this.starts[m]!;
      if (v === line) return this.spans[m];
      if (v < line) lo = m + 1;
      else hi = m - 1;
    }
    return undefined;
  }
}

export interface RowSource {
  /** Physical 1-based line where the row's record starts. */
  line: number;
  /** The record's text (at most RAW_MAX characters), when asked for. */
  raw?: string;
}

const RAW_MAX = 10_000;

/**
 * Finds rows in file order, across calls: each `locate` continues where the previous one stopped
 * (so rowids must grow from call to call), which lets a caller page through millions of rows.
 */
export class RowLocator {
  private offset = 0; // byte offset just after the last record read
  private line = 1;
  private rowid = 0;
  private skip: number;
  private headerPending: boolean;
  private readonly q: number;
  private readonly esc: number;

  constructor(
    private readonly path: string,
    private readonly plan: WalkPlan,
    private readonly withRaw = false,
    private readonly encoding: BufferEncoding = 'utf8',
  ) {
    this.skip = plan.skipLines;
    this.headerPending = plan.header;
    this.q = plan.quote ? plan.quote.charCodeAt(0) : -1;
    this.esc = plan.escape ? plan.escape.charCodeAt(0) : -1;
  }

  /** Lines (and raw text, if asked) of the rows at `rowids` (0-based, in file order). */
  async locate(rowids: readonly number[]): Promise<Map<number, RowSource>> {
    const wanted = [...new Set(rowids)].filter((r) => r >= this.rowid).sort((a, b) => a - b);
    const out = new Map<number, RowSource>();
    if (!wanted.length) return out;
    const { q, esc, plan, withRaw, encoding } = this;
    let next = 0; // index into `wanted`
    let pendingCr = false; // a '\r' at the start of a line: an empty line if '\n' follows
    let pos = this.offset;
    // The record being read.
    let inRecord = false;
    let recordLine = this.line;
    let rejected = false;
    let linesLeft = 0; // a rejected record: line breaks still to pass
    let inQuote = false;
    let afterEscape = false;
    let capturing = false;
    let captured: Buffer[] = [];
    let capturedBytes = 0;
    const keep = (part: Buffer) => {
      if (capturedBytes >= RAW_MAX * 4) return;
      captured.push(Buffer.from(part));
      capturedBytes += part.length;
    };
    const begin = () => {
      inRecord = true;
      recordLine = this.line;
      inQuote = false;
      afterEscape = false;
      const span = plan.rejected.get(this.line);
      rejected = !this.headerPending && span !== undefined;
      linesLeft = rejected ? span! : 0;
      capturing = withRaw && !this.headerPending && !rejected && this.rowid === wanted[next];
      captured = [];
      capturedBytes = 0;
    };
    const end = (at: number) => {
      inRecord = false;
      this.offset = at;
      if (this.headerPending) this.headerPending = false;
      else if (!rejected) {
        if (this.rowid === wanted[next]) {
          const src: RowSource = { line: recordLine };
          if (withRaw)
            src.raw = Buffer.concat(captured)
              .toString(encoding)
              .replace(/\r?\n$/, '')
              .slice(0, RAW_MAX);
          out.set(this.rowid, src);
          next++;
        }
        this.rowid++;
      }
      capturing = false;
      captured = [];
    };
    for await (const chunk of createReadStream(this.path, {
      start: this.offset,
      highWaterMark: 1 << 20,
    }) as AsyncIterable<Buffer>) {
      let from = 0; // start of the part of this chunk that belongs to the current record
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (this.skip > 0) {
          if (b === 10) {
            this.skip--;
            this.line++;
            this.offset = pos + i + 1;
          }
          continue;
        }
        if (!inRecord) {
          if (b === 10) {
            pendingCr = false;
            this.line++; // an empty line is not a record
            this.offset = pos + i + 1;
            continue;
          }
          if (b === 13 && !pendingCr) {
            pendingCr = true;
            continue;
          }
          pendingCr = false;
          begin();
          from = i;
        }
        if (rejected) {
          if (b === 10) {
            this.line++;
            if (--linesLeft <= 0) end(pos + i + 1);
          }
          continue;
        }
        if (inQuote) {
          if (afterEscape) afterEscape = false;
          else if (b === esc && esc !== q) afterEscape = true;
          else if (b === q) inQuote = false; // a doubled quote re-enters on the next byte
          if (b === 10) this.line++;
          continue;
        }
        if (b === q) inQuote = true;
        else if (b === 10) {
          this.line++;
          if (capturing) keep(chunk.subarray(from, i + 1));
          end(pos + i + 1);
          if (next >= wanted.length) return out;
        }
      }
      if (inRecord && capturing) keep(chunk.subarray(from));
      pos += chunk.length;
    }
    if (inRecord) end(pos);
    return out;
  }
}

/** Lines (and optionally raw text) of the rows at `rowids`, in one pass from the start. */
export function locateRows(
  path: string,
  plan: WalkPlan,
  rowids: readonly number[],
  withRaw = false,
  encoding: BufferEncoding = 'utf8',
): Promise<Map<number, RowSource>> {
  return new RowLocator(path, plan, withRaw, encoding).locate(rowids);
}
