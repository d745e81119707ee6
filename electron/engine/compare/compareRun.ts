/**
 * A comparison prepared for its queries (docs/compare-and-over-time.md, SPEC §6 Compare, §11): the targets expanded
 * into columns
 * (a scheme into its tiers, `otherwise` last), each column's run prepared on one snapshot of one
 * entity table at one instant for `now`, and one merged source (the entity with every metric the
 * columns define, each once) whose rules give each row its membership bitmask: bit i is set when the
 * row is in column i, a scheme's tiers from one first-match CASE.
 *
 * A column that cannot share the merged source (its as-of differs, or a metric of the same name
 * means something else) is still exact: its bit comes from `key IN (its own member select)`.
 */
import type { CompareColumn } from '../../../shared/api/compareApi';
import { MAX_COMPARE_COLUMNS } from '../../../shared/api/compareApi';
import type { SnapshotInfo } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';
import { canonicalJson } from '../../../shared/segments/canonicalJson';
import { Frag, pushAll, type PreparedDefinition } from '../../../shared/segments/compiler';
import { tierNames, type Metric, type Tier } from '../../../shared/segments/model';
import type { ParsedSqlExprs } from '../../../shared/segments/sqlExpr/types';
import type { Workspace } from '../workspace/workspace';
import { assertCompiled, checkLookups, preparedFor } from '../segments/runs/compileAdapter';
import {
  draftDefinition,
  tierOf,
  withDefinition,
  type LoadedDefinition,
} from '../segments/definitions/definitionSource';
import { membershipRule } from '../segments/runs/segmentRuns';
import { prepareRun, readCatalog, type RunContext } from '../segments/runs/runContext';
import { workspaceRunner } from '../sqlGuard/runners';
import { loadTarget } from '../segments/runs/targetRun';

type FragPart = Frag['parts'][number];

export interface CompareMember {
  column: Omit<CompareColumn, 'count' | 'share' | 'measures'>;
  loaded: LoadedDefinition;
  ctx: RunContext;
  /** Scheme tiers: the scheme's identity and the tier's index (otherwise = the number of tiers). */
  scheme?: { key: string; index: number; tiers: Tier[] };
}

export interface CompareRun {
  members: CompareMember[];
  entity: { table: string; key: string };
  snapshot: SnapshotInfo;
  asOf: RunContext['asOf'];
  /** The merged run: entity, every shared metric, every SQL expression of the columns. */
  merged: RunContext;
  /** Metrics of the merged source by name (measures and dimensions may name them). */
  metrics: Map<string, Metric>;
  /** Which members share the merged source (the others are matched by key). */
  shared: boolean[];
  /** Stable identity of the run: definitions, snapshots read, instant. */
  identity: string;
  warnings: string[];
}

/** Expand one target into columns: a whole scheme gives one per tier, `otherwise` last. */
function expand(
  ws: Workspace,
  target: DefinitionTarget,
): { loaded: LoadedDefinition; scheme?: CompareMember['scheme']; target: DefinitionTarget }[] {
  const read = loadTarget(ws, { ...target, tier: undefined });
  // A draft scheme is named by the request (its tiers then read `<name> / <tier>`).
  const whole = read.name === null && target.name ? { ...read, name: target.name } : read;
  if (whole.kind === 'segment') {
    if (target.tier !== undefined) tierOf(whole, target.tier); // throws: a segment has no tiers
    return [{ loaded: whole, target }];
  }
  const tiers = whole.definition.tiers;
  const key = JSON.stringify([whole.file, whole.version, whole.hash]);
  const names = tierNames(whole.definition);
  const chosen = target.tier === undefined ? names : [target.tier];
  return chosen.map((name) => {
    const loaded = tierOf(whole, name);
    return { loaded, target: { ...target, tier: name }, scheme: { key, index: loaded.tier?.index ?? 0, tiers } };
  });
}

function columnOf(loaded: LoadedDefinition, target: DefinitionTarget): CompareMember['column'] {
  const draft = target.definition !== undefined;
  const base = {
    name: loaded.name ?? target.name ?? (draft ? 'Draft' : (target.file ?? 'definition')),
    kind: loaded.tier ? ('tier' as const) : draft ? ('draft' as const) : ('segment' as const),
    file: target.file ?? null,
    id: loaded.id,
    version: loaded.version,
    hash: loaded.hash,
  };
  return loaded.tier ? { ...base, scheme: loaded.tier.scheme, tier: loaded.tier.name } : base;
}

