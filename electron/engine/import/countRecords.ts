/**
 * Counting lines of a text file (NDJSON reconciliation), and mapping byte offsets (DuckDB's
 * line_byte_position) to physical 1-based line numbers, at once or page by page.
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

/**
 * Byte offsets → physical lines, forward only across calls: each `lines` call continues where the
 * previous one stopped, so millions of offsets can be mapped in pages with one pass over the file.
 */
export class OffsetLines {
  private base = 0; // file offset of the first byte not yet counted
  private line = 1;

  constructor(private readonly path: string) {}

  /** Lines of `offsets`, which must be sorted and not below any offset of an earlier call. */
  async lines(offsets: readonly number[]): Promise<number[]> {
    const out: number[] = [];
    if (!offsets.length) return out;
    let k = 0;
    for await (const chunk of createReadStream(this.path, {
      start: this.base,
      highWaterMark: 1 << 20,
    }) as AsyncIterable<Buffer>) {
      let pos = 0;
      while (k < offsets.length && offsets[k]! < this.base + chunk.length) {
        const target = Math.max(pos, offsets[k]! - this.base);
        for (let i = chunk.indexOf(10, pos); i !== -1 && i < target; i = chunk.indexOf(10, i + 1)) this.line++;
        pos = target;
        out.push(this.line);
        k++;
      }
      if (k >= offsets.length) {
        this.base += pos;
        return out;
      }
      for (let i = chunk.indexOf(10, pos); i !== -1; i = chunk.indexOf(10, i + 1)) this.line++;
      this.base += chunk.length;
    }
    for (; k < offsets.length; k++) out.push(this.line);
    return out;
  }
}
