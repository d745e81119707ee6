/**
 * The one atomic writer of the engine, the CLI and Electron main (docs/architecture.md, SPEC §10): the bytes go to a
 * temp
 * file in the same folder (same file system, so rename is atomic), are fsynced, renamed over the
 * target, and the folder is fsynced so the rename itself survives a crash. A reader therefore sees
 * the old content or the new, never a torn file. Temps are named `<prefix><file>.<pid>.<hex>`: a
 * failed write removes its own (whichever step failed, reporting the first failure), and the
 * leftovers of a killed writer (its process gone) are removed by the next cleanStaleTemps, however
 * young they are (an engine that crashed and restarted at once leaves no temp in segments/).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, promises as fs, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Prefix of temp files; `cleanStaleTemps` removes files starting with it. */
export const TEMP_PREFIX = '.segwb-tmp-';

async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (err) {
    // Some file systems (and Windows) cannot fsync a directory; the rename is still atomic there.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

/** Remove a failed write's temp; a failure to remove must not hide the error that made it fail. */
async function dropTemp(temp: string): Promise<void> {
  await fs.rm(temp, { force: true }).catch(() => undefined);
}

function dropTempSync(temp: string): void {
  try {
    rmSync(temp, { force: true });
  } catch {
    // as dropTemp: the write's own error is the one to report
  }
}

function tempFor(file: string): string {
  return path.join(
    path.dirname(file),
    `${TEMP_PREFIX}${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}`,
  );
}

/** Write `data` to `file` atomically. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = tempFor(file);
  const handle = await fs.open(temp, 'wx', 0o644);
  // The first failure is the one reported (a close failing after a failed write must not hide it).
  let failure: { err: unknown } | undefined;
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    failure = { err };
  }
  try {
    await handle.close();
  } catch (err) {
    failure ??= { err };
  }
  if (!failure)
    await fs.rename(temp, file).catch((err: unknown) => {
      failure = { err };
    });
  if (failure) {
    await dropTemp(temp);
    throw failure.err;
  }
  await fsyncDir(dir);
}

/** writeFileAtomic for synchronous callers (workspace.json, the recent-workspaces list). */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  const temp = tempFor(file);
  const fd = openSync(temp, 'wx', 0o644);
  let failure: { err: unknown } | undefined;
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (err) {
    failure = { err };
  }
  try {
    closeSync(fd);
  } catch (err) {
    failure ??= { err };
  }
  try {
    if (!failure) renameSync(temp, file);
  } catch (err) {
    failure = { err };
  }
  if (failure) {
    dropTempSync(temp);
    throw failure.err;
  }
  let dfd: number | undefined;
  try {
    dfd = openSync(dir, 'r');
    fsyncSync(dfd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (dfd !== undefined) closeSync(dfd);
  }
}

/**
 * Move a finished file (e.g. an export written in the workspace) to `dest` atomically: rename when
 * on one file system, else copy to a temp beside `dest`, fsync, rename, and remove the source.
 */
export async function moveFileAtomic(source: string, dest: string): Promise<void> {
  try {
    await fs.rename(source, dest);
    await fsyncDir(path.dirname(dest));
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
  }
  const dir = path.dirname(dest);
  const temp = tempFor(dest);
  try {
    await fs.copyFile(source, temp, constants.COPYFILE_EXCL);
    const handle = await fs.open(temp, 'r+');
    let synced: unknown = null;
    await handle.sync().catch((err: unknown) => {
      synced = err;
    });
    await handle.close().catch((err: unknown) => {
      synced ??= err;
    }); // the first failure is reported
    if (synced !== null) throw synced;
    await fs.rename(temp, dest);
  } catch (err) {
    await dropTemp(temp);
    throw err;
  }
  await fsyncDir(dir);
  await fs.rm(source, { force: true });
}

/** Whether the process that made a temp (its pid is in the name) is gone; null when unknown. */
function writerGone(name: string): boolean | null {
  const m = /\.(\d+)\.[0-9a-f]+$/.exec(name);
  if (!m) return null;
  const pid = Number(m[1]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Remove temps left by killed writers in `dir` (not recursive): those whose writer process is gone,
 * and any older than `minAgeMs` (a reused pid, a name without one), so a write in flight in another
 * process is not disturbed. Returns the names removed.
 */
export async function cleanStaleTemps(dir: string, minAgeMs = 60_000): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const removed: string[] = [];
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const full = path.join(dir, name);
    try {
      const stat = await fs.stat(full);
      if (!stat.isFile() || (minAgeMs > 0 && now - stat.mtimeMs < minAgeMs && writerGone(name) !== true)) continue;
      await fs.rm(full, { force: true });
      removed.push(name);
    } catch {
      // Gone already (another cleaner) or unreadable: not ours to insist on.
    }
  }
  return removed;
}
