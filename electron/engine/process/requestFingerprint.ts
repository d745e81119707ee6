/**
 * Fingerprints of requests, so the engine host can recognise the input that was in flight when the
 * engine crashed and refuse it the next time instead of crashing again. A fingerprint is the method
 * and the canonical JSON of its params without `jobId` (a fresh id per attempt), plus, for requests
 * that name a file (`importFile`, `sniffFile`), the file's identity by content: its size and a hash of
 * its first and last 64 KB. A browser upload lands under a new staged name every time, so the same
 * file uploaded again is still the same file.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../../shared/segments/canonicalJson';

const EDGE_BYTES = 64 * 1024;

/** Size and edges of a file, or null when it cannot be read (gone, not a file). */
function fileIdentity(path: string): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const { size } = fstatSync(fd);
    const hash = createHash('sha256');
    const buf = Buffer.alloc(Math.min(EDGE_BYTES, size));
    hash.update(buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)));
    if (size > EDGE_BYTES)
      hash.update(buf.subarray(0, readSync(fd, buf, 0, buf.length, Math.max(EDGE_BYTES, size - EDGE_BYTES))));
    return `${size}:${hash.digest('hex')}`;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Where a request's file is on disk (staged files live in the open workspace's `.staging/`). */
function filePath(params: Record<string, unknown>, workspace: string | null): string | null {
  const file = params.file as { kind?: unknown; path?: unknown; name?: unknown } | undefined;
  if (!file || typeof file !== 'object') return null;
  if (file.kind === 'path' && typeof file.path === 'string') return file.path;
  if (file.kind === 'staged' && typeof file.name === 'string' && workspace)
    return join(workspace, '.staging', file.name);
  return null;
}

/** A stable fingerprint of one request, and the file it reads if any. */
export function requestFingerprint(method: string, params: unknown, workspace: string | null): string {
  const rest: Record<string, unknown> =
    params && typeof params === 'object' && !Array.isArray(params)
      ? { ...(params as Record<string, unknown>) }
      : { value: params };
  delete rest.jobId;
  const path = filePath(rest, workspace);
  const identity = path ? fileIdentity(path) : null;
  // The same content under another staged name or path is the same input.
  if (identity) rest.file = { identity };
  let text: string;
  try {
    text = canonicalJson(rest);
  } catch {
    text = JSON.stringify(rest) ?? '';
  }
  return createHash('sha256').update(method).update('\0').update(text).digest('hex');
}
