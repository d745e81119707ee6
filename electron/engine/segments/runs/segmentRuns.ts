/**
 * Runs of a prepared definition on DuckDB (docs/definition-files.md, SPEC §5, §11): count with total and share (the
 * total is
 * the snapshot's recorded row count, so no second scan), measures as one pushed-down WHERE query,
 * scheme tiers (first match wins), keyset-paged members, explain and funnel. Every query composes
 * the compiler's member select; values travel only as parameters appended after the compiler's.
 * Pages of member keys after the first read a run's member keys, sorted once into the cache
 * database, so paging through a segment's keys does not evaluate its rule (and metrics) per page.
 */
import type { CellValue } from '../../../../shared/api/dataApi';
import { ApiError } from '../../../../shared/api/protocol';
import type {
  CountResult,
  ExplainNode,
  FunnelResult,
  MeasureValue,
  MembersPage,
  TierCount,
} from '../../../../shared/api/segmentsApi';
import { quoteIdent } from '../../db/sql';
import { describeRule } from '../../../../shared/segments/describe';
import {
  isSchemeDefinition,
  tierNames,
  type Definition,
  type Rule,
  type SchemeDefinition,
} from '../../../../shared/segments/model';
import {
  VIEW_CACHE_DB,
  type QueryOptions,
  type QueryResult,
  type SqlParam,
  type Workspace,
} from '../../workspace/workspace';
import { trace } from '../../process/liveTrace';
import { workspaceSlot } from '../../workspace/owned';
import { checkLookups, compileMembers, renderOverSource, renderTierCounts, renderUnionCounts } from './compileAdapter';
import { CATALOG_STAMP, catalogStamp, type RunContext } from './runContext';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: CellValue | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The rule a definition's membership is: `where`, or for a scheme, any named tier. */
export function membershipRule(def: Definition): Rule {
  return isSchemeDefinition(def) ? { any: def.tiers.map((t) => t.where) } : def.where;
}

/** Names a query over the entity source may read: entity columns and metrics. */
export function sourceNames(ctx: RunContext): Set<string> {
  const names = new Set((ctx.schemas[ctx.entity.table] ?? []).map((c) => c.name));
  const metrics = ctx.loaded.definition.metrics;
  if (Array.isArray(metrics)) for (const m of metrics) if (isRecord(m) && typeof m.name === 'string') names.add(m.name);
  return names;
}

/**
 * Count + sum/avg of measures over the members of `rule`: one pushed-down WHERE query (docs/architecture.md, SPEC
 * §11.3).
 */
async function countRule(
  ws: Workspace,
  ctx: RunContext,
  rule: unknown,
  measures: readonly string[],
  opts?: QueryOptions,
): Promise<{ count: number; measures: MeasureValue[] }> {
  const names = sourceNames(ctx);
  for (const m of measures)
    if (!names.has(m))
      throw new ApiError('invalid_input', `Cannot measure '${m}': no such column or metric in ${ctx.entity.table}`);
  const selects = [
    'count(*) AS n',
    ...measures.flatMap((m, i) => [`sum(e.${quoteIdent(m)}) AS s${i}`, `avg(e.${quoteIdent(m)}) AS a${i}`]),
  ];
  const q = renderOverSource(ctx, selects.join(', '), rule);
  const [row] = await ws.query(q.sql, q.params, opts);
  return {
    count: Number(row?.n ?? 0),
    measures: measures.map((column, i) => ({ column, sum: num(row?.[`s${i}`]), avg: num(row?.[`a${i}`]) })),
  };
}

