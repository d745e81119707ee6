/**
 * Everything a run needs before SQL is compiled (docs/rules.md, SPEC §3–§5): the entity snapshot, the related
 * tables' snapshots (latest with as-of ≤ the entity snapshot's, else their latest), the schemas of
 * those snapshots, parsed SQL expressions, validation against the real columns, the field
 * compatibility check against the definition's `fields` record, and the resolved as-of.
 */
import type { SnapshotInfo } from '../../../../shared/api/dataApi';
import type { SegmentDiagnostic } from '../../../../shared/api/segmentsApi';
import { ApiError } from '../../../../shared/api/protocol';
import type { ColumnSchema, Definition, TableSchemas } from '../../../../shared/segments/model';
import type { ParsedSqlExprs } from '../../../../shared/segments/sqlExpr/types';
import { checkCompat } from '../../../../shared/segments/compat';
import { validateDefinition } from '../../../../shared/segments/validate';
import type { ScalarRunner } from '../../sqlGuard/parseSqlExpr';
import { latestOf, type Workspace } from '../../workspace/workspace';
import { listSnapshots } from '../../workspace/catalog';
import { workspaceSlot } from '../../workspace/owned';
import { resolveAsOf, type ResolvedAsOf } from './asOf';
import { assertNoErrors, rootDiagnostics, type LoadedDefinition } from '../definitions/definitionSource';
import { parseDefinitionSql, withoutUnchecked } from '../../sqlGuard/sqlExprs';
import { trace } from '../../process/liveTrace';

