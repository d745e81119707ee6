/**
 * Reading a definition for a run (SPEC §5): the file checks of shared/segments/file.ts, then one
 * version picked (named or the latest). Drafts (unsaved definitions) skip the file checks. Diagnostics are rooted at the file
 * (`versions[2].definition.where.all[1]`); a draft's are rooted at the definition.
 */
import type { SegmentDiagnostic } from '../../../../shared/api/segmentsApi';
import { ApiError } from '../../../../shared/api/protocol';
import { hashDefinition } from '../../../../shared/segments/hash';
import { readDefinitionFile, selectVersion } from '../../../../shared/segments/file';
import { diagnosticLine } from '../../../../shared/segments/location';

export type Json = Record<string, unknown>;

export interface LoadedDefinition {
  /** The file as a label for messages (path or name), null for drafts. */
  file: string | null;
  /** The whole file as JSON (unknown keys kept); null for drafts. */
  content: Json | null;
  kind: 'segment' | 'scheme';
  id: string | null;
  name: string | null;
  version: number | null;
  hash: string | null;
  definition: Json;
  /** Where the definition sits in the file (`versions[2].definition`), '' for drafts. */
  defPath: string;
  diagnostics: SegmentDiagnostic[];
  /** Set when this is one tier of a scheme run as a segment (see tierOf). */
  tier?: { scheme: string; name: string; index: number };
}

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
    throw new ApiError('invalid_input', `${label}: no version ${version} (it has ${file.versions.map((v) => v.version).join(', ')})`);
  }
  const index = (file.versions as unknown[]).indexOf(chosen);
  const defPath = `versions[${index}].definition`;
  const diagnostics = read.diagnostics.filter((x) => !x.path.startsWith(`${defPath}.`));
  return {
    file: label,
    content: file as unknown as Json,
    kind: file.kind,
    id: file.id,
    name: file.name,
    version: chosen.version,
    hash: chosen.hash,
    definition: chosen.definition as unknown as Json,
    defPath,
    diagnostics,
  };
}

function fail(label: string, diagnostics: SegmentDiagnostic[]): LoadedDefinition {
  return { file: label, content: null, kind: 'segment', id: null, name: null, version: null, hash: null, definition: {}, defPath: '', diagnostics };
}

/** An unsaved definition from the rule builder. */
export function draftDefinition(definition: Json): LoadedDefinition {
  return {
    file: null, content: null, kind: 'tiers' in definition ? 'scheme' : 'segment', id: null, name: null, version: null,
    hash: hashDefinition(definition), definition, defPath: '', diagnostics: [],
  };
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
export function rootDiagnostics(diags: readonly { path: string; message: string; severity: SegmentDiagnostic['severity'] }[], defPath: string): SegmentDiagnostic[] {
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
export function tierRule(tiers: readonly Json[], i: number): unknown {
  const earlier = tiers.slice(0, i).map((t) => ({ not: t.where }));
  return earlier.length ? { all: [tiers[i]!.where, ...earlier] } : tiers[i]!.where;
}

/** The rule of a scheme's `otherwise` tier: no named tier matches. */
export function otherwiseRule(tiers: readonly Json[]): unknown {
  return { not: { any: tiers.map((t) => t.where) } };
}

/**
 * One tier of a loaded scheme as a segment (named `<scheme> / <tier>`; file, version and hash stay
 * the scheme's): `where` is the tier's rule, or for the `otherwise` tier, no named tier's.
 */
export function tierOf(loaded: LoadedDefinition, tier: string): LoadedDefinition {
  const label = loaded.name ?? loaded.file ?? 'the definition';
  const def = loaded.definition;
  if (loaded.diagnostics.some((x) => x.severity === 'error')) return loaded; // the run reports them
  if (!Array.isArray(def.tiers)) throw new ApiError('invalid_input', `${label} is a segment, not a scheme: it has no tier '${tier}'.`);
  const tiers = def.tiers.filter((t): t is Json => typeof t === 'object' && t !== null && !Array.isArray(t));
  const index = tiers.findIndex((t) => t.name === tier);
  const otherwise = typeof def.otherwise === 'string' ? def.otherwise : null;
  if (index < 0 && tier !== otherwise) {
    const names = [...tiers.map((t) => String(t.name)), ...(otherwise !== null ? [`${otherwise} (otherwise)`] : [])];
    throw new ApiError('invalid_input', `${label} has no tier '${tier}' (it has ${names.join(', ')}).`);
  }
  const { tiers: _tiers, otherwise: _otherwise, ...rest } = def;
  const where = index >= 0 ? tierRule(tiers, index) : otherwiseRule(tiers);
  return { ...loaded, kind: 'segment', name: `${loaded.name ?? 'scheme'} / ${tier}`, definition: { ...rest, where }, tier: { scheme: loaded.name ?? label, name: tier, index: index >= 0 ? index : tiers.length } };
}
