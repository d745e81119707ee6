/**
 * Saved comparisons (issue 8 item 2): `<workspace>/comparisons/<slug>.comparison.json`, one JSON
 * document each (`format`, `formatVersion`, `name`, `updatedAt`, `state`: the targets, measures,
 * dimension and the app's view choices), written atomically, git-friendly like definitions.
 * Deleting moves the file to `.trash/` (never purged here). Only files directly in `comparisons/`
 * are read or written; a file that does not parse is listed by name and refused on read.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { comparisonState, type ComparisonDocument, type ComparisonSummary } from '../../../shared/api/compareApi';
import { ApiError } from '../../../shared/api/protocol';
import { parseStrictJson } from '../../../shared/segments/strictJson';
import { moveFileAtomic, writeFileAtomic } from '../files/atomicWrite';
import { slug } from '../segments/definitions/definitionStore';
import { TRASH_DIR } from '../segments/definitions/definitionFiles';
import type { Workspace } from '../workspace/workspace';

export const COMPARISONS_DIR = 'comparisons';
const SUFFIX = '.comparison.json';
const FORMAT = 'segment-workbench-comparison';

const dirOf = (ws: Workspace): string => path.join(ws.path, COMPARISONS_DIR);
const rel = (ws: Workspace, full: string): string => path.relative(ws.path, full).split(path.sep).join('/');

/** A comparison file directly inside comparisons/ (never nested, never elsewhere). */
function resolveFile(ws: Workspace, file: string, mustExist: boolean): string {
  const full = path.resolve(ws.path, file);
  if (path.dirname(full) !== dirOf(ws) || !full.endsWith(SUFFIX)) {
    throw new ApiError(
      'usage',
      `Comparisons are kept as ${COMPARISONS_DIR}/NAME${SUFFIX} inside the workspace, not '${file}'.`,
    );
  }
  if (mustExist && !existsSync(full)) throw new ApiError('not_found', `No saved comparison ${rel(ws, full)}.`);
  return full;
}

function parse(ws: Workspace, full: string, text: string): ComparisonDocument {
  const label = rel(ws, full);
  const parsed = parseStrictJson(text);
  const issue = parsed.issues[0];
  if (issue) throw new ApiError('invalid_input', `${label}: line ${issue.line}: ${issue.message}.`);
  const doc = parsed.value as Record<string, unknown> | null;
  if (!doc || typeof doc !== 'object' || doc.format !== FORMAT)
    throw new ApiError('invalid_input', `${label} is not a saved comparison.`);
  if (typeof doc.formatVersion === 'number' && doc.formatVersion > 1) {
    throw new ApiError(
      'invalid_input',
      `${label} was saved by a newer Segment Workbench (format ${doc.formatVersion}); update the app to open it.`,
    );
  }
  const state = comparisonState.safeParse(doc.state);
  if (!state.success)
    throw new ApiError(
      'invalid_input',
      `${label}: ${state.error.issues[0]?.path.join('.') || 'state'}: ${state.error.issues[0]?.message ?? 'invalid'}.`,
    );
  return {
    file: label,
    name: typeof doc.name === 'string' ? doc.name : path.basename(full, SUFFIX),
    updatedAt: typeof doc.updatedAt === 'string' ? doc.updatedAt : '',
    state: state.data,
  };
}

function serialize(name: string, state: ComparisonDocument['state'], now: Date): string {
  return `${JSON.stringify({ format: FORMAT, formatVersion: 1, name, updatedAt: now.toISOString(), state }, null, 2)}\n`;
}

/** Saved comparisons, by name. */
export async function listComparisons(ws: Workspace): Promise<ComparisonSummary[]> {
  const dir = dirOf(ws);
  const names = existsSync(dir) ? (await fs.readdir(dir)).filter((n) => n.endsWith(SUFFIX)) : [];
  const out: ComparisonSummary[] = [];
  for (const n of names) {
    const full = path.join(dir, n);
    try {
      const doc = parse(ws, full, await fs.readFile(full, 'utf8'));
      out.push({ file: doc.file, name: doc.name, updatedAt: doc.updatedAt });
    } catch {
      out.push({ file: rel(ws, full), name: path.basename(n, SUFFIX), updatedAt: '' });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export async function readComparison(ws: Workspace, file: string): Promise<ComparisonDocument> {
  const full = resolveFile(ws, file, true);
  return parse(ws, full, await fs.readFile(full, 'utf8'));
}

/** Save over `file`, or as a new file named after `name` (a free variant of its slug). */
export async function saveComparison(
  ws: Workspace,
  input: { file?: string; name: string; state: ComparisonDocument['state'] },
  now = new Date(),
): Promise<ComparisonSummary> {
  const name = input.name.trim();
  let full: string;
  if (input.file !== undefined) full = resolveFile(ws, input.file, true);
  else {
    await fs.mkdir(dirOf(ws), { recursive: true });
    const taken = await listComparisons(ws);
    if (taken.some((c) => c.name === name))
      throw new ApiError(
        'usage',
        `A comparison named '${name}' already exists. Pick another name, or open it and save over it.`,
      );
    const base = slug(name, 'comparison');
    full = path.join(dirOf(ws), `${base}${SUFFIX}`);
    for (let i = 2; existsSync(full); i++) full = path.join(dirOf(ws), `${base}-${i}${SUFFIX}`);
  }
  await writeFileAtomic(full, serialize(name, input.state, now));
  return { file: rel(ws, full), name, updatedAt: now.toISOString() };
}

/** A new name (the file follows its slug when that is free). */
export async function renameComparison(
  ws: Workspace,
  file: string,
  name: string,
  now = new Date(),
): Promise<ComparisonSummary> {
  const full = resolveFile(ws, file, true);
  const doc = parse(ws, full, await fs.readFile(full, 'utf8'));
  const trimmed = name.trim();
  if ((await listComparisons(ws)).some((c) => c.name === trimmed && c.file !== doc.file)) {
    throw new ApiError('usage', `A comparison named '${trimmed}' already exists. Pick another name.`);
  }
  const dest = path.join(dirOf(ws), `${slug(trimmed, 'comparison')}${SUFFIX}`);
  await writeFileAtomic(full, serialize(trimmed, doc.state, now));
  const moved = dest !== full && !existsSync(dest);
  if (moved) await moveFileAtomic(full, dest);
  return { file: rel(ws, moved ? dest : full), name: trimmed, updatedAt: now.toISOString() };
}

/** Move the file to the workspace's trash. */
export async function deleteComparison(ws: Workspace, file: string, now = new Date()): Promise<{ file: string }> {
  const full = resolveFile(ws, file, true);
  const trash = path.join(ws.path, TRASH_DIR);
  await fs.mkdir(trash, { recursive: true });
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  let dest = path.join(trash, `${stamp}-${path.basename(full)}`);
  for (let i = 2; existsSync(dest); i++) dest = path.join(trash, `${stamp}_${i}-${path.basename(full)}`);
  await moveFileAtomic(full, dest);
  return { file: rel(ws, full) };
}
