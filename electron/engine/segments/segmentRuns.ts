/**
 * Runs of a prepared definition on DuckDB (SPEC §5, §11): count with total and share (the total is
 * the snapshot's recorded row count, so no second scan), measures as one pushed-down WHERE query,
 * scheme tiers (first match wins), keyset-paged members, explain and funnel. Every query composes
 * the compiler's member select; values travel only as parameters appended after the compiler's.
 */
import type { CellValue } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import type { CountResult, ExplainNode, FunnelResult, MeasureValue, MembersPage, TierCount } from '../../../shared/api/segmentsApi';
import { quoteIdent } from '../db/sql';
import type { QueryOptions, Workspace } from '../workspace';
import { compileMembers } from './compileAdapter';
import type { RunContext } from './runContext';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: CellValue | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Tier i of a scheme as a rule: its own rule and none of the earlier ones (first match wins). */
export function tierRule(tiers: Json[], i: number): unknown {
  const earlier = tiers.slice(0, i).map((t) => ({ not: t.where }));
  return earlier.length ? { all: [tiers[i]!.where, ...earlier] } : tiers[i]!.where;
}

/** The rule a definition's membership is: `where`, or for a scheme, any named tier. */
export function membershipRule(def: Json): unknown {
  if (Array.isArray(def.tiers)) return { any: def.tiers.filter(isRecord).map((t) => t.where) };
  return def.where;
}

/** Count + measures over the members of `rule`: one query with the filter pushed down. */
async function countRule(ws: Workspace, ctx: RunContext, rule: unknown, measures: readonly string[], opts?: QueryOptions): Promise<{ count: number; measures: MeasureValue[] }> {
  const members = compileMembers(ctx, rule);
  const key = quoteIdent(ctx.entity.key);
  const entityCols = new Set((ctx.schemas[ctx.entity.table] ?? []).map((c) => c.name));
  for (const m of measures) if (!entityCols.has(m)) throw new ApiError('invalid_input', `Cannot measure '${m}': no such column in ${ctx.entity.table}`);
  if (!measures.length) {
    const [row] = await ws.query(`SELECT count(*) AS n FROM (${members.sql}) m`, members.params, opts);
    return { count: Number(row?.n ?? 0), measures: [] };
  }
  const selects = measures.flatMap((m, i) => [`sum(e.${quoteIdent(m)}) AS s${i}`, `avg(e.${quoteIdent(m)}) AS a${i}`]);
  const [row] = await ws.query(
    `SELECT count(*) AS n, ${selects.join(', ')} FROM ${ctx.snapshot.relation} e WHERE e.${key} IN (SELECT ${key} FROM (${members.sql}) m)`,
    members.params, opts,
  );
  return {
    count: Number(row?.n ?? 0),
    measures: measures.map((column, i) => ({ column, sum: num(row?.[`s${i}`]), avg: num(row?.[`a${i}`]) })),
  };
}

export async function countDefinition(ws: Workspace, ctx: RunContext, measures: readonly string[], opts?: QueryOptions): Promise<CountResult> {
  const started = performance.now();
  const def = ctx.loaded.definition;
  const total = ctx.snapshot.rows;
  const share = (n: number): number | null => (total === 0 ? null : n / total);
  const main = await countRule(ws, ctx, membershipRule(def), measures, opts);
  let tiers: TierCount[] | undefined;
  if (Array.isArray(def.tiers)) {
    const list = def.tiers.filter(isRecord);
    tiers = [];
    for (let i = 0; i < list.length; i++) {
      const { count } = await countRule(ws, ctx, tierRule(list, i), [], opts);
      tiers.push({ name: String(list[i]!.name), count, share: share(count) });
    }
    const rest = total - main.count;
    tiers.push({ name: String(def.otherwise ?? 'Otherwise'), count: rest, share: share(rest) });
  }
  const related: Record<string, string> = {};
  for (const [t, s] of Object.entries(ctx.snapshots)) if (t !== ctx.entity.table) related[t] = s.id;
  const result: CountResult = {
    segment: ctx.loaded.name, id: ctx.loaded.id, version: ctx.loaded.version, hash: ctx.loaded.hash,
    table: ctx.entity.table, snapshot: ctx.snapshot.id, asOf: ctx.asOf.iso, asOfSource: ctx.asOf.source,
    count: main.count, total, share: share(main.count), measures: main.measures, related, warnings: ctx.warnings,
    elapsedMs: 0,
  };
  if (tiers) result.tiers = tiers;
  result.elapsedMs = Math.round((performance.now() - started) * 10) / 10;
  return result;
}

/** Members with the chosen columns, ordered by key, after a keyset cursor. */
export async function membersPage(ws: Workspace, ctx: RunContext, columns: string[] | undefined, after: string | number | null | undefined, limit: number): Promise<MembersPage> {
  const schema = ctx.schemas[ctx.entity.table] ?? [];
  const cols = columns?.length ? columns : schema.map((c) => c.name);
  for (const c of cols) if (!schema.some((s) => s.name === c)) throw new ApiError('invalid_input', `No column '${c}' in ${ctx.entity.table}`);
  if (!cols.includes(ctx.entity.key)) cols.unshift(ctx.entity.key);
  const members = compileMembers(ctx, membershipRule(ctx.loaded.definition));
  const key = quoteIdent(ctx.entity.key);
  const params = [...members.params];
  let cursor = '';
  if (after !== undefined && after !== null) {
    params.push(after);
    cursor = `AND e.${key} > $${params.length}`;
  }
  const result = await ws.queryResult(
    `SELECT ${cols.map((c) => `e.${quoteIdent(c)}`).join(', ')} FROM ${ctx.snapshot.relation} e WHERE e.${key} IN (SELECT ${key} FROM (${members.sql}) m) ${cursor} ORDER BY e.${key} LIMIT ${limit + 1}`,
    params,
  );
  const more = result.rows.length > limit;
  const rows = result.rows.slice(0, limit).map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i] ?? null])));
  const keyIndex = result.columns.findIndex((c) => c.name === ctx.entity.key);
  return { columns: result.columns, rows, nextAfter: more ? (result.rows[limit - 1]?.[keyIndex] ?? null) : null };
}

