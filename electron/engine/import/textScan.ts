/**
 * Byte-level looks at a text file that DuckDB's reader does not give: the physical and blank line
 * counts reconciliation needs, whether any NUL byte is present (DuckDB loads NULs into values
 * silently), whether a head looks binary, and a sample of the first lines without the over-long
 * ones (DuckDB's sniffer fails on a sample holding a line over its limit; the reader can reject
 * such a line, so the sniffer must not see it). Lines end at '\n' ('\r\n' is one break).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface TextScan {
  /** Physical lines: newlines, plus one for a last line without a newline. Empty file → 0. */
  lines: number;
  /** Lines with nothing on them ('' or a lone '\r'), wherever they are (also inside quoted fields). */
  blank: number;
  /** The file holds at least one NUL byte. */
  nul: boolean;
}

export async function scanText(path: string): Promise<TextScan> {
  let lines = 0;
  let blank = 0;
  let nul = false;
  // Bytes on the current line so far (0, or 1 for a lone '\r', count as blank).
  let lineLen = 0;
  let lineCr = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (!nul && chunk.indexOf(0) !== -1) nul = true;
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
      const seg = i - start;
      const total = lineLen + seg;
      const onlyCr = total === 1 && (seg === 1 ? chunk[start] === 13 : lineCr);
      if (total === 0 || onlyCr) blank++;
      lines++;
      lineLen = 0;
      lineCr = false;
      start = i + 1;
    }
    const rest = chunk.length - start;
    if (rest > 0) {
      if (lineLen === 0 && rest === 1) lineCr = chunk[start] === 13;
      else lineCr = false;
      lineLen += rest;
    }
  }
  if (lineLen > 0) {
    lines++;
    if (lineLen === 1 && lineCr) blank++;
  }
  return { lines, blank, nul };
}

/**
 * Whether a file head is binary rather than text with a few stray bytes: more than 1% (and more
 * than 8) of its bytes are control characters other than tab, line breaks, form feed and escape.
 * Random bytes score about 11%; a CSV with a handful of NULs far below 1%.
 */
export function looksBinary(head: Uint8Array): boolean {
  let controls = 0;
  for (const b of head)
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) || b === 0x7f) controls++;
  return controls > 8 && controls > head.length * 0.01;
}

/**
 * Write the first `maxLines` lines of `path` (at most `maxBytes` read) to `out`, leaving out lines
 * longer than `maxLineBytes`. Returns how many lines were left out.
 */
export async function sampleWithoutLongLines(
  path: string,
  out: string,
  maxLineBytes: number,
  maxLines = 20_480,
  maxBytes = 64 << 20,
): Promise<number> {
  const sink = createWriteStream(out);
  let dropped = 0;
  let kept = 0;
  let read = 0;
  let line: Buffer[] = [];
  let lineBytes = 0;
  const flush = async (withNewline: boolean) => {
    if (lineBytes > maxLineBytes) dropped++;
    else {
      for (const part of line) if (!sink.write(part)) await once(sink, 'drain');
      if (withNewline && !sink.write('\n')) await once(sink, 'drain');
      kept++;
    }
    line = [];
    lineBytes = 0;
  };
  try {
    outer: for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      read += chunk.length;
      let start = 0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
        const part = chunk.subarray(start, i);
        lineBytes += part.length;
        if (lineBytes <= maxLineBytes) line.push(part);
        await flush(true);
        start = i + 1;
        if (kept >= maxLines) break outer;
      }
      const rest = chunk.subarray(start);
      lineBytes += rest.length;
      // Over-long lines are not kept in memory: only their length counts.
      if (lineBytes <= maxLineBytes) line.push(Buffer.from(rest));
      else line = [];
      if (read >= maxBytes) break;
    }
    if (lineBytes > 0 && kept < maxLines) await flush(false);
  } finally {
    sink.end();
    await once(sink, 'close');
  }
  return dropped;
}
