/**
 * Reading a definition for a run (docs/definition-files.md, SPEC §5): the file checks of shared/segments/file.ts, then
 * one
 * version picked (named or the latest). Drafts (unsaved definitions) skip the file checks. Diagnostics are rooted at
 * the file
 * (`versions[2].definition.where.all[1]`); a draft's are rooted at the definition.
 */
import type { SegmentDiagnostic } from '../../../../shared/api/segmentsApi';
import { ApiError } from '../../../../shared/api/protocol';
import { hashDefinition } from '../../../../shared/segments/hash';
import { readDefinitionFile, selectVersion } from '../../../../shared/segments/file';
import { diagnosticLine } from '../../../../shared/segments/location';
import {
  isSchemeDefinition,
  type Definition,
  type Rule,
  type SchemeDefinition,
  type SegmentDefinition,
  type Tier,
} from '../../../../shared/segments/model';

export type Json = Record<string, unknown>;

interface LoadedBase {
  /** The file as a label for messages (path or name), null for drafts. */
  file: string | null;
  /** The whole file as JSON (unknown keys kept); null for drafts. */
  content: Json | null;
  id: string | null;
  name: string | null;
  version: number | null;
  hash: string | null;
  /** Where the definition sits in the file (`versions[2].definition`), '' for drafts. */
  defPath: string;
  diagnostics: SegmentDiagnostic[];
  /** Set when this is one tier of a scheme run as a segment (see tierOf). */
  tier?: { scheme: string; name: string; index: number };
}

/**
 * A definition ready for a run, branched on `kind` (decided once, here: a file's kind, or for a
 * draft whether it has `tiers`, as isSchemeDefinition says). Its structure is the zod schemas'
 * (shared/segments/schema.ts) once its diagnostics hold no error; runs check those first.
 */
export type LoadedDefinition =
  | (LoadedBase & { kind: 'segment'; definition: SegmentDefinition })
  | (LoadedBase & { kind: 'scheme'; definition: SchemeDefinition });

/** `loaded` with `definition` in place of its own, the kind following the definition's shape. */
export function withDefinition(loaded: LoadedDefinition, definition: Definition): LoadedDefinition {
  return isSchemeDefinition(definition)
    ? { ...loaded, kind: 'scheme', definition }
    : { ...loaded, kind: 'segment', definition };
}

/** What a failed read carries in place of a definition: never run (its diagnostics hold errors). */
const NO_DEFINITION: SegmentDefinition = { entity: { table: '', key: '' }, where: { all: [] } };

/**
 * Parse and check a file's text (shared/segments/file.ts: strict JSON, envelope, formatVersion,
 * hash per version, duplicate versions), then pick `version` (default the latest). Checks of the
 * definition against tables are left to the run, which knows the real schemas.
 */
export function loadDefinitionText(text: string, label: string, version?: number): LoadedDefinition {
  const read = readDefinitionFile(text, version === undefined ? {} : { version });
  const file = read.file;
  if (!file) return fail(label, read.diagnostics);
  const chosen = selectVersion(file, version);
  if (!chosen) {
    throw new ApiError(
      'invalid_input',
      `${label}: no version ${version} (it has ${file.versions.map((v) => v.version).join(', ')})`,
    );
  }
  const index = (file.versions as unknown[]).indexOf(chosen);
  const defPath = `versions[${index}].definition`;
  const diagnostics = read.diagnostics.filter((x) => !x.path.startsWith(`${defPath}.`));
  const base: LoadedBase = {
    file: label,
    content: { ...file },
    id: file.id,
    name: file.name,
    version: chosen.version,
    hash: chosen.hash,
    defPath,
    diagnostics,
  };
  const def = chosen.definition;
  return isSchemeDefinition(def)
    ? { ...base, kind: 'scheme', definition: def }
    : { ...base, kind: 'segment', definition: def };
}

function fail(label: string, diagnostics: SegmentDiagnostic[]): LoadedDefinition {
  return {
    file: label,
    content: null,
    kind: 'segment',
    id: null,
    name: null,
    version: null,
    hash: null,
    definition: NO_DEFINITION,
    defPath: '',
    diagnostics,
  };
}

/**
 * The one place an unvalidated draft (the API's definition, any object) is taken as a Definition:
 * every run validates it before use (prepareRun, validateTarget), and what walks it before that
 * (related tables, SQL collection, the entity check) reads it as unknown.
 */
