/**
 * Definition files (§5): read with full validation, append versions, serialise for humans.
 * Invariants: the parsed JSON is kept as it stands (unknown keys included, nothing added or dropped),
 * so hashes are computed over what the file says and saving preserves what this version does not
 * know. Versions are append-only; an unchanged definition appends nothing.
 */
import { z } from 'zod';
import { hashDefinition } from './hash';
import {
  childPath,
  diag,
  FILE_FORMAT,
  FORMAT_VERSION,
  prefixDiagnostics,
  type Definition,
  type DefinitionFile,
  type Diagnostic,
  type TableSchemas,
  type Version,
} from './model';
import { parseStrictJson, type JsonIssue } from './strictJson';
import { validateDefinition } from './validate';
import { schemasFromFields } from './fieldsRecord';
import type { ParsedSqlExprs } from './sqlExpr/types';

export interface ReadOptions {
  /** Actual table schemas; without them, the version is checked against its own `fields` (what it lists). */
  schemas?: TableSchemas;
  sqlExprs?: ParsedSqlExprs;
  /** The version to check fully (default the latest). */
  version?: number;
}

export interface ReadResult {
  /** The file as parsed (raw JSON, unknown keys kept), or null when it cannot be used at all. */
  file: DefinitionFile | null;
  diagnostics: Diagnostic[];
  /** No error-severity diagnostics. */
  valid: boolean;
}

const versionEnvelope = z.looseObject({
  version: z.number().int().positive(),
  createdAt: z.string(),
  author: z.string().optional(),
  note: z.string().optional(),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 lowercase hex digits'),
  definition: z.record(z.string(), z.unknown()),
});
const fileEnvelope = z.looseObject({
  format: z.literal(FILE_FORMAT),
  formatVersion: z.number().int().positive(),
  kind: z.enum(['segment', 'scheme']),
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  versions: z.array(versionEnvelope).min(1, 'a definition file needs at least one version'),
});

/** The text of a strict-JSON issue (diag() puts the path in front). */
function strictIssueMessage(i: JsonIssue): string {
  const where = `line ${i.line}, column ${i.column}`;
  switch (i.kind) {
    case 'duplicateKey':
      return `${i.message} at ${where}; a key may appear once per object (readers would silently keep only one). Remove one of them`;
    case 'unsafeInteger':
      return `${i.message} (${where}); write a smaller number, or a string if it is an identifier`;
    case 'unsafeNumber':
      return `${i.message} (${where}); write a number within a double's range`;
    case 'syntax':
      return `${where}: ${i.message}`;
  }
}

function zodPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => childPath(acc, typeof key === 'number' ? key : String(key)), '');
}

function result(file: DefinitionFile | null, diagnostics: Diagnostic[]): ReadResult {
  return { file, diagnostics, valid: file !== null && !diagnostics.some((d) => d.severity === 'error') };
}

/** Parses and validates a `.segment.json` / `.scheme.json` text. Never throws. */
export function readDefinitionFile(text: string, options: ReadOptions = {}): ReadResult {
  const parsed = parseStrictJson(text);
  const out: Diagnostic[] = parsed.issues.map((i) => diag(i.path, strictIssueMessage(i)));
  // A duplicate key or a number JSON readers cannot hold makes the file ambiguous: what it means
  // depends on the reader (§5). Nothing of it is used, so no reader acts on a last-duplicate-wins
  // or rounded reading, and the diagnostics name each offending value by path.
  if (parsed.value === undefined || parsed.issues.length > 0) return result(null, out);
  const raw = parsed.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return result(null, [...out, diag('', 'not a Segment Workbench definition file (expected a JSON object)')]);
  const obj = raw as Record<string, unknown>;
  if (obj.format !== FILE_FORMAT) {
    return result(null, [
      ...out,
      diag('format', `not a Segment Workbench definition file ("format" must be "${FILE_FORMAT}")`),
    ]);
  }
  if (typeof obj.formatVersion === 'number' && obj.formatVersion > FORMAT_VERSION) {
    return result(null, [
      ...out,
      diag(
        'formatVersion',
        `formatVersion ${obj.formatVersion} is newer than this Segment Workbench reads (${FORMAT_VERSION}); update the app to open this file`,
      ),
    ]);
  }
  const envelope = fileEnvelope.safeParse(obj);
  if (!envelope.success) {
    for (const issue of envelope.error.issues) out.push(diag(zodPath(issue.path), issue.message));
    return result(null, out);
  }
  const file = obj as unknown as DefinitionFile;
  const versions = file.versions as Version[];
  const seen = new Map<number, { index: number; hash: string }>();
  versions.forEach((v, i) => {
    const path = childPath('versions', i);
    const actual = hashDefinition(v.definition);
    if (actual !== v.hash) {
      out.push(
        diag(
          childPath(path, 'hash'),
          `version ${v.version}: hash does not match its definition (file says ${v.hash}, the definition hashes to ${actual}); the file was edited or damaged`,
        ),
      );
    }
    const prior = seen.get(v.version);
    if (prior && prior.hash !== v.hash) {
      out.push(
        diag(
          childPath(path, 'version'),
          `version ${v.version} appears twice with different definitions (versions[${prior.index}] and versions[${i}]), e.g. from merging two branches; keep one and renumber the other`,
        ),
      );
    } else if (prior) {
      out.push(diag(childPath(path, 'version'), `version ${v.version} is listed twice (same definition)`, 'warning'));
    } else seen.set(v.version, { index: i, hash: v.hash });
    if (file.kind === 'scheme' && !('tiers' in v.definition))
      out.push(diag(childPath(path, 'definition'), 'a scheme definition needs "tiers" and "otherwise"'));
    if (file.kind === 'segment' && 'tiers' in v.definition)
      out.push(
        diag(childPath(path, 'definition'), 'a segment definition has "where", not "tiers" (is this a .scheme.json?)'),
      );
  });
  const target =
    options.version === undefined ? latestIndex(versions) : versions.findIndex((v) => v.version === options.version);
  if (target < 0) {
    out.push(
      diag(
        'versions',
        `version ${options.version} not found; the file has ${versions.map((v) => v.version).join(', ')}`,
      ),
    );
    return result(file, out);
  }
  const def = versions[target]!.definition;
  const schemas = options.schemas ?? schemasFromFields((def as { fields?: unknown }).fields);
  // Without real tables, the definition's own `fields` is the schema; what it does not list is not checked (§5).
  const checks = validateDefinition(def, schemas, {
    ...(options.sqlExprs ? { sqlExprs: options.sqlExprs } : {}),
    partialSchemas: !options.schemas,
  });
  if (!options.schemas && (def as { fields?: unknown }).fields === undefined) {
    checks.push(
      diag('fields', 'no "fields" record: column names and types are checked only against a workspace', 'warning'),
    );
  }
  // One by one: an `in` list of wrong values gives 100,000 diagnostics, too many to spread as arguments.
  for (const d of prefixDiagnostics(checks, `${childPath('versions', target)}.definition`)) out.push(d);
  return result(file, out);
}

