/**
 * The threshold explorer (docs/compare-and-over-time.md, SPEC §6 Over time, §11: one histogram
 * query, not one count per point): how a segment's size, and an outcome, change as one numeric
 * condition's threshold moves over a quantile grid of the field's values, every other condition as
 * it stands.
 *
 * Where the condition sits in the rule does not matter: with A = the rule with the condition true
 * and B = with it false, a row is a member at threshold t exactly when (C_t and A) or (not C_t and
 * B). One scan groups the rows by (A, B, outcome) with a binned histogram of the value over the grid
 * (DuckDB's histogram(v, boundaries) searches the bins in C++): j, the grid thresholds a row's value
 * passes, is its bin, so every point's count is a sum over those groups: exact, at any number of
 * points. A and B are folded first (ruleTree.foldConstants): rows in neither are never members and
 * are not scanned, and a constant needs no group. For a condition of a top-level `all` (B false)
 * the query is the other conditions' WHERE over their rows alone. Each row's j is kept per
 * snapshot, field and grid (thresholdBins.ts), so the scan groups by it instead of binning every
 * value again (the histogram stays for snapshots that cannot keep bins). (A sum of 40
 * `CAST(v >= t AS INTEGER)` per row cost 14× a count at 1M rows; the histogram over every row 3-4×;
 * over the other conditions' rows about 2×, the binning being most of it; grouping by the kept bins
 * 1.1-1.3×.) A measure outcome keeps its sums per j.
 *
 * The grid depends only on the field's values on the snapshot, not on the rule, so it is kept per
 * (source, field): moving another condition redraws the curve with one scan.
 */
import type { z } from 'zod';
import type { ThresholdResult, thresholdRequest } from '../../../shared/api/overTimeApi';
import { ApiError } from '../../../shared/api/protocol';
import { Frag, getDialect, param, render } from '../../../shared/segments/compiler';
import { isCondition, type Rule } from '../../../shared/segments/model';
import { foldConstants, getAt, parseDiagnosticPath, updateAt } from '../../../shared/segments/ruleTree';
import { buildScope } from '../../../shared/segments/scope';
import type { QueryOptions, Workspace } from '../workspace/workspace';
import { assertCompiled, preparedFor } from '../segments/runs/compileAdapter';
import { quoteIdent } from '../db/sql';
import type { RunContext } from '../segments/runs/runContext';
import { membershipRule } from '../segments/runs/segmentRuns';
import { prepareOnSnapshots, tableSnapshots } from './snapshotRuns';
import { keptBins } from './thresholdBins';

type Part = Frag['parts'][number];
type Request = z.output<typeof thresholdRequest>;
type Op = 'lt' | 'lte' | 'gt' | 'gte';
type Group = { a: number; b: number; o: number; j: number | null; n: number; s: number; c: number };

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
  thresholds.forEach((t, i) =>
    parts.push(...(i ? [' + '] : []), 'CAST(', ...field.parts, ` ${cmp} `, param(t, 'DOUBLE'), ' AS INTEGER)'),
  );
  parts.push(')');
  return parts;
}

/** Grids per workspace, by the grid query's SQL and parameters (snapshot relations are immutable). */
const GRIDS_KEPT = 32;
const grids = new WeakMap<Workspace, Map<string, number[]>>();

/**
 * The quantile grid: for each level l of `points` levels over [0, 1], the smallest value whose
 * cumulative count reaches l of the non-NULL values, from counts per distinct value (an exact
 * quantile_disc of 41 levels sorted every value: 5× slower at 1M rows of 10,000 distinct values).
 * Only finished grids are kept: a live call must not wait on a grid its stale predecessor's
 * interrupted job was computing.
 */
async function quantileGrid(
  ws: Workspace,
  source: Frag,
  field: Frag,
  points: number,
  opts?: QueryOptions,
): Promise<number[]> {
  const q = render(
    new Frag([
      'WITH h AS (SELECT CAST(',
      ...field.parts,
      ' AS DOUBLE) AS v, count(*) AS n FROM ',
      ...source.parts,
      ' AS e WHERE ',
      ...field.parts,
      ' IS NOT NULL GROUP BY 1),',
      ' c AS (SELECT v, sum(n) OVER (ORDER BY v) AS cum, sum(n) OVER () AS tot FROM h)',
      ` SELECT DISTINCT min(v) AS t FROM c, (SELECT unnest(range(0, ${points})) / ${points - 1}.0 AS l) WHERE cum >= l * tot GROUP BY l`,
    ]),
    getDialect('duckdb'),
  );
  const key = JSON.stringify([q.sql, q.params]);
  let kept = grids.get(ws);
  if (!kept) grids.set(ws, (kept = new Map()));
  let grid = kept.get(key);
  if (grid)
    kept.delete(key); // re-inserted below: most recently used last
  else grid = (await ws.query(q.sql, q.params, opts)).map((r) => Number(r.t)).filter(Number.isFinite);
  kept.set(key, grid);
  for (const old of kept.keys()) {
    if (kept.size <= GRIDS_KEPT) break;
    kept.delete(old);
  }
  return grid;
}

