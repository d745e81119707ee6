/**
 * Segments in the grid (issue 4 §4): a view filtered to a definition's members, and per page the
 * membership flags of chosen definitions and the values of a definition's metrics. Flags and metrics
 * are computed for the page's keys only (docs/architecture.md, SPEC §11.4: page rows, not the table), by the compiler's
 * member select with `AND e.<key> IN (<page keys>)` appended (the where fragment is an atom or
 * parenthesised, so the AND binds to all of it). Key values travel as parameters.
 * A definition must be about the view's table; its run is prepared at the view's snapshot and cached
 * by (snapshot, file label, version, definition JSON), so an edited draft or file is a new entry.
 */
import type { CellValue, SnapshotInfo } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';
import type { SqlParam, Workspace } from '../workspace/workspace';
import { quoteIdent } from '../db/sql';
import { compileMembers, renderOverSource, type RenderedQuery } from '../segments/runs/compileAdapter';
import type { RunContext } from '../segments/runs/runContext';
import { membershipRule } from '../segments/runs/segmentRuns';
import { loadTarget, prepareLoaded } from '../segments/runs/targetRun';

const MAX_RUNS = 24;

export interface PreparedTarget {
  /** Stable for the same definition at the same snapshot (part of view keys). */
  key: string;
  ctx: RunContext;
}

/** Prepared runs of definitions over a view's snapshot (LRU). */
export class RunCache {
  private readonly runs = new Map<string, Promise<RunContext>>();

  constructor(private readonly ws: Workspace) {}

  async get(target: DefinitionTarget, snap: SnapshotInfo): Promise<PreparedTarget> {
    const loaded = loadTarget(this.ws, target);
    const table = (loaded.definition.entity as { table?: unknown } | undefined)?.table;
    if (typeof table === 'string' && table !== snap.table) {
      throw new ApiError(
        'invalid_input',
        `${loaded.name ?? loaded.file ?? 'The definition'} is about table '${table}', not '${snap.table}'.`,
      );
    }
    const key = JSON.stringify([snap.id, loaded.file, loaded.version, loaded.definition]);
    let p = this.runs.get(key);
    if (p) this.runs.delete(key);
    else {
      p = prepareLoaded(this.ws, loaded, snap.id);
      p.catch(() => this.runs.delete(key));
    }
    this.runs.set(key, p);
    while (this.runs.size > MAX_RUNS) this.runs.delete(this.runs.keys().next().value as string);
    return { key, ctx: await p };
  }

  clear(): void {
    this.runs.clear();
  }
}

/**
 * `<key> IN (<members>)` over the view's relation (or with `none`, true when the key is not among
 * them: a NULL key is never a member), its parameters appended to `params` and renumbered after them.
 */
export function memberFilterSql(ctx: RunContext, params: SqlParam[], none = false): string {
  const q = compileMembers(ctx, membershipRule(ctx.loaded.definition), params.length + 1);
  // One by one: spreading 100,000 parameters of an `in` list overflows the stack.
  for (const v of q.params as SqlParam[]) params.push(v);
  const key = quoteIdent(ctx.entity.key);
  return none
    ? `coalesce(${key} NOT IN (SELECT k FROM (${q.sql}) AS m(k) WHERE k IS NOT NULL), TRUE)`
    : `${key} IN (${q.sql})`;
}

/** A member filter resolved to its run: rows must be (member) or must not be (!member) among its keys. */
export interface ResolvedFilter {
  /** Identity of the run (view cache keys). */
  key: string;
  ctx: RunContext;
  member: boolean;
}

/**
 * alsoIn / notIn (at the run's snapshot) and keysAt (at theirs) resolved to prepared runs, in that
 * order. `get` prepares a target at a snapshot; `snapshotOf` resolves a snapshot id of the table.
 */