function latestIndex(versions: readonly Version[]): number {
  let best = -1;
  versions.forEach((v, i) => {
    if (best < 0 || v.version >= versions[best]!.version) best = i;
  });
  return best;
}

/** The named version, or the latest (highest number). */
export function selectVersion<D extends Definition>(
  file: { versions: Version<D>[] },
  version?: number,
): Version<D> | undefined {
  if (version !== undefined) return file.versions.find((v) => v.version === version);
  const i = latestIndex(file.versions);
  return i < 0 ? undefined : file.versions[i];
}

function isoNow(now: Date | string): string {
  const iso = typeof now === 'string' ? now : now.toISOString();
  return iso.replace(/\.000Z$/, 'Z');
}

/** A new file with version 1. */
export function createDefinitionFile<D extends Definition>(init: {
  kind: 'segment' | 'scheme';
  id: string;
  name: string;
  description?: string;
  tags?: string[];
  definition: D;
  note?: string;
  author?: string;
  now: Date | string;
}): DefinitionFile {
  const version: Version<D> = {
    version: 1,
    createdAt: isoNow(init.now),
    ...(init.author !== undefined ? { author: init.author } : {}),
    note: init.note ?? 'created',
    hash: hashDefinition(init.definition),
    definition: init.definition,
  };
  return {
    format: FILE_FORMAT,
    formatVersion: FORMAT_VERSION,
    kind: init.kind,
    id: init.id,
    name: init.name,
    ...(init.description !== undefined ? { description: init.description } : {}),
    tags: init.tags ?? [],
    versions: [version],
  } as DefinitionFile;
}

/**
 * Appends version n+1 holding `definition`, or returns `file` itself when the definition hashes the
 * same as the latest version (nothing changed). Never modifies `file`.
 */
export function appendVersion<F extends DefinitionFile>(
  file: F,
  definition: Definition,
  note: string,
  author: string | undefined,
  now: Date | string,
): F {
  const hash = hashDefinition(definition);
  const latest = selectVersion(file as DefinitionFile);
  if (latest && latest.hash === hash) return file;
  const next = Math.max(0, ...file.versions.map((v) => v.version)) + 1;
  const version = {
    version: next,
    createdAt: isoNow(now),
    ...(author !== undefined ? { author } : {}),
    note,
    hash,
    definition,
  };
  return { ...file, versions: [...file.versions, version] } as F;
}

const FILE_KEYS = ['format', 'formatVersion', 'kind', 'id', 'name', 'description', 'tags', 'versions'];
const VERSION_KEYS = ['version', 'createdAt', 'author', 'note', 'hash', 'definition'];
const DEFINITION_KEYS = ['entity', 'asOf', 'metrics', 'where', 'tiers', 'otherwise', 'fields'];

function ordered(obj: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (k: string) =>
    Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
  for (const k of first) if (Object.prototype.hasOwnProperty.call(obj, k)) put(k);
  for (const k of Object.keys(obj)) if (!first.includes(k)) put(k);
  return out;
}

/** Pretty JSON with a stable, human-friendly key order; unknown keys kept after the known ones. */
export function serializeDefinitionFile(file: DefinitionFile): string {
  const top = ordered(file as unknown as Record<string, unknown>, FILE_KEYS);
  top.versions = (file.versions as unknown as Record<string, unknown>[]).map((v) => {
    const version = ordered(v, VERSION_KEYS);
    version.definition = ordered(v.definition as Record<string, unknown>, DEFINITION_KEYS);
    return version;
  });
  return `${JSON.stringify(top, null, 2)}\n`;
}