/** The largest double below t: for doubles, v > below(t) exactly when v ≥ t. */
export function below(t: number): number {
  if (t === 0) return -Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([t]).buffer);
  bits[0] = bits[0]! + (t > 0 ? -1n : 1n);
  return new Float64Array(bits.buffer)[0]!;
}

/**
 * `histogram(v, bounds)` over the grid such that bin i of the result is j, the number of grid
 * thresholds the value passes. DuckDB's bins are (b[i-1], b[i]], the last one above every bound:
 * for gt/lte (j = thresholds < v) the bounds are the thresholds; for gte/lt (j = thresholds ≤ v)
 * the double just below each, so no per-row arithmetic is needed. NULLs fall in no bin.
 */
function histogramExpr(field: Frag, op: Op, thresholds: readonly number[]): Part[] {
  const bounds = op === 'gte' || op === 'lt' ? thresholds.map(below) : thresholds;
  const parts: Part[] = ['array_to_string(map_values(histogram(CAST(', ...field.parts, ' AS DOUBLE), ['];
  bounds.forEach((b, i) => parts.push(...(i ? [', '] : []), param(b, 'DOUBLE')));
  parts.push("])), ',')");
  return parts;
}

/** `(<key> IN (members of ctx))` as a 0/1 flag over alias e (outcome segments, matched by key). */
function memberFlag(key: string, ctx: RunContext): Part[] {
  const p = preparedFor(ctx);
  const where = p.where(membershipRule(ctx.loaded.definition) as never);
  assertCompiled(ctx);
  return [
    `CASE WHEN e.${key} IN (SELECT e.${p.key} FROM `,
    ...p.source.parts,
    ' AS e WHERE ',
    ...where.parts,
    `) THEN 1 ELSE 0 END`,
  ];
}