export async function countDefinition(
  ws: Workspace,
  ctx: RunContext,
  measures: readonly string[],
  opts?: QueryOptions,
): Promise<CountResult> {
  const started = performance.now();
  const def = ctx.loaded;
  const total = ctx.snapshot.rows;
  const share = (n: number): number | null => (total === 0 ? null : n / total);
  // A run prepared from the cached catalog reads the catalog stamp alongside the count (another
  // pooled connection, started first, so it costs no latency); the count stands only if the stamp,
  // read after the request arrived, still matches: the answer is then that of the catalog at that
  // moment. Otherwise (an import meanwhile) the run is prepared again and recounted.
  const check = ctx.catalogCheck;
  const stampNow = check
    ? ws.query(CATALOG_STAMP).then(
        (rows) => catalogStamp(rows[0]),
        () => null,
      )
    : null;
  const scheme = def.kind === 'scheme' ? await tierCounts(ws, ctx, def.definition, measures, opts) : null;
  const main = scheme ? scheme.named : await countRule(ws, ctx, membershipRule(def.definition), measures, opts);
  if (check && (await stampNow) !== check.stamp) {
    const again = await check.reprepare();
    await checkLookups(ws, again);
    return countDefinition(ws, again, measures, opts);
  }
  trace('engineQuery', 'countSegment', performance.now() - started);
  const tiers: TierCount[] | undefined = scheme?.tiers.map((t) => ({ ...t, share: share(t.count) }));
  const related: Record<string, string> = {};
  for (const [t, s] of Object.entries(ctx.snapshots)) if (t !== ctx.entity.table) related[t] = s.id;
  const result: CountResult = {
    segment: ctx.loaded.name,
    id: ctx.loaded.id,
    version: ctx.loaded.version,
    hash: ctx.loaded.hash,
    table: ctx.entity.table,
    snapshot: ctx.snapshot.id,
    asOf: ctx.asOf.iso,
    asOfSource: ctx.asOf.source,
    count: main.count,
    total,
    share: share(main.count),
    measures: main.measures,
    related,
    warnings: ctx.warnings,
    elapsedMs: 0,
  };
  if (tiers) result.tiers = tiers;
  result.elapsedMs = Math.round((performance.now() - started) * 10) / 10;
  return result;
}

/**
 * A scheme's rows per tier (first match wins, `otherwise` last) and the count and measures of the
 * rows in any named tier: one grouped scan over the tier CASE.
 */
async function tierCounts(
  ws: Workspace,
  ctx: RunContext,
  def: SchemeDefinition,
  measures: readonly string[],
  opts?: QueryOptions,
): Promise<{ tiers: { name: string; count: number }[]; named: { count: number; measures: MeasureValue[] } }> {
  const names = sourceNames(ctx);
  for (const m of measures)
    if (!names.has(m))
      throw new ApiError('invalid_input', `Cannot measure '${m}': no such column or metric in ${ctx.entity.table}`);
  const q = renderTierCounts(ctx, measures);
  const rows = await ws.query(q.sql, q.params, opts);
  const at = (i: number) => rows.find((r) => Number(r.t) === i);
  const tiers = tierNames(def).map((name, i) => ({ name, count: Number(at(i)?.n ?? 0) }));
  const named = rows.filter((r) => Number(r.t) < def.tiers.length);
  const count = named.reduce((a, r) => a + Number(r.n), 0);
  return {
    tiers,
    named: {
      count,
      measures: measures.map((column, i) => {
        const values = named.reduce((a, r) => a + Number(r[`c${i}`] ?? 0), 0);
        const sum = values ? named.reduce((a, r) => a + (num(r[`s${i}`]) ?? 0), 0) : null;
        return { column, sum, avg: sum === null ? null : sum / values };
      }),
    },
  };
}

/** Runs whose sorted member keys are kept, per workspace (a few MB per million members). */
const MEMBER_KEY_RUNS = 4;
const MEMBER_KEYS = workspaceSlot('sorted member keys of runs', () => ({
  runs: new Map<string, { table: string; ready: Promise<void> }>(),
  /** Numbers the tables in the workspace's cache database. */
  seq: 0,
}));

/**
 * The table of a run's member keys in key order (duplicates and NULLs as the member select gives
 * them), built on first use. A run is its definition, as-of and the snapshot of every table read,
 * so a new import or an edited draft is another run.
 */
async function memberKeys(ws: Workspace, ctx: RunContext): Promise<string> {
  const keys = ws.owned(MEMBER_KEYS);
  const runs = keys.runs;
  const snaps = Object.entries(ctx.snapshots)
    .map(([t, snap]) => [t, snap.id, snap.fingerprint.contentHash])
    .sort();
  const id = JSON.stringify([ctx.loaded.definition, ctx.asOf.iso, snaps]);
  let run = runs.get(id);
  if (run) runs.delete(id);
  else {
    const table = `${VIEW_CACHE_DB}.${quoteIdent(`members_${++keys.seq}`)}`;
    const q = compileMembers(ctx, membershipRule(ctx.loaded.definition));
    const built = {
      table,
      ready: ws.run(`CREATE TABLE ${table} AS SELECT k FROM (${q.sql}) AS m(k) ORDER BY k`, q.params),
    };
    built.ready.catch(() => {
      if (runs.get(id) === built) runs.delete(id);
    });
    run = built;
  }
  runs.set(id, run);
  for (const [oldId, old] of runs) {
    if (runs.size <= MEMBER_KEY_RUNS) break;
    runs.delete(oldId);
    void old.ready.then(() => ws.run(`DROP TABLE IF EXISTS ${old.table}`)).catch(() => undefined);
  }
  await run.ready;
  return run.table;
}

