/**
 * Counting records of a text file for reconciliation (SPEC §10): a cheap newline count first, and an
 * exact, quote-aware count of non-empty records only when the cheap one disagrees with the loader.
 * Also maps byte offsets (DuckDB's line_byte_position) to physical 1-based line numbers.
 */
import { createReadStream } from 'node:fs';

/** Physical lines: newlines, plus one for a last line without a newline. Empty file → 0. */
export async function countLines(path: string): Promise<number> {
  let n = 0;
  let last = -1;
  let any = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    any = true;
    let i = chunk.indexOf(10);
    while (i !== -1) {
      n++;
      i = chunk.indexOf(10, i + 1);
    }
    last = chunk[chunk.length - 1] ?? last;
  }
  return any && last !== 10 ? n + 1 : n;
}

export interface CsvDialect {
  quote: string;
  escape: string;
}

/**
 * Exact count of CSV records that are not empty lines (the loader skips empty lines): a newline
 * inside quotes does not end a record. Returns the count and the physical start line of each
 * record (1-based), so the first records (header, skipped rows) can be told apart.
 */
export async function countCsvRecords(path: string, dialect: CsvDialect): Promise<{ records: number; startLines: (n: number) => number }> {
  const q = dialect.quote ? dialect.quote.charCodeAt(0) : -1;
  const esc = dialect.escape ? dialect.escape.charCodeAt(0) : -1;
  let inQuote = false;
  let line = 1;
  let recordStart = 1;
  let recordEmpty = true;
  let prevWasEscape = false;
  const starts: number[] = [];
  const keepStarts = 64;
  let records = 0;
  const end = () => {
    if (!recordEmpty) {
      if (starts.length < keepStarts) starts.push(recordStart);
      records++;
    }
    recordEmpty = true;
    recordStart = line;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (inQuote) {
        if (prevWasEscape) prevWasEscape = false;
        else if (b === esc && esc !== q) prevWasEscape = true;
        else if (b === q) inQuote = false; // a doubled quote re-enters on the next byte
        if (b === 10) line++;
        continue;
      }
      if (b === 10) {
        line++;
        end();
        continue;
      }
      if (b === 13) continue;
      recordEmpty = false;
      if (b === q) inQuote = true;
    }
  }
  line++;
  end();
  return { records, startLines: (n) => starts[n] ?? -1 };
}

/** Physical 1-based line of each byte offset (offsets need not be sorted). */
export async function linesAtOffsets(path: string, offsets: readonly number[]): Promise<Map<number, number>> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  if (!sorted.length) return out;
  let k = 0;
  let base = 0;
  let line = 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let pos = 0;
    while (k < sorted.length && sorted[k]! < base + chunk.length) {
      const target = sorted[k]! - base;
      let i = chunk.indexOf(10, pos);
      while (i !== -1 && i < target) {
        line++;
        i = chunk.indexOf(10, i + 1);
      }
      pos = target;
      out.set(sorted[k]!, line);
      k++;
    }
    if (k >= sorted.length) break;
    let i = chunk.indexOf(10, pos);
    while (i !== -1) {
      line++;
      i = chunk.indexOf(10, i + 1);
    }
    base += chunk.length;
  }
  for (; k < sorted.length; k++) out.set(sorted[k]!, line);
  return out;
}