export async function resolveMemberFilters(
  f: {
    alsoIn?: DefinitionTarget[] | undefined;
    notIn?: DefinitionTarget[] | undefined;
    keysAt?: { snapshot: string; target: DefinitionTarget; present: boolean }[] | undefined;
  },
  snap: SnapshotInfo,
  get: (t: DefinitionTarget, at: SnapshotInfo) => Promise<PreparedTarget>,
  snapshotOf: (id: string) => Promise<SnapshotInfo>,
): Promise<ResolvedFilter[]> {
  const out: ResolvedFilter[] = [];
  for (const t of f.alsoIn ?? []) out.push({ ...(await get(t, snap)), member: true });
  for (const t of f.notIn ?? []) out.push({ ...(await get(t, snap)), member: false });
  for (const k of f.keysAt ?? [])
    out.push({ ...(await get(k.target, await snapshotOf(k.snapshot))), member: k.present });
  return out;
}

/** The filters as SQL conditions over the run's relation (`<cond> AND ` each), parameters appended. */
export function memberFiltersSql(filters: readonly ResolvedFilter[], params: SqlParam[]): string {
  return filters.map((x) => `${memberFilterSql(x.ctx, params, !x.member)} AND `).join('');
}

/** `q` restricted to rows whose key is one of `keys` (non-null), parameters appended. */
function onKeys(ctx: RunContext, q: RenderedQuery, keys: readonly CellValue[]): RenderedQuery {
  const params = [...q.params];
  const slots = keys.map((k) => {
    params.push(k as SqlParam);
    return `$${params.length}`;
  });
  return { sql: `${q.sql} AND e.${quoteIdent(ctx.entity.key)} IN (${slots.join(', ')})`, params };
}

const keyId = (v: CellValue | undefined): string => JSON.stringify(v ?? null);

function pageKeys(ctx: RunContext, rows: readonly Record<string, CellValue>[]): CellValue[] {
  const seen = new Set<string>();
  const out: CellValue[] = [];
  for (const r of rows) {
    const k = r[ctx.entity.key];
    if (k === null || k === undefined || seen.has(keyId(k))) continue;
    seen.add(keyId(k));
    out.push(k);
  }
  return out;
}

/** Per row, whether it is a member of each definition (rows with a NULL key are never members). */
export async function pageMembership(
  ws: Workspace,
  contexts: readonly RunContext[],
  rows: readonly Record<string, CellValue>[],
): Promise<boolean[][]> {
  const out = rows.map(() => contexts.map(() => false));
  for (const [i, ctx] of contexts.entries()) {
    const keys = pageKeys(ctx, rows);
    if (!keys.length) continue;
    const q = onKeys(ctx, compileMembers(ctx, membershipRule(ctx.loaded.definition)), keys);
    const members = new Set((await ws.queryResult(q.sql, q.params)).rows.map((r) => keyId(r[0] ?? null)));
    rows.forEach((r, j) => (out[j]![i] = members.has(keyId(r[ctx.entity.key]))));
  }
  return out;
}

/** Per row, the values of the named metrics (or entity columns) of the definition. */
export async function pageMetrics(
  ws: Workspace,
  ctx: RunContext,
  names: readonly string[],
  rows: readonly Record<string, CellValue>[],
): Promise<Record<string, CellValue>[]> {
  const known = new Set((ctx.schemas[ctx.entity.table] ?? []).map((c) => c.name));
  const metrics = ctx.loaded.definition.metrics;
  if (Array.isArray(metrics))
    for (const m of metrics)
      if (m && typeof m === 'object' && typeof (m as { name?: unknown }).name === 'string')
        known.add((m as { name: string }).name);
  for (const n of names)
    if (!known.has(n))
      throw new ApiError('invalid_input', `No metric or column '${n}' in the definition over ${ctx.entity.table}.`);
  const empty = () => Object.fromEntries(names.map((n) => [n, null])) as Record<string, CellValue>;
  const keys = pageKeys(ctx, rows);
  if (!keys.length) return rows.map(empty);
  const head = [`e.${quoteIdent(ctx.entity.key)}`, ...names.map((n) => `e.${quoteIdent(n)}`)].join(', ');
  const q = onKeys(ctx, renderOverSource(ctx, head, { all: [] }), keys);
  const res = await ws.queryResult(q.sql, q.params);
  const byKey = new Map(
    res.rows.map((r) => [
      keyId(r[0] ?? null),
      Object.fromEntries(names.map((n, i) => [n, r[i + 1] ?? null])) as Record<string, CellValue>,
    ]),
  );
  return rows.map((r) => byKey.get(keyId(r[ctx.entity.key])) ?? empty());
}
