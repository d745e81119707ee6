/**
 * Browser exports: where member exports go when the app runs in a browser. The page reserves a slot
 * (`POST /exports?name=`), the engine writes the export to the slot's path inside the workspace
 * (`<workspace>/.tmp/exports/<id>/<name>`, next to its sidecar), and the page downloads it with
 * `GET /download/<id>`. Invariants: only files of slots this host made are ever served, looked up by
 * an opaque random id (never a path from the client); a slot's folder is removed after a complete
 * download, on `DELETE /download/<id>`, after `ttlMs`, and when the host closes.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { HttpError } from './httpError';
import { safeUploadName } from './upload';

export const EXPORT_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.parquet': 'application/vnd.apache.parquet',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const ID = /^[0-9a-f]{32}$/;

interface Slot {
  dir: string;
  name: string;
  timer: ReturnType<typeof setTimeout>;
}

/** `<workspace>/.tmp/exports`: scratch space the workspace's .gitignore already keeps local. */
export function exportsRoot(workspace: string): string {
  return join(workspace, '.tmp', 'exports');
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / 8187). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export class ExportSlots {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly ttlMs: number) {}

  /** Make a slot for a file called `rawName`; answers its id and the absolute path to write. */
  async reserve(workspace: string, rawName: string | null): Promise<{ id: string; out: string }> {
    const name = safeUploadName(rawName);
    if (!name)
      throw new HttpError(400, 'Refused: the export name must be a plain file name (no folders, no leading dot).');
    if (!EXPORT_TYPES[extname(name).toLowerCase()])
      throw new HttpError(400, 'Refused: an export ends in .csv, .parquet, .json or .xlsx.');
    const root = exportsRoot(workspace);
    await this.sweep(root);
    const id = randomBytes(16).toString('hex');
    const dir = join(root, id);
    await mkdir(dir, { recursive: true });
    const timer = setTimeout(() => void this.release(id), this.ttlMs);
    timer.unref();
    this.slots.set(id, { dir, name, timer });
    return { id, out: join(dir, name) };
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** Forget a slot and remove its folder (export, sidecar and all). False for an unknown id. */
  async release(id: string): Promise<boolean> {
    const slot = this.slots.get(id);
    if (!slot) return false;
    this.slots.delete(id);
    clearTimeout(slot.timer);
    await rm(slot.dir, { recursive: true, force: true });
    return true;
  }

  /** Send the slot's file as an attachment; the slot is released once the whole file went out. */
  async serve(id: string, res: ServerResponse, headOnly: boolean): Promise<void> {
    const slot = ID.test(id) ? this.slots.get(id) : undefined;
    if (!slot) throw new HttpError(404, 'No such export: it was downloaded already, expired, or never made.');
    const file = join(slot.dir, slot.name);
    // lstat: a regular file written by the engine, never a link planted in its place.
    const info = await lstat(file).catch(() => null);
    if (!info?.isFile()) throw new HttpError(404, 'The export has not been written (yet).');
    res.writeHead(200, {
      'content-type': EXPORT_TYPES[extname(slot.name).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'content-disposition': contentDisposition(slot.name),
      'cache-control': 'no-store',
    });
    if (headOnly) {
      res.end();
      return;
    }
    res.on('finish', () => void this.release(id));
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  /** Folders under `root` that no live slot owns and older than the TTL: left by an earlier host. */
  private async sweep(root: string): Promise<void> {
    const owned = new Set([...this.slots.values()].map((s) => s.dir));
    const names = await readdir(root).catch(() => [] as string[]);
    for (const n of names) {
      const dir = join(root, n);
      if (owned.has(dir)) continue;
      const info = await stat(dir).catch(() => null);
      if (info && Date.now() - info.mtimeMs > this.ttlMs) await rm(dir, { recursive: true, force: true });
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.slots.keys()].map((id) => this.release(id)));
  }
}
