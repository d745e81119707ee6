/**
 * Definition files in a workspace (docs/architecture.md, SPEC §2, §5): `segments/*.segment.json`,
 * `schemes/*.scheme.json`.
 * Listing, reading with diagnostics, saving (append an immutable version with a note, atomically).
 * Paths given by callers are resolved inside the workspace for writing; reading also accepts an
 * absolute path (the CLI's DEF.json arguments).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ulid } from 'ulid';
import { ApiError } from '../../../../shared/api/protocol';
import type {
  DefinitionDocument,
  DefinitionSummary,
  SaveResult,
  SegmentDiagnostic,
} from '../../../../shared/api/segmentsApi';
import {
  appendVersion,
  createDefinitionFile,
  readDefinitionFile,
  selectVersion,
  serializeDefinitionFile,
} from '../../../../shared/segments/file';
import { hashDefinition } from '../../../../shared/segments/hash';
import type { Definition, DefinitionFile } from '../../../../shared/segments/model';
import { cleanStaleTemps, writeFileAtomic } from '../../files/atomicWrite';
import type { Workspace } from '../../workspace/workspace';
import { hasSql } from '../../sqlGuard/sqlExprs';
import { nameProblem } from '../../../../shared/segments/names';

export const DIRS = { segment: 'segments', scheme: 'schemes' } as const;
export const SUFFIX = { segment: '.segment.json', scheme: '.scheme.json' } as const;

/** Resolve a file for reading: absolute as given, else relative to the workspace. */
export function resolveForRead(ws: Workspace | null, file: string): string {
  if (path.isAbsolute(file)) return file;
  if (!ws) throw new ApiError('usage', `'${file}' is a relative path and no workspace is open`);
  return path.join(ws.path, file);
}

/** Resolve a file for writing: must stay inside the workspace's segments/ or schemes/ folder. */
export function resolveForWrite(ws: Workspace, file: string): string {
  const full = path.resolve(ws.path, file);
  const inside = [ws.segmentsDir, ws.schemesDir].some((d) => full.startsWith(d + path.sep));
  if (!inside || !/\.(segment|scheme)\.json$/.test(full)) {
    throw new ApiError(
      'usage',
      `Definitions are saved as segments/NAME.segment.json or schemes/NAME.scheme.json inside the workspace, not '${file}'`,
    );
  }
  return full;
}

export function readText(full: string): string {
  try {
    return readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ApiError(
      'invalid_input',
      code === 'ENOENT' ? `No such file: ${full}` : `Cannot read ${full}: ${(err as Error).message}`,
    );
  }
}

function summarize(rel: string, text: string): DefinitionDocument {
  const read = readDefinitionFile(text);
  const file = read.file;
  const latest = file ? selectVersion(file) : undefined;
  const diagnostics: SegmentDiagnostic[] = read.diagnostics.map((x) => ({
    path: x.path,
    message: x.message,
    severity: x.severity,
  }));
  // A file with errors still lists: read its entity without trusting the shape.
  const entity: { table?: unknown; key?: unknown } =
    typeof latest?.definition.entity === 'object' && latest.definition.entity !== null ? latest.definition.entity : {};
  return {
    file: rel,
    kind: file?.kind ?? null,
    id: file?.id ?? null,
    name: file?.name ?? path.basename(rel).replace(/\.(segment|scheme)\.json$/, ''),
    description: file?.description ?? null,
    tags: file?.tags ?? [],
    latestVersion: latest?.version ?? null,
    hash: latest?.hash ?? null,
    entityTable: typeof entity.table === 'string' ? entity.table : null,
    valid: read.valid,
    errors: diagnostics.filter((x) => x.severity === 'error').length,
    hasSql: latest ? hasSql(latest.definition) : false,
    content: file,
    versions: (file?.versions ?? []).map((v) => {
      let hashValid: boolean;
      try {
        hashValid = hashDefinition(v.definition) === v.hash;
      } catch {
        hashValid = false;
      }
      return {
        version: v.version,
        createdAt: v.createdAt,
        author: v.author ?? null,
        note: v.note ?? null,
        hash: v.hash,
        hashValid,
      };
    }),
    diagnostics,
  };
}

export async function listDefinitions(ws: Workspace): Promise<DefinitionSummary[]> {
  const out: DefinitionSummary[] = [];
  for (const kind of ['segment', 'scheme'] as const) {
    const dir = path.join(ws.path, DIRS[kind]);
    await cleanStaleTemps(dir);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith(SUFFIX[kind])) continue;
      const rel = `${DIRS[kind]}/${name}`;
      const doc = summarize(rel, readText(path.join(dir, name)));
      const { content: _c, versions: _v, diagnostics: _d, ...summary } = doc;
      out.push(summary);
    }
  }
  return out;
}

