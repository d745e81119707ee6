/**
 * Renaming, deleting and restoring definition files (docs/definition-files.md, SPEC §5, issue 4 item 1).
 * Invariants: a rename changes the top-level `name` (and, by default, the file name) and never a
 * version or its hash; deleting moves the file, byte for byte, into `<workspace>/.trash/` as
 * `<UTC timestamp>-<file name>`, from where it can be restored; nothing is ever purged here. Every
 * change is atomic (temp + fsync + rename); only files directly in `segments/` or `schemes/` move.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../../shared/api/protocol';
import type { RenameResult, RestoreResult, TrashEntry } from '../../../../shared/api/segmentsApi';
import { readDefinitionFile, serializeDefinitionFile } from '../../../../shared/segments/file';
import { moveFileAtomic, writeFileAtomic } from '../../files/atomicWrite';
import type { Workspace } from '../../workspace/workspace';
import { assertNameFree, DIRS, readText, resolveForWrite, slug, SUFFIX } from './definitionStore';

export const TRASH_DIR = '.trash';
/** `<stamp>-<file>`, or `<stamp>_<n>-<file>` for a second deletion of one name in one millisecond. */
const TRASH_NAME = /^(\d{8}T\d{9}Z)(?:_(\d+))?-([^/\\]+\.(segment|scheme)\.json)$/;

const rel = (ws: Workspace, full: string): string => path.relative(ws.path, full).split(path.sep).join('/');

/** A definition file directly inside segments/ or schemes/ (never nested, never elsewhere). */
function resolveDefinitionFile(ws: Workspace, file: string): { full: string; kind: 'segment' | 'scheme' } {
  const full = resolveForWrite(ws, file);
  const dir = path.dirname(full);
  const kind =
    dir === ws.segmentsDir && full.endsWith(SUFFIX.segment)
      ? 'segment'
      : dir === ws.schemesDir && full.endsWith(SUFFIX.scheme)
        ? 'scheme'
        : null;
  if (!kind)
    throw new ApiError(
      'usage',
      `Only files directly in segments/ (*.segment.json) or schemes/ (*.scheme.json) can be renamed or deleted, not '${file}'`,
    );
  if (!existsSync(full)) throw new ApiError('not_found', `No definition file ${rel(ws, full)}`);
  return { full, kind };
}

/** Set the display name; with `renameFile`, move the file to the name's slug (refusing to overwrite). */
export async function renameDefinitionFile(
  ws: Workspace,
  file: string,
  name: string,
  renameFile: boolean,
): Promise<RenameResult> {
  const { full, kind } = resolveDefinitionFile(ws, file);
  const read = readDefinitionFile(readText(full));
  if (!read.file)
    throw new ApiError(
      'invalid_input',
      `${rel(ws, full)}: ${read.diagnostics[0]?.message ?? 'not a definition file'}; fix or delete it instead`,
    );
  const trimmed = name.trim();
  await assertNameFree(ws, trimmed, rel(ws, full));
  const dest = renameFile ? path.join(path.dirname(full), `${slug(trimmed, kind)}${SUFFIX[kind]}`) : full;
  const moving = dest !== full;
  if (moving && existsSync(dest)) {
    throw new ApiError(
      'usage',
      `Cannot rename to '${trimmed}': ${rel(ws, dest)} already exists. Pick another name, or rename or delete that file first`,
    );
  }
  // Only the top-level name changes: versions are re-serialised as they stand (same keys, same hashes).
  if (read.file.name !== trimmed) await writeFileAtomic(full, serializeDefinitionFile({ ...read.file, name: trimmed }));
  if (moving) await moveFileAtomic(full, dest);
  return { file: rel(ws, dest), previousFile: rel(ws, full), name: trimmed };
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}

function unstamp(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

function describeTrash(ws: Workspace, trashFile: string): TrashEntry | null {
  const m = TRASH_NAME.exec(trashFile);
  if (!m) return null;
  const kind = m[4] as 'segment' | 'scheme';
  let id: string | null = null;
  let name = m[3]!.replace(/\.(segment|scheme)\.json$/, '');
  try {
    const read = readDefinitionFile(readText(path.join(ws.path, TRASH_DIR, trashFile)));
    if (read.file) ({ id, name } = read.file);
  } catch {
    // Unreadable: still listed (by its file name) so it can be restored and inspected.
  }
  return { trashFile, originalFile: `${DIRS[kind]}/${m[3]}`, kind, id, name, deletedAt: unstamp(m[1]!) };
}

/** Move the file into `.trash/` (atomic rename; the bytes are kept as they are). */
export async function deleteDefinitionFile(ws: Workspace, file: string, now = new Date()): Promise<TrashEntry> {
  const { full } = resolveDefinitionFile(ws, file);
  const trash = path.join(ws.path, TRASH_DIR);
  await fs.mkdir(trash, { recursive: true });
  const base = `${stamp(now)}-${path.basename(full)}`;
  let target = base;
  for (let i = 2; existsSync(path.join(trash, target)); i++) target = `${stamp(now)}_${i}-${path.basename(full)}`;
  await moveFileAtomic(full, path.join(trash, target));
  return describeTrash(ws, target)!;
}

export async function listTrash(ws: Workspace): Promise<TrashEntry[]> {
  let names: string[];
  try {
    names = await fs.readdir(path.join(ws.path, TRASH_DIR));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const entries = names.map((n) => describeTrash(ws, n)).filter((e): e is TrashEntry => e !== null);
  return entries.sort((a, b) => (a.trashFile < b.trashFile ? 1 : a.trashFile > b.trashFile ? -1 : 0));
}

/** Move a trashed file back to its folder: its original name when free, else `<name>-2`, `-3`… */
export async function restoreDefinitionFile(ws: Workspace, trashFile: string): Promise<RestoreResult> {
  const entry = path.basename(trashFile) === trashFile ? describeTrash(ws, trashFile) : null;
  if (!entry)
    throw new ApiError('usage', `'${trashFile}' is not a file name in ${TRASH_DIR}/ (use listTrash for the names)`);
  const source = path.join(ws.path, TRASH_DIR, trashFile);
  if (!existsSync(source))
    throw new ApiError('not_found', `Nothing named ${trashFile} in ${TRASH_DIR}/ (restored already?)`);
  const dir = entry.kind === 'segment' ? ws.segmentsDir : ws.schemesDir;
  await fs.mkdir(dir, { recursive: true });
  const original = path.basename(entry.originalFile);
  const stem = original.slice(0, -SUFFIX[entry.kind].length);
  let dest = path.join(dir, original);
  for (let i = 2; existsSync(dest); i++) dest = path.join(dir, `${stem}-${i}${SUFFIX[entry.kind]}`);
  await moveFileAtomic(source, dest);
  return { file: rel(ws, dest), name: entry.name };
}
