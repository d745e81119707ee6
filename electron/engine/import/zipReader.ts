/**
 * Reading entries of a ZIP container (an XLSX) without trusting what it says: the central directory
 * is read from the end of the file (ZIP64 too), an entry is inflated as a stream, and every stream
 * is cut off at a byte budget whatever size the entry claims, so a small file that inflates to
 * gigabytes (a zip bomb) is refused after reading the budget, never held in memory.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** What the directory claims; not trusted (see `entryStream`). */
  size: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

export class ZipError extends Error {}

/** Thrown by an entry stream that inflates past its budget. */
export class ZipBudgetError extends Error {
  constructor(
    readonly entry: string,
    readonly budget: number,
  ) {
    super(`${entry} inflates to more than ${budget} bytes`);
  }
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function readAt(fd: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The entries of the ZIP file at `path`, by name. */
export async function readZipDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const fd = await open(path, 'r');
  try {
    const size = (await fd.stat()).size;
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = await readAt(fd, size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new ZipError('no ZIP directory (the file is not a workbook, or it is cut short)');
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const locAt = size - tailLen + at - 20;
      const loc = locAt >= 0 ? await readAt(fd, locAt, 20) : Buffer.alloc(0);
      if (loc.length < 20 || loc.readUInt32LE(0) !== EOCD64_LOCATOR) throw new ZipError('damaged ZIP64 directory');
      const rec = await readAt(fd, Number(loc.readBigUInt64LE(8)), 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== EOCD64) throw new ZipError('damaged ZIP64 directory');
      count = Number(rec.readBigUInt64LE(32));
      dirSize = Number(rec.readBigUInt64LE(40));
      dirOffset = Number(rec.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > size || count > 1_000_000) throw new ZipError('damaged ZIP directory');
    const dir = await readAt(fd, dirOffset, dirSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipError('damaged ZIP directory');
      const flags = dir.readUInt16LE(p + 8);
      const method = dir.readUInt16LE(p + 10);
      let compressedSize = dir.readUInt32LE(p + 20);
      let uncompressed = dir.readUInt32LE(p + 24);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      let offset = dir.readUInt32LE(p + 42);
      const name = dir.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      // ZIP64 sizes and offset live in extra field 0x0001, in this order, for the fields set to ~0.
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = dir.readUInt16LE(e);
        const len = dir.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const next = () => {
            const v = q + 8 <= e + 4 + len ? Number(dir.readBigUInt64LE(q)) : 0;
            q += 8;
            return v;
          };
          if (uncompressed === 0xffffffff) uncompressed = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (offset === 0xffffffff) offset = next();
        }
        e += 4 + len;
      }
      entries.set(name, {
        name,
        method,
        compressedSize,
        size: uncompressed,
        localHeaderOffset: offset,
        encrypted: (flags & 1) === 1,
      });
      p = extraEnd + commentLen;
    }
    return entries;
  } finally {
    await fd.close();
  }
}

/** The inflated bytes of `entry`, ending in a ZipBudgetError past `budget` bytes. */
export async function entryStream(path: string, entry: ZipEntry, budget: number): Promise<Readable> {
  if (entry.encrypted) throw new ZipError(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipError(`${entry.name} uses an unsupported compression (method ${entry.method})`);
  const fd = await open(path, 'r');
  let local: Buffer;
  try {
    local = await readAt(fd, entry.localHeaderOffset, 30);
  } finally {
    await fd.close();
  }
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new ZipError(`damaged entry ${entry.name}`);
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 16 });
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      cb(seen > budget ? new ZipBudgetError(entry.name, budget) : null, chunk);
    },
  });
  const inflated = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  const fail = (err: Error) => limit.destroy(err);
  raw.on('error', fail);
  inflated.on('error', fail);
  limit.on('close', () => raw.destroy());
  return inflated.pipe(limit);
}

/** A whole (small) entry as text, within `budget` bytes. */
export async function entryText(path: string, entry: ZipEntry, budget: number): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of await entryStream(path, entry, budget)) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