export function asDraft(draft: Definition | Record<string, unknown>): Definition {
  return draft as Definition;
}

/** An unsaved definition from the rule builder. */
export function draftDefinition(draft: Definition | Record<string, unknown>): LoadedDefinition {
  const definition = asDraft(draft);
  const base: LoadedBase = {
    file: null,
    content: null,
    id: null,
    name: null,
    version: null,
    hash: hashDefinition(definition),
    defPath: '',
    diagnostics: [],
  };
  return isSchemeDefinition(definition)
    ? { ...base, kind: 'scheme', definition }
    : { ...base, kind: 'segment', definition };
}

/** Throw invalid_input with every error when there are errors. */
export function assertNoErrors(label: string | null, diagnostics: SegmentDiagnostic[]): void {
  const errors = diagnostics.filter((x) => x.severity === 'error');
  if (!errors.length) return;
  const head = errors.slice(0, 5).map(diagnosticLine).join('; ');
  const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
  throw new ApiError('invalid_input', `${label ? `${label}: ` : ''}${head}${more}`, { diagnostics });
}

/** Re-root definition-relative diagnostics under the file path of the definition. */
export function rootDiagnostics(
  diags: readonly { path: string; message: string; severity: SegmentDiagnostic['severity'] }[],
  defPath: string,
): SegmentDiagnostic[] {
  if (!defPath) return diags.map((x) => ({ path: x.path, message: x.message, severity: x.severity }));
  return diags.map((x) => {
    const path = x.path ? (x.path.startsWith('[') ? defPath + x.path : `${defPath}.${x.path}`) : defPath;
    // A message led by a human label ("Condition 2 (…): …") keeps it; one led by its path gets the new path.
    if (x.path && !x.message.startsWith(`${x.path}: `)) return { path, message: x.message, severity: x.severity };
    const text = x.path ? x.message.slice(x.path.length + 2) : x.message;
    return { path, message: `${path}: ${text}`, severity: x.severity };
  });
}

/** The rule of tier `i` of a scheme: its own rule and none of the earlier ones (first match wins). */
export function tierRule(tiers: readonly Tier[], i: number): Rule {
  const earlier = tiers.slice(0, i).map((t) => ({ not: t.where }));
  return earlier.length ? { all: [tiers[i]!.where, ...earlier] } : tiers[i]!.where;
}

/** The rule of a scheme's `otherwise` tier: no named tier matches. */
export function otherwiseRule(tiers: readonly Tier[]): Rule {
  return { not: { any: tiers.map((t) => t.where) } };
}

/**
 * One tier of a loaded scheme as a segment (named `<scheme> / <tier>`; file, version and hash stay
 * the scheme's): `where` is the tier's rule, or for the `otherwise` tier, no named tier's.
 */
export function tierOf(loaded: LoadedDefinition, tier: string): LoadedDefinition {
  const label = loaded.name ?? loaded.file ?? 'the definition';
  if (loaded.diagnostics.some((x) => x.severity === 'error')) return loaded; // the run reports them
  if (loaded.kind === 'segment')
    throw new ApiError('invalid_input', `${label} is a segment, not a scheme: it has no tier '${tier}'.`);
  const def = loaded.definition;
  // A draft is not validated yet (its run does that): pick the tier without trusting its shape.
  const tiers = Array.isArray(def.tiers) ? def.tiers.filter((t) => typeof t === 'object' && t !== null) : [];
  const index = tiers.findIndex((t) => t.name === tier);
  const otherwise = typeof def.otherwise === 'string' ? def.otherwise : null;
  if (index < 0 && tier !== otherwise) {
    const names = [...tiers.map((t) => String(t.name)), ...(otherwise !== null ? [`${otherwise} (otherwise)`] : [])];
    throw new ApiError('invalid_input', `${label} has no tier '${tier}' (it has ${names.join(', ')}).`);
  }
  const { tiers: _tiers, otherwise: _otherwise, ...rest } = def;
  const where = index >= 0 ? tierRule(tiers, index) : otherwiseRule(tiers);
  return {
    ...loaded,
    kind: 'segment',
    name: `${loaded.name ?? 'scheme'} / ${tier}`,
    definition: { ...rest, where },
    tier: { scheme: loaded.name ?? label, name: tier, index: index >= 0 ? index : tiers.length },
  };
}
