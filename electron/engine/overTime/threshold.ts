/**
 * The threshold explorer (SPEC §6 Over time, §11: one histogram query, not one count per point): how
 * a segment's size, and an outcome, change as one numeric condition's threshold moves over a
 * quantile grid of the field's values, every other condition as it stands.
 *
 * Where the condition sits in the rule does not matter: with A = the rule with the condition true
 * and B = with it false, a row is a member at threshold t exactly when (C_t and A) or (not C_t and
 * B). One scan groups the rows by (A, B, j, outcome) where j counts the grid thresholds the row's
 * value passes, so every point's count is a sum over those groups: exact, at any number of points.
 */
import type { z } from 'zod';
import type { ThresholdResult, thresholdRequest } from '../../../shared/api/overTimeApi';
import { ApiError } from '../../../shared/api/protocol';
import { Frag, getDialect, param, render } from '../../../shared/segments/compiler';
import { isCondition, type Rule } from '../../../shared/segments/model';
import { getAt, parseDiagnosticPath, updateAt } from '../../../shared/segments/ruleTree';
import { buildScope } from '../../../shared/segments/scope';
import type { QueryOptions, Workspace } from '../workspace/workspace';
import { assertCompiled, preparedFor } from '../segments/runs/compileAdapter';
import { quoteIdent } from '../db/sql';
import { readCatalog, type RunContext } from '../segments/runs/runContext';
import { membershipRule } from '../segments/runs/segmentRuns';
import { latestOf } from '../workspace/workspace';
import { prepareOnSnapshots, tableSnapshots } from './snapshotRuns';

type Part = Frag['parts'][number];
type Request = z.output<typeof thresholdRequest>;
type Op = 'lt' | 'lte' | 'gt' | 'gte';

const TRUE: Rule = { all: [] };
const FALSE: Rule = { any: [] };

/** Whether a row in group j passes the condition at grid threshold k (0-based, ascending). */
export function passes(op: Op, k: number, j: number): boolean {
  // gte/gt: j = thresholds ≤ v (< v for gt), so C_k ⇔ k < j. lte/lt: j = thresholds < v (≤ v for lt), so C_k ⇔ k ≥ j.
  return op === 'gte' || op === 'gt' ? k < j : k >= j;
}

/** j for a value: how many grid thresholds it passes (gte, lt: ≤ v; gt, lte: < v); NULL for NULL. */
function groupExpr(op: Op, field: Frag, thresholds: readonly number[]): Part[] {
  const cmp = op === 'gte' || op === 'lt' ? '>=' : '>';
  const parts: Part[] = ['('];
  thresholds.forEach((t, i) => parts.push(...(i ? [' + '] : []), 'CAST(', ...field.parts, ` ${cmp} `, param(t, 'DOUBLE'), ' AS INTEGER)'));
  parts.push(')');
  return parts;
}

/** `(<key> IN (members of ctx))` as a 0/1 flag over alias e (outcome segments, matched by key). */
function memberFlag(key: string, ctx: RunContext): Part[] {
  const p = preparedFor(ctx);
  const where = p.where(membershipRule(ctx.loaded.definition) as never);
  assertCompiled(ctx);
  return [`CASE WHEN e.${key} IN (SELECT e.${p.key} FROM `, ...p.source.parts, ' AS e WHERE ', ...where.parts, `) THEN 1 ELSE 0 END`];
}