export function readDefinitionDocument(ws: Workspace | null, file: string): DefinitionDocument {
  const full = resolveForRead(ws, file);
  const rel = ws && full.startsWith(ws.path + path.sep) ? path.relative(ws.path, full).split(path.sep).join('/') : full;
  return summarize(rel, readText(full));
}

/** File-name stem for a display name: lowercase ASCII words joined by '-' (`fallback` when none). */
export function slug(name: string, fallback = 'segment'): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 80) || fallback;
}

export interface SaveInput {
  file?: string;
  kind: 'segment' | 'scheme';
  name: string;
  description?: string;
  tags?: string[];
  definition: Definition;
  note: string;
  author?: string;
}

/**
 * Refuse a name that is empty or already another definition's in this workspace (segments and
 * schemes share one namespace: shared/segments/names.ts). `self`: the file being saved or renamed.
 */
export async function assertNameFree(ws: Workspace, name: string, self: string | null): Promise<void> {
  const problem = nameProblem(name, await listDefinitions(ws), self);
  if (problem) {
    throw new ApiError('invalid_input', `Cannot use the name '${name.trim()}': ${problem}.`, { field: 'name' });
  }
}

export async function saveDefinition(ws: Workspace, input: SaveInput, now = new Date()): Promise<SaveResult> {
  let full: string;
  let next: DefinitionFile;
  let previous: DefinitionFile | null = null;
  if (input.file !== undefined) {
    full = resolveForWrite(ws, input.file);
    await assertNameFree(ws, input.name, path.relative(ws.path, full).split(path.sep).join('/'));
    const read = readDefinitionFile(readText(full));
    if (!read.file)
      throw new ApiError('invalid_input', `${input.file}: ${read.diagnostics[0]?.message ?? 'not a definition file'}`, {
        diagnostics: read.diagnostics,
      });
    const broken = read.diagnostics.find((x) => x.severity === 'error' && /hash|appears twice/.test(x.message));
    if (broken)
      throw new ApiError('invalid_input', `${input.file}: ${broken.message}; fix the file before appending a version`);
    if (read.file.kind !== input.kind)
      throw new ApiError('usage', `${input.file} holds a ${read.file.kind}, not a ${input.kind}`);
    previous = read.file;
    next = withMetadata(appendVersion(read.file, input.definition, input.note, input.author, now), input);
  } else {
    await assertNameFree(ws, input.name, null);
    const dir = input.kind === 'segment' ? ws.segmentsDir : ws.schemesDir;
    const base = slug(input.name);
    let candidate = path.join(dir, `${base}${SUFFIX[input.kind]}`);
    for (let i = 2; existsSync(candidate); i++) candidate = path.join(dir, `${base}-${i}${SUFFIX[input.kind]}`);
    full = candidate;
    next = createDefinitionFile({
      kind: input.kind,
      id: ulid(),
      name: input.name,
      definition: input.definition,
      now,
      note: input.note || 'created',
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
      ...(input.author !== undefined ? { author: input.author } : {}),
    });
  }
  const latest = selectVersion(next)!;
  const appended = previous === null || next.versions.length !== previous.versions.length;
  const metadataUpdated = previous !== null && next !== previous && !appended;
  await cleanStaleTemps(path.dirname(full)); // leftovers of writers killed earlier (SPEC §10)
  if (next !== previous) await writeFileAtomic(full, serializeDefinitionFile(next));
  return {
    file: path.relative(ws.path, full).split(path.sep).join('/'),
    id: next.id,
    version: latest.version,
    hash: latest.hash,
    appended,
    ...(previous !== null ? { metadataUpdated: metadataUpdated || (appended && metadataDiffers(previous, next)) } : {}),
  };
}

const sameTags = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

function metadataDiffers(a: DefinitionFile, b: DefinitionFile): boolean {
  return a.name !== b.name || a.description !== b.description || !sameTags(a.tags, b.tags);
}

/**
 * The file with the name, description and tags of a save (they live outside `versions`, so no
 * version or hash changes); `file` itself when nothing differs. Omitted description/tags are kept.
 */
export function withMetadata<F extends DefinitionFile>(
  file: F,
  input: { name: string; description?: string; tags?: string[] },
): F {
  const next = { ...file, name: input.name } as F;
  if (input.description !== undefined) next.description = input.description;
  if (input.tags !== undefined) next.tags = [...input.tags];
  return metadataDiffers(file, next) ? next : file;
}