export interface RunContext {
  loaded: LoadedDefinition;
  entity: { table: string; key: string };
  snapshot: SnapshotInfo;
  /** Snapshot used for every table read (entity included). */
  snapshots: Record<string, SnapshotInfo>;
  schemas: TableSchemas;
  sqlExprs: ParsedSqlExprs;
  asOf: ResolvedAsOf;
  warnings: string[];
  /**
   * Set when the catalog came from the cache unchecked (live counts): the count reads the catalog
   * stamp alongside its query, and on a mismatch the run is prepared again (`reprepare`) and
   * recounted, so a count never answers from a stale choice of snapshots (its lookups checked
   * again by the caller, compileAdapter's checkLookups, as after any prepareRun).
   */
  catalogCheck?: { stamp: string; reprepare: () => Promise<RunContext> };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tablesInRule(rule: unknown, out: Set<string>, depth = 0): void {
  if (!isRecord(rule) || depth > 200) return;
  if ((rule.op === 'inTable' || rule.op === 'notInTable') && typeof rule.table === 'string') out.add(rule.table);
  for (const k of ['all', 'any'] as const)
    if (Array.isArray(rule[k])) for (const r of rule[k] as unknown[]) tablesInRule(r, out, depth + 1);
  if ('not' in rule) tablesInRule(rule.not, out, depth + 1);
}

/** Tables other than the entity table a definition reads (read as unknown: a draft is not validated yet). */
export function relatedTables(definition: object): string[] {
  const def: unknown = definition;
  const out = new Set<string>();
  if (!isRecord(def)) return [];
  if (Array.isArray(def.metrics))
    for (const m of def.metrics) if (isRecord(m) && typeof m.from === 'string') out.add(m.from);
  tablesInRule(def.where, out);
  if (Array.isArray(def.tiers)) for (const t of def.tiers) if (isRecord(t)) tablesInRule(t.where, out);
  if (Array.isArray(def.metrics)) for (const m of def.metrics) if (isRecord(m)) tablesInRule(m.where, out);
  return [...out];
}

/** Latest snapshot of `table` whose as-of is not after `asOf`, else its latest. */
export async function relatedSnapshot(
  ws: Workspace,
  table: string,
  asOf: string,
  all?: SnapshotInfo[],
): Promise<SnapshotInfo> {
  const snapshots = all ? all.filter((x) => x.table === table) : await ws.withSession((s) => listSnapshots(s, table));
  if (!snapshots.length)
    throw new ApiError('invalid_input', `The definition reads table '${table}', which is not in this workspace.`);
  let best: SnapshotInfo | null = null;
  for (const s of snapshots) if (s.asOf <= asOf && (!best || s.asOf >= best.asOf)) best = s;
  return best ?? latestOf(snapshots);
}

/**
 * Every snapshot of every table. A live count asks for it on every keystroke, so it is cached per
 * workspace and revalidated by a one-row fingerprint of `meta.snapshots` (row count and an
 * order-independent XOR of every row's hash): any insert, delete or change of a snapshot row changes
 * it, so an import is seen by the very next run, while an unchanged catalog costs one tiny aggregate
 * instead of reading and converting every row.
 */
const CATALOG = workspaceSlot('catalog of snapshots', () => ({
  cached: null as { stamp: string; all: SnapshotInfo[] } | null,
}));
export const CATALOG_STAMP = `SELECT count(*) AS n, coalesce(bit_xor(hash(id, seq, table_name, as_of, rows, relation, content_hash)), 0) AS h FROM meta.snapshots`;

/** The stamp of the row CATALOG_STAMP selects. */
export function catalogStamp(row: Record<string, unknown> | undefined): string {
  return `${String(row?.n)}:${String(row?.h)}`;
}

export async function readCatalog(ws: Workspace): Promise<SnapshotInfo[]> {
  const started = performance.now();
  const [r] = await ws.query(CATALOG_STAMP);
  const stamp = catalogStamp(r);
  const hit = ws.owned(CATALOG).cached;
  if (hit && hit.stamp === stamp) {
    trace('catalogHit', 'countSegment', performance.now() - started);
    return hit.all;
  }
  // Read the rows and the stamp in one session; cache under the stamp read with them.
  const fresh = await ws.withSession(async (s) => {
    const [again] = await s.query(CATALOG_STAMP);
    return { stamp: catalogStamp(again), all: await listSnapshots(s) };
  });
  ws.owned(CATALOG).cached = fresh;
  trace('catalogMiss', 'countSegment', performance.now() - started);
  return fresh.all;
}

/** Columns of a snapshot relation; snapshots never change, so the answer is cached per workspace. */
const COLUMNS = workspaceSlot('columns of snapshot relations', () => new Map<string, ColumnSchema[]>());
export async function snapshotColumns(ws: Workspace, relation: string): Promise<ColumnSchema[]> {
  const cache = ws.owned(COLUMNS);
  const hit = cache.get(relation);
  if (hit) return hit;
  const cols = await ws.columns(relation);
  cache.set(relation, cols);
  return cols;
}

/** The entity snapshot (named or latest); a missing table is invalid input (docs/cli.md, SPEC §7 exit 3). */
function entitySnapshot(all: SnapshotInfo[], table: string, snapshot: string | undefined): SnapshotInfo {
  const snapshots = all.filter((x) => x.table === table);
  if (!snapshots.length)
    throw new ApiError('invalid_input', `The definition's entity table '${table}' is not in this workspace.`);
  if (snapshot === undefined) return latestOf(snapshots);
  const found = snapshots.find((x) => x.id === snapshot);
  if (!found)
    throw new ApiError(
      'not_found',
      `Table '${table}' has no snapshot '${snapshot}' (it has ${snapshots.map((x) => x.id).join(', ')}).`,
    );
  return found;
}

/** Blocking compatibility problems (missing or retyped-across-family fields) as one line each. */
export function compatProblems(
  def: Definition,
  schemas: TableSchemas,
  sqlExprs: ParsedSqlExprs,
): { blocking: string[]; notes: string[] } {
  const report = checkCompat(def, schemas, sqlExprs);
  const blocking = [
    ...report.missingTables.map((t) => `table ${t} is missing`),
    ...report.missing.map((m) => `${m.table}.${m.column} is missing`),
    ...report.retyped
      .filter((r) => r.blocking)
      .map((r) => `${r.table}.${r.column} changed type from ${r.saved} to ${r.actual}`),
  ];
  const notes = report.retyped
    .filter((r) => !r.blocking)
    .map((r) => `${r.table}.${r.column} is now ${r.actual} (saved as ${r.saved})`);
  return { blocking, notes };
}

export async function prepareRun(
  ws: Workspace,
  run: ScalarRunner,
  loaded: LoadedDefinition,
  /**
   * `liveKey` (the service passes the whole request): a live count may use the cached catalog.
   * `now`: the instant an as-of of `now` resolves to (runs measured together share one).
   */
  opts: { snapshot?: string; asOf?: string; liveKey?: string; now?: Date },
  /** Every snapshot of the workspace, when the caller already read the catalog (many runs at once). */
  catalog?: SnapshotInfo[],
): Promise<RunContext> {
  const started = performance.now();
  assertNoErrors(loaded.file, loaded.diagnostics);
  const def = loaded.definition;
  const entity: unknown = def.entity; // not validated yet: a draft may lack it
  if (!isRecord(entity) || typeof entity.table !== 'string' || typeof entity.key !== 'string') {
    throw new ApiError('invalid_input', `${loaded.file ?? 'definition'}: entity must name a table and a key`);
  }
  const table = entity.table;
  // One catalog read per run: every table's snapshots (docs/architecture.md, SPEC §11: keep the live path to one scan).
  // A live count takes the cached catalog unchecked; its count statement checks the stamp.
  let all = catalog;
  let catalogCheck: RunContext['catalogCheck'];
  const cached = !all && opts.liveKey ? ws.owned(CATALOG).cached : null;
  if (cached) {
    all = cached.all;
    const checked = {
      ...(opts.snapshot !== undefined ? { snapshot: opts.snapshot } : {}),
      ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    };
    catalogCheck = {
      stamp: cached.stamp,
      reprepare: () => prepareRun(ws, run, loaded, checked),
    };
  }
  all ??= await readCatalog(ws);
  const snapshot = entitySnapshot(all, table, opts.snapshot);
  const snapshots: Record<string, SnapshotInfo> = { [table]: snapshot };
  for (const rel of relatedTables(def))
    if (rel !== table) snapshots[rel] = await relatedSnapshot(ws, rel, snapshot.asOf, all);
  const schemas: TableSchemas = {};
  for (const [name, snap] of Object.entries(snapshots)) schemas[name] = await snapshotColumns(ws, snap.relation);

  const warnings: string[] = [];
  const parsed = await parseDefinitionSql(run, def, schemas);
  const compat = compatProblems(def, schemas, parsed.exprs);
  if (compat.blocking.length) {
    throw new ApiError(
      'invalid_input',
      `${loaded.file ?? 'definition'}: fields missing or changed type: ${compat.blocking.join('; ')}`,
      { fields: compat.blocking },
    );
  }
  warnings.push(...compat.notes);

  const diagnostics: SegmentDiagnostic[] = [
    ...rootDiagnostics(parsed.diagnostics, loaded.defPath),
    ...rootDiagnostics(
      withoutUnchecked(validateDefinition(def, schemas, { sqlExprs: parsed.exprs }), parsed.diagnostics),
      loaded.defPath,
    ),
  ];
  // Unknown columns are "missing fields" too (docs/definition-files.md, SPEC §5): say which, then every other problem.
  assertNoErrors(loaded.file, diagnostics);
  for (const x of diagnostics) if (x.severity === 'warning') warnings.push(x.message); // not spread: there may be 100,000
  const asOf = resolveAsOf(def.asOf, snapshot.asOf, opts.asOf, opts.now);
  trace('prepareRun', 'countSegment', performance.now() - started);
  return {
    loaded,
    entity: { table, key: entity.key },
    snapshot,
    snapshots,
    schemas,
    sqlExprs: parsed.exprs,
    asOf,
    warnings,
    ...(catalogCheck ? { catalogCheck } : {}),
  };
}