/**
 * Members with the chosen columns (entity columns or metrics), ordered by key, after a keyset cursor:
 * `key > cursor ORDER BY key LIMIT n + 1`. When only the key is asked for (the version compare pages
 * through every member), a page after the first reads the run's sorted member keys instead, the same
 * rows (170 → 3 ms a page at 1M accounts for a rule with a 30-day event count); the first page stays
 * one query, so one look at a segment builds nothing. Other columns take the direct query: reading the
 * rows of a page's keys still evaluated the metrics over every related row (120 ms of the 170).
 */
export async function membersPage(
  ws: Workspace,
  ctx: RunContext,
  columns: string[] | undefined,
  after: string | number | null | undefined,
  limit: number,
): Promise<MembersPage> {
  const names = sourceNames(ctx);
  const cols = columns?.length ? [...columns] : (ctx.schemas[ctx.entity.table] ?? []).map((c) => c.name);
  for (const c of cols)
    if (!names.has(c)) throw new ApiError('invalid_input', `No column or metric '${c}' in ${ctx.entity.table}`);
  if (!cols.includes(ctx.entity.key)) cols.unshift(ctx.entity.key);
  const key = quoteIdent(ctx.entity.key);
  const base = renderOverSource(
    ctx,
    cols.map((c) => `e.${quoteIdent(c)}`).join(', '),
    membershipRule(ctx.loaded.definition),
  );
  if (after === undefined || after === null)
    return pageOf(
      await ws.queryResult(`${base.sql} ORDER BY e.${key} LIMIT ${limit + 1}`, base.params),
      ctx.entity.key,
      limit,
    );
  if (cols.length === 1) {
    // Sorted keys after the cursor, in their stored order (the table's rowid).
    return pageOf(
      await ws.queryResult(
        `SELECT k AS ${key} FROM ${await memberKeys(ws, ctx)} WHERE k > $1 ORDER BY rowid LIMIT ${limit + 1}`,
        [after],
      ),
      ctx.entity.key,
      limit,
    );
  }
  const params: SqlParam[] = [...base.params, after];
  return pageOf(
    await ws.queryResult(`${base.sql} AND e.${key} > $${params.length} ORDER BY e.${key} LIMIT ${limit + 1}`, params),
    ctx.entity.key,
    limit,
  );
}

/** A page from the first `limit` of up to `limit + 1` rows (one more tells that there are more). */
function pageOf(result: QueryResult, keyName: string, limit: number): MembersPage {
  const more = result.rows.length > limit;
  const rows = result.rows
    .slice(0, limit)
    .map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i] ?? null])));
  const keyIndex = result.columns.findIndex((c) => c.name === keyName);
  return { columns: result.columns, rows, nextAfter: more ? (result.rows[limit - 1]?.[keyIndex] ?? null) : null };
}

/** Nodes of a rule tree with their paths (groups and leaves), depth-first. */
function ruleNodes(rule: unknown, p: string, out: { path: string; rule: unknown }[], depth = 0): void {
  if (!isRecord(rule) || depth > 50 || out.length > 200) return;
  out.push({ path: p, rule });
  for (const k of ['all', 'any'] as const)
    if (Array.isArray(rule[k]))
      (rule[k] as unknown[]).forEach((r, i) => ruleNodes(r, `${p}.${k}[${i}]`, out, depth + 1));
  if ('not' in rule) ruleNodes(rule.not, `${p}.not`, out, depth + 1);
}

export function ruleLabel(rule: unknown): string {
  try {
    return describeRule(rule as Rule);
  } catch {
    return '?';
  }
}

/** Whether the row with `key` passes each rule (two-valued: NULL counts as not passing). */
async function keyPasses(ws: Workspace, ctx: RunContext, rules: unknown[], key: string | number): Promise<boolean[]> {
  const out: boolean[] = [];
  for (const rule of rules) {
    const q = renderOverSource(ctx, 'count(*) AS n', rule);
    const [row] = await ws.query(`${q.sql} AND e.${quoteIdent(ctx.entity.key)} = $${q.params.length + 1}`, [
      ...q.params,
      key,
    ]);
    out.push(Number(row?.n ?? 0) > 0);
  }
  return out;
}

