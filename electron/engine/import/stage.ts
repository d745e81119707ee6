/**
 * Bringing a file into the workspace's staging folder, the only place DuckDB may read imports from
 * (SPEC §10): a hard link when on the same volume, else a copy; UTF-16 and Windows-1252 (and, for
 * non-CSV formats, Latin-1) transcoded to UTF-8 there with iconv-lite. Everything staged here is
 * removed by `cleanup()`, success or failure; an uploaded file (kind 'staged') is the caller's.
 */
import { copyFileSync, createReadStream, createWriteStream, existsSync, linkSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import type { Encoding, FileRef } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import { detectEncoding } from './encoding';
import { badInput } from './errors';

export interface StagedFile {
  /** Path DuckDB reads (inside the staging folder). */
  path: string;
  /** The user's file name, for messages and the snapshot record. */
  name: string;
  /** Encoding of the original file. */
  encoding: Encoding;
  /** Encoding of `path` as DuckDB must read it ('utf-8' or 'latin-1'). */
  readEncoding: 'utf-8' | 'latin-1';
  bytes: number;
  /** The line the user sees for a physical line of `path`, when they differ (a sheet converted to CSV). */
  userLine?: (line: number) => number;
  /** Remove what staging created (never the user's original). */
  cleanup(): void;
}

export const HEAD_BYTES = 64 * 1024;

/** Resolve a FileRef to a readable path; `staged` names must be plain names inside staging. */
export function resolveSource(stagingDir: string, file: FileRef): { path: string; name: string; uploaded: boolean } {
  if (file.kind === 'staged') {
    if (file.name !== basename(file.name) || file.name.startsWith('.') || /[\\/]/.test(file.name)) {
      throw new ApiError('usage', `Invalid staged file name '${file.name}'.`);
    }
    const p = join(stagingDir, file.name);
    if (!existsSync(p)) throw new ApiError('not_found', `No uploaded file named '${file.name}' in the workspace's staging folder; upload it again.`);
    return { path: p, name: file.name.replace(/^[0-9a-f]{8,}-/, ''), uploaded: true };
  }
  if (!existsSync(file.path)) throw new ApiError('not_found', `${file.path}: no such file. Check the path.`);
  if (!statSync(file.path).isFile()) throw badInput(file.path, 'this is a folder, not a file', 'Choose a file.');
  return { path: file.path, name: basename(file.path), uploaded: false };
}

export function readHead(path: string, bytes = HEAD_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Stage `file` for DuckDB. `textual` says whether the format is text (encodings apply);
 * `duckLatin1` whether the reader handles Latin-1 itself (CSV does).
 */
export async function stageFile(
  stagingDir: string,
  file: FileRef,
  opts: { textual: boolean; duckLatin1: boolean; encoding?: Encoding },
): Promise<StagedFile> {
  const src = resolveSource(stagingDir, file);
  const bytes = statSync(src.path).size;
  const created: string[] = [];
  const cleanup = () => {
    for (const p of created) rmSync(p, { force: true });
  };
  const unique = `${randomBytes(6).toString('hex')}-${src.name}`;
  let path = src.path;
  if (!src.uploaded) {
    path = join(stagingDir, unique);
    try {
      linkSync(src.path, path);
    } catch {
      try {
        copyFileSync(src.path, path);
      } catch (err) {
        throw badInput(src.name, `cannot be read (${err instanceof Error ? err.message : String(err)})`, 'Check the file permissions.');
      }
    }
    created.push(path);
  }
  let encoding: Encoding = 'utf-8';
  let bomLength = 0;
  if (opts.textual) {
    const detected = detectEncoding(readHead(path));
    encoding = opts.encoding ?? detected.encoding;
    bomLength = opts.encoding && opts.encoding !== detected.encoding ? 0 : detected.bomLength;
  }
  const needsTranscode = opts.textual && (encoding === 'utf-16le' || encoding === 'utf-16be' || encoding === 'windows-1252' || (encoding === 'latin-1' && !opts.duckLatin1));
  if (!needsTranscode) {
    return { path, name: src.name, encoding, readEncoding: encoding === 'latin-1' ? 'latin-1' : 'utf-8', bytes, cleanup };
  }
  const out = join(stagingDir, `${randomBytes(6).toString('hex')}-utf8-${src.name}`);
  created.push(out);
  try {
    const codec = encoding === 'latin-1' ? 'latin1' : encoding;
    // iconv-lite strips a BOM of the same encoding; the UTF-8 output gets none.
    await pipeline(createReadStream(path, { start: bomLength }), iconv.decodeStream(codec, { stripBOM: true }), iconv.encodeStream('utf8'), createWriteStream(out));
  } catch (err) {
    cleanup();
    throw badInput(src.name, `could not be converted from ${encoding} (${err instanceof Error ? err.message : String(err)})`, 'Choose the right encoding in the import options.');
  }
  // The link/copy of the original is no longer needed once transcoded.
  if (created[0] !== out) {
    rmSync(created[0]!, { force: true });
    created.shift();
  }
  return { path: out, name: src.name, encoding, readEncoding: 'utf-8', bytes, cleanup };
}