/** Load and prepare every column on one snapshot; one instant for `now`; lookups checked. */
export async function prepareCompare(
  ws: Workspace,
  targets: readonly DefinitionTarget[],
  opts: { snapshot?: string; asOf?: string },
): Promise<CompareRun> {
  const expanded = targets.flatMap((t) => expand(ws, t));
  if (expanded.length > MAX_COMPARE_COLUMNS) {
    throw new ApiError(
      'usage',
      `A comparison holds at most ${MAX_COMPARE_COLUMNS} segments and tiers; these make ${expanded.length}. Choose fewer.`,
    );
  }
  const catalog = await readCatalog(ws);
  const now = new Date();
  const members: CompareMember[] = [];
  for (const x of expanded) {
    const ctx = await prepareRun(ws, workspaceRunner(ws), x.loaded, { ...opts, now }, catalog);
    await checkLookups(ws, ctx);
    members.push({
      column: columnOf(x.loaded, x.target),
      loaded: x.loaded,
      ctx,
      ...(x.scheme ? { scheme: x.scheme } : {}),
    });
  }
  const first = members[0]!.ctx;
  for (const m of members) {
    if (m.ctx.entity.table !== first.entity.table) {
      throw new ApiError(
        'invalid_input',
        `Segments compared side by side must be about one table: ${members[0]!.column.name} is about '${first.entity.table}', ${m.column.name} about '${m.ctx.entity.table}'.`,
      );
    }
  }
  // The merged source: the first column's as-of; a metric joins when no other one has its name.
  const metrics = new Map<string, Metric>();
  const metricJson = new Map<string, string>();
  const shared = members.map((m) => {
    if (m.ctx.asOf.iso !== first.asOf.iso) return false;
    const own = Array.isArray(m.loaded.definition.metrics) ? (m.loaded.definition.metrics as Metric[]) : [];
    if (own.some((x) => metricJson.has(x.name) && metricJson.get(x.name) !== canonicalJson(x))) return false;
    for (const x of own) {
      metricJson.set(x.name, canonicalJson(x));
      metrics.set(x.name, x);
    }
    return true;
  });
  const sqlExprs: ParsedSqlExprs = {};
  const snapshots: Record<string, SnapshotInfo> = {};
  const schemas: RunContext['schemas'] = {};
  members.forEach((m, i) => {
    if (!shared[i]) return;
    Object.assign(sqlExprs, m.ctx.sqlExprs);
    Object.assign(snapshots, m.ctx.snapshots);
    Object.assign(schemas, m.ctx.schemas);
  });
  const mergedDef = {
    entity: first.entity,
    asOf: first.loaded.definition.asOf ?? { kind: 'snapshot' },
    metrics: [...metrics.values()],
    where: { all: [] },
  };
  const merged: RunContext = {
    ...first,
    loaded: draftDefinition(mergedDef),
    snapshots,
    schemas,
    sqlExprs,
    warnings: [],
  };
  const warnings = [...new Set(members.flatMap((m) => m.ctx.warnings.map((w) => `${m.column.name}: ${w}`)))];
  members.forEach((m, i) => {
    if (!shared[i] && m.ctx.asOf.iso !== first.asOf.iso)
      warnings.push(
        `${m.column.name} is measured at its own as-of ${m.ctx.asOf.iso} (the comparison's is ${first.asOf.iso}).`,
      );
  });
  const identity = JSON.stringify([
    members.map((m) => [
      m.loaded.definition,
      m.ctx.asOf.iso,
      Object.entries(m.ctx.snapshots)
        .map(([t, s]) => [t, s.id, s.fingerprint.contentHash])
        .sort(),
    ]),
  ]);
  return {
    members,
    entity: first.entity,
    snapshot: first.snapshot,
    asOf: first.asOf,
    merged,
    metrics,
    shared,
    identity,
    warnings,
  };
}

/**
 * One bit per column; a scheme's tiers of the merged source come from one first-match CASE.
 * `merged` is the merged run as the caller reads it (e.g. its entity relation with a row position).
 */
export function maskExpression(run: CompareRun, merged: RunContext = run.merged): Frag {
  const p = preparedFor(merged);
  const terms: FragPart[][] = [];
  const done = new Set<number>();
  run.members.forEach((m, i) => {
    if (done.has(i)) return;
    const bit = 2 ** i;
    if (!run.shared[i]) {
      terms.push(keyMemberTerm(p, m, bit));
      return;
    }
    if (m.scheme) {
      // Every column of this scheme in the merged source: one CASE over its tiers in order.
      const scheme = m.scheme;
      const bits = new Map<number, number>();
      run.members.forEach((o, j) => {
        if (run.shared[j] && o.scheme?.key === scheme.key) {
          bits.set(o.scheme.index, (bits.get(o.scheme.index) ?? 0) + 2 ** j);
          done.add(j);
        }
      });
      terms.push([...schemeCase(merged, scheme.tiers, (k) => bits.get(k) ?? 0).parts]);
      return;
    }
    terms.push(['CASE WHEN ', ...p.where(membershipRule(m.loaded.definition)).parts, ` THEN ${bit} ELSE 0 END`]);
  });
  assertCompiled(merged);
  const parts: FragPart[] = [];
  terms.forEach((t, i) => {
    if (i) parts.push(' + ');
    pushAll(parts, t); // not spread: an `in` list may hold 100,000 values
  });
  return new Frag(parts.length ? ['(', ...parts, ')'] : ['0']);
}

/** `CASE WHEN e.key IN (<member select over its own source>) THEN bit ELSE 0 END`. */
function keyMemberTerm(outer: PreparedDefinition, m: CompareMember, bit: number): FragPart[] {
  const own = preparedFor(m.ctx);
  const where = own.where(membershipRule(m.loaded.definition));
  assertCompiled(m.ctx);
  const key = outer.key;
  return [
    `CASE WHEN e.${key} IN (SELECT e.${own.key} FROM `,
    ...own.source.parts,
    ' AS e WHERE ',
    ...where.parts,
    ` AND e.${own.key} IS NOT NULL) THEN ${bit} ELSE 0 END`,
  ];
}

/** The scheme's first-match CASE (one place: the compiler's tierCase) over the merged source. */
function schemeCase(merged: RunContext, tiers: Tier[], value: (tier: number) => number): Frag {
  const definition = {
    entity: merged.entity,
    ...(merged.loaded.definition.metrics ? { metrics: merged.loaded.definition.metrics } : {}),
    tiers,
    otherwise: 'otherwise',
  };
  const ctx: RunContext = { ...merged, loaded: withDefinition(merged.loaded, definition) };
  const frag = preparedFor(ctx).tierCase((k) => new Frag([String(value(k))]));
  assertCompiled(ctx);
  return frag;
}
