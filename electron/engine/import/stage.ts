/**
 * Bringing a file into the workspace's staging folder, the only place DuckDB may read imports from
 * (docs/architecture.md, SPEC §10): a hard link when on the same volume, else a copy; UTF-16 and Windows-1252 (and, for
 * non-CSV formats, Latin-1) transcoded to UTF-8 there with iconv-lite.
 * Invariants: every file the engine makes in staging is named `.stage-…` (an upload's name never
 * starts with a dot, so the two never meet) and belongs to one StagingScope, whose `cleanup()`
 * removes all of them, success or failure; a copy left by a crashed engine is removed when the
 * workspace opens next (Workspace.clearStaleStaging). An uploaded file (kind 'staged') is the
 * caller's. What the user reads never names a staged path (`label`, `unit` say what to show).
 */
import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  linkSync,
  openSync,
  readSync,
  closeSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import type iconvLite from 'iconv-lite';
import type { Encoding, FileRef } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import { detectEncoding } from './encoding';
import { badInput } from './errors';

/** Prefix of every file the engine stages (see the module comment). */
export const STAGE_PREFIX = '.stage-';

/** Files the engine makes in staging for one import or preview; `cleanup` removes them all. */
export class StagingScope {
  private readonly made: string[] = [];
  constructor(readonly dir: string) {}

  /** A fresh path in staging, registered for cleanup (the file itself is the caller's to write). */
  path(suffix: string): string {
    const p = join(this.dir, `${STAGE_PREFIX}${randomBytes(6).toString('hex')}-${suffix.replace(/[\\/]/g, '_')}`);
    this.made.push(p);
    return p;
  }

  /** Remove one staged file early (e.g. a copy made obsolete by its transcoded version). */
  drop(path: string): void {
    rmSync(path, { force: true });
  }

  cleanup(): void {
    for (const p of this.made.splice(0)) rmSync(p, { force: true });
  }
}

/** A CSV dialect the engine itself wrote (a sheet converted to CSV): not sniffed. */
export interface FixedDialect {
  delimiter: string;
  quote: string;
  escape: string;
}

export interface StagedFile {
  /** Path DuckDB reads (inside the staging folder). */
  path: string;
  /** The user's file name, for messages and the snapshot record. */
  name: string;
  /** How messages name the source: `book.xlsx, sheet 'Data'` or the file name. */
  label: string;
  /** What a position is called for the user: a text line, or a sheet row. */
  unit: 'line' | 'row';
  /** Encoding of the original file. */
  encoding: Encoding;
  /** Encoding of `path` as DuckDB must read it ('utf-8' or 'latin-1'). */
  readEncoding: 'utf-8' | 'latin-1';
  bytes: number;
  /** Set when the engine wrote `path` itself (sheets): the dialect is known. */
  dialect?: FixedDialect;
  /** The line or row the user sees for a physical line of `path`, when they differ. */
  userLine?: (line: number) => number;
}

export const HEAD_BYTES = 64 * 1024;

/** Resolve a FileRef to a readable path; `staged` names must be plain names inside staging. */
export function resolveSource(stagingDir: string, file: FileRef): { path: string; name: string; uploaded: boolean } {
  if (file.kind === 'staged') {
    if (file.name !== basename(file.name) || file.name.startsWith('.') || /[\\/]/.test(file.name)) {
      throw new ApiError('usage', `Invalid staged file name '${file.name}'.`);
    }
    const p = join(stagingDir, file.name);
    if (!existsSync(p))
      throw new ApiError(
        'not_found',
        `No uploaded file named '${file.name}' in the workspace's staging folder; upload it again.`,
      );
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
 * `duckLatin1` whether the reader handles Latin-1 itself (CSV does). Files made go to `scope`.
 */
export async function stageFile(
  scope: StagingScope,
  file: FileRef,
  opts: { textual: boolean; duckLatin1: boolean; encoding?: Encoding },
): Promise<StagedFile> {
  const src = resolveSource(scope.dir, file);
  const bytes = statSync(src.path).size;
  let path = src.path;
  if (!src.uploaded) {
    path = scope.path(src.name);
    try {
      linkSync(src.path, path);
    } catch {
      try {
        copyFileSync(src.path, path);
      } catch (err) {
        throw badInput(
          src.name,
          `cannot be read (${err instanceof Error ? err.message : String(err)})`,
          'Check the file permissions.',
        );
      }
    }
  }
  const base = { name: src.name, label: src.name, unit: 'line' as const, bytes };
  let encoding: Encoding = 'utf-8';
  let bomLength = 0;
  if (opts.textual) {
    const detected = detectEncoding(readHead(path));
    encoding = opts.encoding ?? detected.encoding;
    bomLength = opts.encoding && opts.encoding !== detected.encoding ? 0 : detected.bomLength;
  }
  const needsTranscode =
    opts.textual &&
    (encoding === 'utf-16le' ||
      encoding === 'utf-16be' ||
      encoding === 'windows-1252' ||
      (encoding === 'latin-1' && !opts.duckLatin1));
  if (!needsTranscode) {
    return { ...base, path, encoding, readEncoding: encoding === 'latin-1' ? 'latin-1' : 'utf-8' };
  }
  const out = scope.path(`utf8-${src.name}`);
  try {
    const codec = encoding === 'latin-1' ? 'latin1' : encoding;
    // Loaded here, not at start-up: its code tables are half a megabyte for every engine start.
    const { default: iconv } = (await import('iconv-lite')) as { default: typeof iconvLite };
    // iconv-lite strips a BOM of the same encoding; the UTF-8 output gets none.
    await pipeline(
      createReadStream(path, { start: bomLength }),
      iconv.decodeStream(codec, { stripBOM: true }),
      iconv.encodeStream('utf8'),
      createWriteStream(out),
    );
  } catch (err) {
    throw badInput(
      src.name,
      `could not be converted from ${encoding} (${err instanceof Error ? err.message : String(err)})`,
      'Choose the right encoding in the import options.',
    );
  }
  // The link/copy of the original is no longer needed once transcoded.
  if (path !== src.path) scope.drop(path);
  return { ...base, path: out, encoding, readEncoding: 'utf-8' };
}