export async function explainKey(
  ws: Workspace,
  ctx: RunContext,
  key: string | number,
): Promise<{ found: boolean; root: ExplainNode | null; inSegment: boolean; tier?: string }> {
  const k = quoteIdent(ctx.entity.key);
  const all = renderOverSource(ctx, 'e.*', { all: [] });
  const found = await ws.query(`${all.sql} AND e.${k} = $${all.params.length + 1} LIMIT 1`, [...all.params, key]);
  const row = found[0];
  if (!row) return { found: false, root: null, inSegment: false };
  const loaded = ctx.loaded;
  const nodes: { path: string; rule: unknown }[] = [];
  if (loaded.kind === 'scheme')
    loaded.definition.tiers.forEach((t, i) => ruleNodes(t.where, `tiers[${i}].where`, nodes));
  else ruleNodes(loaded.definition.where, 'where', nodes);
  const passes = await keyPasses(
    ws,
    ctx,
    nodes.map((n) => n.rule),
    key,
  );
  const built = new Map<string, ExplainNode>();
  const roots: ExplainNode[] = [];
  nodes.forEach((n, i) => {
    const node: ExplainNode = { path: n.path, label: ruleLabel(n.rule), pass: passes[i] ?? false };
    const field = isRecord(n.rule) ? n.rule.field : undefined;
    if (typeof field === 'string' && field in row) node.value = row[field] ?? null;
    built.set(n.path, node);
    const parentPath = n.path.replace(/\.(all|any)\[\d+\]$|\.not$/, '');
    const parent = parentPath !== n.path ? built.get(parentPath) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  });
  if (loaded.kind === 'segment') return { found: true, root: roots[0] ?? null, inSegment: roots[0]?.pass ?? false };
  const tierIndex = roots.findIndex((r) => r.pass);
  const tier = tierNames(loaded.definition)[tierIndex >= 0 ? tierIndex : loaded.definition.tiers.length]!;
  const root: ExplainNode = { path: 'tiers', label: 'first matching tier', pass: tierIndex >= 0, children: roots };
  return { found: true, root, inSegment: tierIndex >= 0, tier };
}

/** Per top-level condition: rows passing it alone and together with every earlier one. */
export async function funnel(ws: Workspace, ctx: RunContext, opts?: QueryOptions): Promise<FunnelResult> {
  const where = membershipRule(ctx.loaded.definition);
  const children: Rule[] = 'all' in where ? where.all : 'any' in where ? where.any : [where];
  const group = 'all' in where ? 'all' : 'any' in where ? 'any' : null;
  const steps: FunnelResult['steps'] = [];
  for (let i = 0; i < children.length; i++) {
    const alone = await countRule(ws, ctx, children[i], [], opts);
    const cumulative =
      i === 0 ? alone : await countRule(ws, ctx, { [group ?? 'all']: children.slice(0, i + 1) }, [], opts);
    steps.push({
      path: group ? `where.${group}[${i}]` : 'where',
      label: ruleLabel(children[i]),
      alone: alone.count,
      cumulative: cumulative.count,
    });
  }
  return { total: ctx.snapshot.rows, steps };
}

/** Counts of many segments as one UNION ALL statement (segments only; schemes and measures go one by one). */
export async function countMany(ws: Workspace, contexts: RunContext[], opts?: QueryOptions): Promise<CountResult[]> {
  const started = performance.now();
  const q = renderUnionCounts(contexts.map((ctx) => ({ ctx, rule: membershipRule(ctx.loaded.definition) })));
  const rows = await ws.query(q.sql, q.params, opts);
  const counts = new Map(rows.map((r) => [Number(r.k), Number(r.n)]));
  const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
  return contexts.map((ctx, i) => {
    const count = counts.get(i) ?? 0;
    const total = ctx.snapshot.rows;
    const related: Record<string, string> = {};
    for (const [t, s] of Object.entries(ctx.snapshots)) if (t !== ctx.entity.table) related[t] = s.id;
    return {
      segment: ctx.loaded.name,
      id: ctx.loaded.id,
      version: ctx.loaded.version,
      hash: ctx.loaded.hash,
      table: ctx.entity.table,
      snapshot: ctx.snapshot.id,
      asOf: ctx.asOf.iso,
      asOfSource: ctx.asOf.source,
      count,
      total,
      share: total === 0 ? null : count / total,
      measures: [],
      related,
      warnings: ctx.warnings,
      elapsedMs,
    };
  });
}