export async function thresholdCurve(ws: Workspace, req: Request, opts?: QueryOptions): Promise<ThresholdResult> {
  const catalog = await readCatalog(ws);
  const probe = await prepareOnSnapshots(ws, req.target, []);
  if (probe.scheme) throw new ApiError('usage', 'The threshold explorer works on a segment (or one tier of a scheme), not a whole scheme.');
  const table = String((probe.loaded.definition.entity as { table?: unknown }).table);
  const own = tableSnapshots(catalog, table);
  if (!own.length) throw new ApiError('invalid_input', `The definition's entity table '${table}' is not in this workspace.`);
  const snap = req.snapshot === undefined ? latestOf(own) : own.find((s) => s.id === req.snapshot);
  if (!snap) throw new ApiError('not_found', `Table '${table}' has no snapshot '${req.snapshot}'.`);
  const { runs: [ctx] } = await prepareOnSnapshots(ws, req.target, [snap.id]);
  const run = ctx!;
  const where = run.loaded.definition.where as Rule;
  const path = parseDiagnosticPath(where, req.path);
  const cond = path && getAt(where, path);
  if (!path || !cond || !isCondition(cond)) throw new ApiError('usage', `'${req.path}' is not a condition of this segment's rule.`);
  if (!['lt', 'lte', 'gt', 'gte'].includes(cond.op) || typeof cond.value !== 'number') {
    throw new ApiError('usage', `The threshold explorer moves a number compared with <, ≤, > or ≥; '${cond.field} ${cond.op}' is not one.`);
  }
  const op = cond.op as Op;
  const scope = buildScope(run.schemas, table, Array.isArray(run.loaded.definition.metrics) ? (run.loaded.definition.metrics as never) : []);
  const family = scope.get(cond.field)?.family;
  if (family !== 'number' && family !== 'unknown') throw new ApiError('usage', `'${cond.field}' is not a number: the threshold explorer needs a numeric field.`);

  const p = preparedFor(run);
  const field = new Frag([`e.${quoteIdent(cond.field)}`]);
  // The grid: quantiles of the field's values over the whole table, plus today's threshold.
  const levels = Array.from({ length: req.points }, (_, i) => i / (req.points - 1));
  const qq = render(new Frag(['SELECT DISTINCT CAST(unnest(quantile_disc(', ...field.parts, `, [${levels.join(', ')}])) AS DOUBLE) AS t FROM `, ...p.source.parts, ' AS e WHERE ', ...field.parts, ' IS NOT NULL']), getDialect('duckdb'));
  const grid = (await ws.query(qq.sql, qq.params, opts)).map((r) => Number(r.t)).filter(Number.isFinite);
  const thresholds = [...new Set([...grid, cond.value])].sort((a, b) => a - b);

  const a = p.where(updateAt(where, path, () => TRUE));
  const b = p.where(updateAt(where, path, () => FALSE));
  const heads: Part[] = ['SELECT CASE WHEN ', ...a.parts, ' THEN 1 ELSE 0 END AS a, CASE WHEN ', ...b.parts, ' THEN 1 ELSE 0 END AS b, ', ...groupExpr(op, field, thresholds), ' AS j'];
  let outcomeSnapshot: string | null | undefined;
  const warnings: string[] = [];
  if (req.outcome?.kind === 'segment') {
    let at = snap;
    if (req.outcome.snapshot === 'next') {
      const next = own[own.findIndex((s) => s.id === snap.id) + 1];
      outcomeSnapshot = next?.id ?? null;
      if (!next) warnings.push(`Snapshot ${snap.id} is the latest of ${table}: there is no next one to look for the outcome in.`);
      else at = next;
    }
    if (outcomeSnapshot !== null) {
      const { runs: [octx] } = await prepareOnSnapshots(ws, req.outcome.target, [at.id]);
      if (octx!.entity.table !== table) throw new ApiError('invalid_input', `The outcome segment must be about '${table}' too.`);
      heads.push(', ', ...memberFlag(p.key, octx!), ' AS o');
    } else heads.push(', 0 AS o');
  } else heads.push(', 0 AS o');
  if (req.outcome?.kind === 'measure') {
    const m = req.outcome.measure;
    if (!scope.get(m)) throw new ApiError('invalid_input', `No column or metric '${m}' in ${table}.`);
    heads.push(`, CAST(sum(e.${quoteIdent(m)}) AS DOUBLE) AS s, count(e.${quoteIdent(m)}) AS c`);
  }
  assertCompiled(run);
  const q = render(new Frag([...heads, ', count(*) AS n FROM ', ...p.source.parts, ' AS e GROUP BY ALL']), getDialect('duckdb'));
  const groups = (await ws.query(q.sql, q.params, opts)).map((r) => ({
    a: Number(r.a), b: Number(r.b), j: r.j === null ? null : Number(r.j), o: Number(r.o), n: Number(r.n), s: r.s === undefined || r.s === null ? 0 : Number(r.s), c: Number(r.c ?? 0),
  }));
  const total = run.snapshot.rows;
  const points = thresholds.map((threshold, k) => {
    let count = 0;
    let inOutcome = 0;
    let sum = 0;
    let values = 0;
    for (const g of groups) {
      const c = g.j !== null && passes(op, k, g.j);
      if (!((c && g.a === 1) || (!c && g.b === 1))) continue;
      count += g.n;
      inOutcome += g.o * g.n;
      sum += g.s;
      values += g.c;
    }
    const point: ThresholdResult['points'][number] = { threshold, count, share: total === 0 ? null : count / total };
    if (req.outcome?.kind === 'segment') point.outcome = outcomeSnapshot === null || count === 0 ? null : inOutcome / count;
    if (req.outcome?.kind === 'measure') point.outcome = values === 0 ? null : sum / values;
    return point;
  });
  return { field: cond.field, op, current: cond.value, total, points, ...(outcomeSnapshot !== undefined ? { outcomeSnapshot } : {}), warnings };
}