export async function thresholdCurve(ws: Workspace, req: Request, opts?: QueryOptions): Promise<ThresholdResult> {
  // One preparation, on the snapshot asked for or the table's latest.
  const prepared = await prepareOnSnapshots(ws, req.target, req.snapshot === undefined ? 'latest' : [req.snapshot]);
  if (prepared.scheme)
    throw new ApiError(
      'usage',
      'The threshold explorer works on a segment (or one tier of a scheme), not a whole scheme.',
    );
  const table = String((prepared.loaded.definition.entity as { table?: unknown }).table);
  const own = tableSnapshots(prepared.all, table);
  const run = prepared.runs[0];
  if (!own.length || !run)
    throw new ApiError('invalid_input', `The definition's entity table '${table}' is not in this workspace.`);
  const snap = own.find((s) => s.id === run.snapshot.id)!;
  const loaded = run.loaded;
  if (loaded.kind === 'scheme') throw new ApiError('usage', `'${req.path}' is not a condition of this segment's rule.`);
  const where = loaded.definition.where;
  const path = parseDiagnosticPath(where, req.path);
  const cond = path && getAt(where, path);
  if (!path || !cond || !isCondition(cond))
    throw new ApiError('usage', `'${req.path}' is not a condition of this segment's rule.`);
  if (!['lt', 'lte', 'gt', 'gte'].includes(cond.op) || typeof cond.value !== 'number') {
    throw new ApiError(
      'usage',
      `The threshold explorer moves a number compared with <, ≤, > or ≥; '${cond.field} ${cond.op}' is not one.`,
    );
  }
  const op = cond.op as Op;
  const scope = buildScope(
    run.schemas,
    table,
    Array.isArray(run.loaded.definition.metrics) ? (run.loaded.definition.metrics as never) : [],
  );
  const family = scope.get(cond.field)?.family;
  if (family !== 'number' && family !== 'unknown')
    throw new ApiError('usage', `'${cond.field}' is not a number: the threshold explorer needs a numeric field.`);

  const p = preparedFor(run);
  const field = new Frag([`e.${quoteIdent(cond.field)}`]);
  // The grid: quantiles of the field's values over the whole table, plus today's threshold.
  const grid = await quantileGrid(ws, p.source, field, req.points, opts);
  const thresholds = [...new Set([...grid, cond.value])].sort((a, b) => a - b);

  // A and B folded: a constant one needs no column, and rows that are in neither can never be
  // members, so the scan skips them (for a condition of a top-level `all`, B is false: the scan is
  // the other conditions' WHERE, pushed down like a count's, and only their rows are binned).
  const a = foldConstants(updateAt(where, path, () => TRUE));
  const b = foldConstants(updateAt(where, path, () => FALSE));
  // Each row's bin, kept per snapshot, field and grid (thresholdBins.ts): the scan groups by it.
  const binned = await keptBins(ws, run, cond.field, thresholds, op === 'gte' || op === 'lt', opts);
  const src = binned ? preparedFor(binned.ctx) : p;
  const flag = (r: Rule | boolean): Part[] =>
    typeof r === 'boolean' ? [r ? '1' : '0'] : ['CASE WHEN ', ...src.where(r).parts, ' THEN 1 ELSE 0 END'];
  const filter: Part[] =
    a === true || b === true
      ? []
      : a === false && b === false
        ? [' WHERE FALSE']
        : a === false
          ? [' WHERE ', ...src.where(b as Rule).parts]
          : b === false
            ? [' WHERE ', ...src.where(a).parts]
            : [' WHERE (', ...src.where(a).parts, ') OR (', ...src.where(b).parts, ')'];
  // With one side false the scan holds only the other side's rows: that flag is 1 on every row.
  const aFlag = b === false && a !== false ? true : a;
  const bFlag = a === false && b !== false ? true : b;
  const grouped = [typeof aFlag === 'boolean' ? null : 'a', typeof bFlag === 'boolean' ? null : 'b'];
  const measure = req.outcome?.kind === 'measure' ? req.outcome.measure : null;
  // Groups per j: from the kept bins, or for a measure's sums; otherwise the histogram's bins are the j groups.
  const byJ = binned !== null || measure !== null;
  const heads: Part[] = ['SELECT ', ...flag(aFlag), ' AS a, ', ...flag(bFlag), ' AS b'];
  heads.push(
    ...(binned
      ? [`, e.${binned.column} AS j`]
      : measure
        ? [', ', ...groupExpr(op, field, thresholds), ' AS j']
        : [', ', ...histogramExpr(field, op, thresholds), ' AS h']),
  );
  let outcomeSnapshot: string | null | undefined;
  const warnings: string[] = [];
  if (req.outcome?.kind === 'segment') {
    let at = snap;
    if (req.outcome.snapshot === 'next') {
      const next = own[own.findIndex((s) => s.id === snap.id) + 1];
      outcomeSnapshot = next?.id ?? null;
      if (!next)
        warnings.push(
          `Snapshot ${snap.id} is the latest of ${table}: there is no next one to look for the outcome in.`,
        );
      else at = next;
    }
    if (outcomeSnapshot !== null) {
      const {
        runs: [octx],
      } = await prepareOnSnapshots(ws, req.outcome.target, [at.id]);
      if (octx!.entity.table !== table)
        throw new ApiError('invalid_input', `The outcome segment must be about '${table}' too.`);
      heads.push(', ', ...memberFlag(p.key, octx!), ' AS o');
      grouped.push('o');
    } else heads.push(', 0 AS o');
  } else heads.push(', 0 AS o');
  if (measure) {
    if (!scope.get(measure)) throw new ApiError('invalid_input', `No column or metric '${measure}' in ${table}.`);
    heads.push(`, CAST(sum(e.${quoteIdent(measure)}) AS DOUBLE) AS s, count(e.${quoteIdent(measure)}) AS c`);
  }
  assertCompiled(run);
  if (byJ) grouped.push('j');
  const keys = grouped.filter((k) => k !== null);
  // No key left (the common case without an outcome): one ungrouped aggregate, as cheap as a count.
  const groupBy = keys.length ? ` GROUP BY ${keys.join(', ')}` : '';
  const q = render(
    new Frag([...heads, ', count(*) AS n FROM ', ...src.source.parts, ' AS e', ...filter, groupBy]),
    getDialect('duckdb'),
  );
  const groups: Group[] = [];
  for (const r of await ws.query(q.sql, q.params, opts)) {
    const g = { a: Number(r.a), b: Number(r.b), o: Number(r.o) };
    if (byJ) {
      groups.push({
        ...g,
        j: r.j === null ? null : Number(r.j),
        n: Number(r.n),
        s: r.s === null || r.s === undefined ? 0 : Number(r.s),
        c: Number(r.c ?? 0),
      });
      continue;
    }
    const bins = r.h === null ? [] : String(r.h).split(',').map(Number);
    bins.forEach((n, j) => {
      if (n > 0) groups.push({ ...g, j, n, s: 0, c: 0 });
    });
    // Rows with no value: every row minus those binned.
    const nulls = Number(r.n) - bins.reduce((a, b) => a + b, 0);
    if (nulls > 0) groups.push({ ...g, j: null, n: nulls, s: 0, c: 0 });
  }
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
    if (req.outcome?.kind === 'segment')
      point.outcome = outcomeSnapshot === null || count === 0 ? null : inOutcome / count;
    if (req.outcome?.kind === 'measure') point.outcome = values === 0 ? null : sum / values;
    return point;
  });
  return {
    field: cond.field,
    op,
    current: cond.value,
    total,
    points,
    ...(outcomeSnapshot !== undefined ? { outcomeSnapshot } : {}),
    warnings,
  };
}
