/**
 * NUL bytes in a text file (docs/architecture.md, SPEC §10: a file with some bad records is not bad input). DuckDB
 * would
 * load a NUL into a value silently (and type the column as text because of it), so before DuckDB
 * reads the file, every record holding a NUL is taken out into a staged copy and becomes a reject
 * with its line; the rest loads as usual. Records follow RFC 4180 quoting with `quote` (a quoted
 * field may span lines); the first record (the header, if there is one) keeps its place with its
 * NULs dropped, so the columns are still named by it.
 * Invariant: the copy's lines map back to the original's (`userLine`), so every later reject and
 * every warning names the line of the user's file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { StagedFile, StagingScope } from './stage';

export interface NulReject {
  line: number;
  raw: string;
}

export interface NulOutcome {
  file: StagedFile;
  rejects: NulReject[];
  /** NUL bytes dropped from the first record. */
  headerNuls: number;
}

const RAW_MAX = 10_000;
const MAX_QUOTED_BYTES = 8 << 20;

export async function withoutNulRecords(staged: StagedFile, scope: StagingScope, quote = '"'): Promise<NulOutcome> {
  const out = scope.path(`clean-${staged.name}`);
  const sink = createWriteStream(out);
  const q = quote ? quote.charCodeAt(0) : -1;
  const rejects: NulReject[] = [];
  // Physical lines removed before each kept line: pairs (first kept line of the copy after a removal, lines removed so
  // far).
  const shifts: { from: number; by: number }[] = [];
  let removed = 0;
  let line = 1; // physical line in the original
  let outLine = 1; // physical line in the copy
  let first = true;
  let headerNuls = 0;
  let inQuote = false;
  let parts: Buffer[] = [];
  let bytes = 0;
  let hasNul = false;
  let recordLine = 1;
  let recordLines = 1;
  const write = async (buf: Buffer) => {
    if (!sink.write(buf)) await once(sink, 'drain');
  };
  const flush = async () => {
    if (!parts.length) return;
    const record = Buffer.concat(parts);
    parts = [];
    bytes = 0;
    if (first) {
      first = false;
      if (hasNul) {
        const clean = Buffer.from(record.filter((b) => b !== 0));
        headerNuls = record.length - clean.length;
        await write(clean);
      } else await write(record);
      outLine += recordLines;
    } else if (hasNul) {
      rejects.push({
        line: recordLine,
        raw: record
          .toString(staged.readEncoding === 'latin-1' ? 'latin1' : 'utf8')
          .replace(/\r?\n$/, '')
          .replaceAll('\u0000', '\u2400')
          .slice(0, RAW_MAX),
      });
      removed += recordLines;
      shifts.push({ from: outLine, by: removed });
    } else {
      await write(record);
      outLine += recordLines;
    }
    hasNul = false;
  };
  try {
    for await (const chunk of createReadStream(staged.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let from = 0;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (bytes === 0 && i === from && parts.length === 0) {
          recordLine = line;
          recordLines = 1;
        }
        if (b === 0) hasNul = true;
        else if (b === q)
          inQuote = !inQuote; // a doubled quote toggles twice: still inside
        else if (b === 10) {
          line++;
          // A quote that never closes would make the rest of the file one record held in memory:
          // past DuckDB's own record limit, a line break ends the record (DuckDB rejects it anyway).
          if (inQuote && bytes + (i - from) > MAX_QUOTED_BYTES) inQuote = false;
          if (inQuote) {
            recordLines++;
            continue;
          }
          parts.push(chunk.subarray(from, i + 1));
          bytes += i + 1 - from;
          from = i + 1;
          await flush();
        }
      }
      if (from < chunk.length) {
        parts.push(Buffer.from(chunk.subarray(from)));
        bytes += chunk.length - from;
      }
    }
    await flush();
  } finally {
    sink.end();
    await once(sink, 'close');
  }
  const before = staged.userLine ?? ((l: number) => l);
  // Lines of the copy → lines of the original: add the lines removed before it.
  const toOriginal = (l: number): number => {
    let by = 0;
    let lo = 0;
    let hi = shifts.length - 1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      if (shifts[m]!.from <= l) {
        by = shifts[m]!.by;
        lo = m + 1;
      } else hi = m - 1;
    }
    return l + by;
  };
  const file: StagedFile = { ...staged, path: out, userLine: (l) => before(toOriginal(l)) };
  return { file, rejects: rejects.map((r) => ({ line: before(r.line), raw: r.raw })), headerNuls };
}