/** Nodes of a rule tree with their paths (groups and leaves), depth-first. */
function ruleNodes(rule: unknown, p: string, out: { path: string; rule: unknown }[], depth = 0): void {
  if (!isRecord(rule) || depth > 50 || out.length > 200) return;
  out.push({ path: p, rule });
  for (const k of ['all', 'any'] as const) if (Array.isArray(rule[k])) (rule[k] as unknown[]).forEach((r, i) => ruleNodes(r, `${p}.${k}[${i}]`, out, depth + 1));
  if ('not' in rule) ruleNodes(rule.not, `${p}.not`, out, depth + 1);
}

export function ruleLabel(rule: unknown): string {
  if (!isRecord(rule)) return '?';
  if ('all' in rule) return 'all of';
  if ('any' in rule) return 'any of';
  if ('not' in rule) return 'not';
  if (typeof rule.sql === 'string') return `SQL: ${rule.sql}`;
  const operand = ['value', 'values', 'min', 'max', 'n', 'unit', 'period', 'table', 'column']
    .filter((k) => k in rule).map((k) => `${k}=${JSON.stringify(rule[k])}`).join(' ');
  return `${String(rule.field)} ${String(rule.op)}${operand ? ` ${operand}` : ''}`;
}

async function keyPasses(ws: Workspace, ctx: RunContext, rule: unknown, key: string | number): Promise<boolean> {
  const members = compileMembers(ctx, rule);
  const k = quoteIdent(ctx.entity.key);
  const [row] = await ws.query(`SELECT count(*) AS n FROM (${members.sql}) m WHERE m.${k} = $${members.params.length + 1}`, [...members.params, key]);
  return Number(row?.n ?? 0) > 0;
}

export async function explainKey(ws: Workspace, ctx: RunContext, key: string | number): Promise<{ found: boolean; root: ExplainNode | null; inSegment: boolean; tier?: string }> {
  const k = quoteIdent(ctx.entity.key);
  const found = await ws.query(`SELECT * FROM ${ctx.snapshot.relation} WHERE ${k} = $1 LIMIT 1`, [key]);
  const row = found[0];
  if (!row) return { found: false, root: null, inSegment: false };
  const def = ctx.loaded.definition;
  const rootRule = membershipRule(def);
  const nodes: { path: string; rule: unknown }[] = [];
  const base = Array.isArray(def.tiers) ? 'tiers' : 'where';
  ruleNodes(rootRule, base, nodes);
  const built = new Map<string, ExplainNode>();
  let root: ExplainNode | null = null;
  for (const n of nodes) {
    const node: ExplainNode = { path: n.path, label: ruleLabel(n.rule), pass: await keyPasses(ws, ctx, n.rule, key) };
    const field = isRecord(n.rule) ? n.rule.field : undefined;
    if (typeof field === 'string' && field in row) node.value = row[field] ?? null;
    built.set(n.path, node);
    const parentPath = n.path.replace(/\.(all|any)\[\d+\]$|\.not$/, '');
    const parent = parentPath !== n.path ? built.get(parentPath) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else root ??= node;
  }
  const result: { found: boolean; root: ExplainNode | null; inSegment: boolean; tier?: string } = { found: true, root, inSegment: root?.pass ?? false };
  if (Array.isArray(def.tiers)) {
    const list = def.tiers.filter(isRecord);
    let tier = String(def.otherwise ?? 'Otherwise');
    for (let i = 0; i < list.length; i++) if (await keyPasses(ws, ctx, list[i]!.where, key)) { tier = String(list[i]!.name); break; }
    result.tier = tier;
  }
  return result;
}

/** Per top-level condition: rows passing it alone and together with every earlier one. */
export async function funnel(ws: Workspace, ctx: RunContext, opts?: QueryOptions): Promise<FunnelResult> {
  const where = membershipRule(ctx.loaded.definition);
  const group = isRecord(where) && Array.isArray(where.all) ? 'all' : isRecord(where) && Array.isArray(where.any) ? 'any' : null;
  const children: unknown[] = group ? ((where as Json)[group] as unknown[]) : [where];
  const steps: FunnelResult['steps'] = [];
  for (let i = 0; i < children.length; i++) {
    const alone = await countRule(ws, ctx, children[i], [], opts);
    const cumulative = i === 0 ? alone : await countRule(ws, ctx, { [group ?? 'all']: children.slice(0, i + 1) }, [], opts);
    steps.push({ path: group ? `where.${group}[${i}]` : 'where', label: ruleLabel(children[i]), alone: alone.count, cumulative: cumulative.count });
  }
  return { total: ctx.snapshot.rows, steps };
}
