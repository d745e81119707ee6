/**
 * The queries of a comparison, each over the run's mask source (`FROM <from> AS e`, see
 * maskTable.ts): the mask scan (rows and measure sums per bitmask: counts, overlaps, KPIs), one
 * median query per measure, the breakdown, the distribution, what sets a column apart and the
 * concentration. Values travel as parameters; names are quoted after the caller checked them.
 */
import type {
  ApartFeature, ApartResult, BoxStats, BreakdownCategory, BreakdownResult, BreakdownSpec, ConcentrationResult, DistributionResult,
} from '../../../shared/api/compareApi';
import type { CellValue } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import { Frag, getDialect, param, render } from '../../../shared/segments/compiler';
import { buildScope, type ScopeEntry } from '../../../shared/segments/scope';
import { typeInfo } from '../../../shared/segments/types';
import { quoteIdent } from '../db/sql';
import type { QueryOptions, Workspace } from '../workspace';
import type { CompareRun } from './compareRun';
import {
  CONCENTRATION_POINTS, largestShareDifference, niceBins, standardizedDifference, topCount, type MaskGroup,
} from './compareShape';
import type { MaskSource } from './maskTable';

type Part = Frag['parts'][number];

/** Distinct values the CLI's `values` breakdown lists at most. */
export const MAX_BREAKDOWN_VALUES = 1000;
/** Text columns with more distinct values are left out of "what sets it apart" (no value can stand out). */
export const MAX_APART_DISTINCT = 1000;

const BLANK = `' ' || chr(9) || chr(13) || chr(10)`;
const col = (name: string): string => `e.${quoteIdent(name)}`;
const bit = (mask: string, i: number): string => `(e.${mask} & ${2 ** i}) <> 0`;

function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A query over the mask source: `head`, FROM it AS e, then `tail`; placeholders from `firstIndex`. */
function over(src: MaskSource, head: readonly Part[], tail: readonly Part[] = [], firstIndex = 1): { sql: string; params: (string | number | boolean | null)[] } {
  const out = render(new Frag([...head, ' FROM ', ...src.from.parts, ' AS e', ...tail]), getDialect('duckdb'), firstIndex);
  return { sql: out.sql, params: out.params };
}

export type FieldFamily = 'text' | 'number' | 'date' | 'timestamp' | 'boolean' | 'other';

/** What a column or merged metric is, for measures and dimensions. */
export async function fieldFamily(ws: Workspace, run: CompareRun, src: MaskSource, name: string): Promise<FieldFamily> {
  const scope = buildScope(run.merged.schemas, run.entity.table, [...run.metrics.values()]);
  const entry: ScopeEntry | undefined = scope.get(name);
  if (!entry) throw new ApiError('invalid_input', `No column or metric '${name}' in ${run.entity.table} or the compared definitions.`);
  let type = entry.type;
  if (type === null) {
    // An expression metric's type is DuckDB's to say: ask for an empty result.
    const q = over(src, [`SELECT ${col(name)}`], [' LIMIT 0']);
    type = (await ws.queryResult(q.sql, q.params)).columns[0]?.type ?? 'VARCHAR';
  }
  const family = typeInfo(type).family;
  return family === 'string' ? 'text' : family;
}

/** Measures must be numbers: a clear refusal otherwise. */
export async function checkMeasures(ws: Workspace, run: CompareRun, src: MaskSource, measures: readonly string[]): Promise<void> {
  for (const m of measures) {
    const family = await fieldFamily(ws, run, src, m);
    if (family !== 'number') throw new ApiError('invalid_input', `Cannot measure '${m}': it is ${family === 'text' ? 'text' : `a ${family}`} column, not a number. Choose a numeric column or metric.`);
  }
}

/** Rows and, per measure, the sum and non-NULL values of every membership bitmask (one scan). */
export async function maskGroups(ws: Workspace, src: MaskSource, measures: readonly string[], opts?: QueryOptions): Promise<MaskGroup[]> {
  const heads = measures.flatMap((m, i) => [`, CAST(sum(${col(m)}) AS DOUBLE) AS s${i}`, `, count(${col(m)}) AS c${i}`]);
  const q = over(src, [`SELECT e.${src.mask} AS m, count(*) AS n`, ...heads], [' GROUP BY 1']);
  const rows = await ws.query(q.sql, q.params, opts);
  return rows.map((r) => ({
    mask: Number(r.m), rows: Number(r.n),
    sums: measures.map((_, i) => num(r[`s${i}`])), values: measures.map((_, i) => Number(r[`c${i}`] ?? 0)),
  }));
}

/** DuckDB's median() of a measure per column, over the whole table, and over the rest of column 0. */
export async function medians(ws: Workspace, src: MaskSource, measure: string, columns: number, opts?: QueryOptions): Promise<{ columns: (number | null)[]; baseline: number | null; rest: number | null }> {
  const x = col(measure);
  const heads = Array.from({ length: columns }, (_, i) => `CAST(median(${x}) FILTER (WHERE ${bit(src.mask, i)}) AS DOUBLE) AS c${i}, `);
  const q = over(src, ['SELECT ', ...heads, `CAST(median(${x}) AS DOUBLE) AS b, CAST(median(${x}) FILTER (WHERE NOT ${bit(src.mask, 0)}) AS DOUBLE) AS r`]);
  const [row] = await ws.query(q.sql, q.params, opts);
  return { columns: Array.from({ length: columns }, (_, i) => num(row?.[`c${i}`])), baseline: num(row?.b), rest: num(row?.r) };
}

interface CategoryRow { mask: number; cat: number; rows: number; sum: number | null; values: number }

/** Accumulate (mask, category) groups into per-column and baseline cells. */
function cells(rows: readonly CategoryRow[], columns: number, categories: number, spec: { value: 'count' | 'sum' | 'avg' }): Pick<BreakdownResult, 'counts' | 'values' | 'baseline'> {
  const grid = () => Array.from({ length: categories }, () => ({ n: 0, s: 0, k: 0 }));
  const per = Array.from({ length: columns }, grid);
  const base = grid();
  for (const r of rows) {
    const add = (cell: { n: number; s: number; k: number }) => {
      cell.n += r.rows;
      cell.s += r.sum ?? 0;
      cell.k += r.values;
    };
    if (r.cat < 0 || r.cat >= categories) continue;
    add(base[r.cat]!);
    for (let i = 0; i < columns; i++) if ((r.mask & (1 << i)) !== 0) add(per[i]![r.cat]!);
  }
  const value = (c: { n: number; s: number; k: number }): number | null => (c.k === 0 ? null : spec.value === 'sum' ? c.s : c.s / c.k);
  const out: Pick<BreakdownResult, 'counts' | 'values' | 'baseline'> = {
    counts: per.map((cs) => cs.map((c) => c.n)),
    baseline: { counts: base.map((c) => c.n) },
  };
  if (spec.value !== 'count') {
    out.values = per.map((cs) => cs.map(value));
    out.baseline.values = base.map(value);
  }
  return out;
}

function formatDay(d: CellValue): string {
  return typeof d === 'string' ? d.slice(0, 10) : String(d);
}

/** A date period label: 2026-03-04, 2026-W10 (week of), 2026-03, 2026 Q1, 2026. */
function periodLabel(start: string, unit: string): string {
  if (unit === 'day' || unit === 'week') return unit === 'week' ? `week of ${start}` : start;
  if (unit === 'month') return start.slice(0, 7);
  if (unit === 'quarter') return `${start.slice(0, 4)} Q${Math.floor(Number(start.slice(5, 7)) / 3) + 1}`;
  return start.slice(0, 4);
}

function addPeriod(day: string, unit: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (unit === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12));
  return d.toISOString().slice(0, 10);
}

/** The calendar unit that gives at most 2 × bins periods over [min, max] (years at most). */
function dateUnit(min: string, max: string, bins: number): 'day' | 'week' | 'month' | 'quarter' | 'year' {
  const days = (Date.parse(max) - Date.parse(min)) / 86_400_000 + 1;
  const months = (Number(max.slice(0, 4)) - Number(min.slice(0, 4))) * 12 + Number(max.slice(5, 7)) - Number(min.slice(5, 7)) + 1;
  if (days <= 2 * bins) return 'day';
  if (days / 7 <= 2 * bins) return 'week';
  if (months <= 2 * bins) return 'month';
  if (months / 3 <= 2 * bins) return 'quarter';
  return 'year';
}

/** A breakdown request with its defaults applied (as the zod schema outputs it). */
export type ResolvedBreakdown = Required<Pick<BreakdownSpec, 'column' | 'mode' | 'top' | 'bins' | 'value'>> & { measure?: string | undefined };

/** Members per category per column (and a measure's sum or average): text, boolean, binned number or date. */
export async function breakdown(ws: Workspace, run: CompareRun, src: MaskSource, spec: ResolvedBreakdown, opts?: QueryOptions): Promise<BreakdownResult> {
  const family = await fieldFamily(ws, run, src, spec.column);
  if (family === 'other') throw new ApiError('invalid_input', `Cannot break down by '${spec.column}': its values are lists or structures. Choose a text, number or date column.`);
  if (spec.value !== 'count' && !spec.measure) throw new ApiError('usage', `A breakdown by ${spec.value} needs a measure.`);
  if (spec.measure) {
    const mf = await fieldFamily(ws, run, src, spec.measure);
    if (mf !== 'number') throw new ApiError('invalid_input', `Cannot sum or average '${spec.measure}': it is not a number.`);
  }
  const x = col(spec.column);
  const columns = run.members.length;
  const measureHead = spec.measure ? `, CAST(sum(${col(spec.measure)}) AS DOUBLE) AS s, count(${col(spec.measure)}) AS k` : '';
  const grouped = async (catExpr: readonly Part[]): Promise<CategoryRow[]> => {
    const q = over(src, [`SELECT e.${src.mask} AS m, `, ...catExpr, ` AS c, count(*) AS n${measureHead}`], [' GROUP BY 1, 2']);
    return (await ws.query(q.sql, q.params, opts)).map((r) => ({ mask: Number(r.m), cat: Number(r.c), rows: Number(r.n), sum: num(r.s), values: Number(r.k ?? 0) }));
  };
  const base = { column: spec.column, value: spec.value, measure: spec.measure ?? null };
  const finish = (fam: BreakdownResult['family'], details: BreakdownCategory[], rows: CategoryRow[]): BreakdownResult => ({
    ...base, family: fam, details, categories: details.map((d) => d.value), ...cells(rows, columns, details.length, spec),
  });

  if (spec.mode === 'values') {
    const dq = over(src, [`SELECT count(DISTINCT ${x}) AS d`]);
    const [d] = await ws.query(dq.sql, dq.params, opts);
    if (Number(d?.d ?? 0) > MAX_BREAKDOWN_VALUES) {
      throw new ApiError('invalid_input', `'${spec.column}' has ${Number(d?.d).toLocaleString('en-US')} distinct values; a breakdown lists at most ${MAX_BREAKDOWN_VALUES.toLocaleString('en-US')}. Choose a column with fewer values.`);
    }
    const vq = over(src, [`SELECT DISTINCT ${x} AS v`], [` ORDER BY 1 NULLS LAST`]);
    const values = (await ws.queryResult(vq.sql, vq.params, opts)).rows.map((r) => r[0] ?? null);
    const details: BreakdownCategory[] = values.map((v) => ({ label: v === null ? '(empty)' : String(v), value: v, kind: v === null ? 'empty' : 'value' }));
    // Groups by the value itself; each value's category is its place in the sorted list (NULL last).
    const q = over(src, [`SELECT e.${src.mask} AS m, ${x} AS v, count(*) AS n${measureHead}`], [' GROUP BY 1, 2']);
    const res = await ws.queryResult(q.sql, q.params, opts);
    const key = (v: CellValue) => JSON.stringify(v);
    const index = new Map(values.map((v, i) => [key(v), i]));
    const rows = res.rows.map((r) => ({ mask: Number(r[0]), cat: index.get(key(r[1] ?? null)) ?? -1, rows: Number(r[2]), sum: spec.measure ? num(r[3]) : null, values: spec.measure ? Number(r[4] ?? 0) : 0 }));
    const fam = family === 'timestamp' ? 'date' : family === 'text' ? 'text' : family;
    return finish(fam, details, rows);
  }

  if (family === 'text' || family === 'boolean') {
    const text = `CAST(${x} AS VARCHAR)`;
    const blank = family === 'text' ? `${x} IS NULL OR trim(${x}, ${BLANK}) = ''` : `${x} IS NULL`;
    const tq = over(src, [`SELECT ${text} AS v, count(*) AS n`], [` WHERE NOT (${blank}) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${spec.top + 1}`]);
    const top = (await ws.query(tq.sql, tq.params, opts)).map((r) => String(r.v));
    const shown = top.slice(0, spec.top);
    const other = top.length > spec.top;
    const whens: Part[] = ['CASE WHEN ', blank, ` THEN ${shown.length + (other ? 1 : 0)}`];
    shown.forEach((v, i) => whens.push(` WHEN ${text} = `, param(v, 'VARCHAR'), ` THEN ${i}`));
    whens.push(` ELSE ${shown.length} END`);
    const details: BreakdownCategory[] = shown.map((v) => ({ label: v, value: family === 'boolean' ? v === 'true' : v, kind: 'value' }));
    if (other) details.push({ label: 'Other', value: null, kind: 'other' });
    details.push({ label: '(empty)', value: null, kind: 'empty' });
    return finish(family, details, await grouped(whens));
  }

  if (family === 'number') {
    const mq = over(src, [`SELECT CAST(min(${x}) AS DOUBLE) AS lo, CAST(max(${x}) AS DOUBLE) AS hi`]);
    const [mm] = await ws.query(mq.sql, mq.params, opts);
    const lo = num(mm?.lo);
    const hi = num(mm?.hi);
    const { edges, step } = lo === null || hi === null ? { edges: [0, 1], step: 1 } : niceBins(lo, hi, spec.bins);
    const n = edges.length - 1;
    // floor((v − lo) / step), nudged so a value on an edge (0.3 with step 0.1) lands in the bin it starts.
    const catExpr: Part[] = [`CASE WHEN ${x} IS NULL THEN ${n} ELSE least(greatest(CAST(floor((CAST(${x} AS DOUBLE) - `, param(edges[0]!, 'DOUBLE'), ') / ', param(step, 'DOUBLE'), ` + 1e-9) AS BIGINT), 0), ${n - 1}) END`];
    const details: BreakdownCategory[] = edges.slice(0, -1).map((e, i) => ({ label: `${fmtEdge(e)} – ${fmtEdge(edges[i + 1]!)}`, value: null, kind: 'bin', lo: e, hi: edges[i + 1]! }));
    details.push({ label: '(empty)', value: null, kind: 'empty' });
    return finish('number', details, await grouped(catExpr));
  }

  // Dates and timestamps (as their UTC date): calendar periods from the first to the last.
  const day = family === 'timestamp' ? `CAST(${x} AS DATE)` : x;
  const dq = over(src, [`SELECT CAST(min(${day}) AS VARCHAR) AS lo, CAST(max(${day}) AS VARCHAR) AS hi`]);
  const [dd] = await ws.query(dq.sql, dq.params, opts);
  const details: BreakdownCategory[] = [];
  let catExpr: Part[] = [`CASE WHEN ${x} IS NULL THEN 0 ELSE 0 END`];
  if (dd?.lo !== null && dd?.lo !== undefined) {
    const loDay = formatDay(dd.lo as CellValue);
    const hiDay = formatDay(dd.hi as CellValue);
    const unit = dateUnit(loDay, hiDay, spec.bins);
    const first = await ws.query(`SELECT CAST(date_trunc('${unit}', CAST($1 AS DATE)) AS VARCHAR) AS d`, [loDay]);
    for (let p = formatDay(first[0]!.d as CellValue); p <= hiDay; p = addPeriod(p, unit)) {
      details.push({ label: periodLabel(p, unit), value: null, kind: 'bin', lo: p, hi: addPeriod(p, unit) });
    }
    const starts = details.map((d) => d.lo as string);
    // Index of the period: months since the first (or days / weeks), computed in SQL.
    const diff = unit === 'day' ? `date_diff('day', CAST($first AS DATE), CAST(${day} AS DATE))`
      : unit === 'week' ? `date_diff('day', CAST($first AS DATE), CAST(${day} AS DATE)) // 7`
        : `date_diff('month', CAST($first AS DATE), CAST(date_trunc('month', ${day}) AS DATE)) // ${unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12}`;
    const parts = diff.split('$first');
    catExpr = [`CASE WHEN ${x} IS NULL THEN ${starts.length} ELSE `, parts[0]!, param(starts[0]!, 'DATE'), parts[1]!, ' END'];
  }
  details.push({ label: '(empty)', value: null, kind: 'empty' });
  return finish('date', details, await grouped(catExpr));
}

function fmtEdge(v: number): string {
  return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(Number(v.toPrecision(6)));
}

/** Box (exact quartiles, quantile_cont) per column and for the whole table, and a shared-bin histogram. */
export async function distribution(ws: Workspace, run: CompareRun, src: MaskSource, measure: string, bins: number, opts?: QueryOptions): Promise<DistributionResult> {
  await checkMeasures(ws, run, src, [measure]);
  const x = `CAST(${col(measure)} AS DOUBLE)`;
  const columns = run.members.length;
  const boxHead = (filter: string, p: string) =>
    `count(${x})${filter} AS ${p}n, min(${x})${filter} AS ${p}lo, max(${x})${filter} AS ${p}hi, quantile_cont(${x}, [0.25, 0.5, 0.75])${filter} AS ${p}q`;
  const heads = [...Array.from({ length: columns }, (_, i) => boxHead(` FILTER (WHERE ${bit(src.mask, i)})`, `c${i}_`)), boxHead('', 'b_')];
  const inner = over(src, [`SELECT ${heads.join(', ')}`]);
  const unq = (p: string) => `${p}n, ${p}lo, ${p}hi, ${p}q[1] AS ${p}q1, ${p}q[2] AS ${p}q2, ${p}q[3] AS ${p}q3`;
  const [row] = await ws.query(`SELECT ${[...Array.from({ length: columns }, (_, i) => unq(`c${i}_`)), unq('b_')].join(', ')} FROM (${inner.sql})`, inner.params, opts);
  const box = (p: string): BoxStats => ({
    values: Number(row?.[`${p}n`] ?? 0), min: num(row?.[`${p}lo`]), q1: num(row?.[`${p}q1`]), median: num(row?.[`${p}q2`]), q3: num(row?.[`${p}q3`]), max: num(row?.[`${p}hi`]),
  });
  const baseBox = box('b_');
  const { edges, step } = baseBox.min === null || baseBox.max === null ? { edges: [0, 1], step: 1 } : niceBins(baseBox.min, baseBox.max, bins);
  const n = edges.length - 1;
  const hq = over(src, [`SELECT e.${src.mask} AS m, least(greatest(CAST(floor((${x} - `, param(edges[0]!, 'DOUBLE'), ') / ', param(step, 'DOUBLE'), ` + 1e-9) AS BIGINT), 0), ${n - 1}) AS c, count(*) AS k`], [` WHERE ${col(measure)} IS NOT NULL GROUP BY 1, 2`]);
  const hist = await ws.query(hq.sql, hq.params, opts);
  const histograms = Array.from({ length: columns }, () => Array.from({ length: n }, () => 0));
  const baseline = Array.from({ length: n }, () => 0);
  for (const r of hist) {
    const c = Number(r.c);
    const k = Number(r.k);
    baseline[c]! += k;
    for (let i = 0; i < columns; i++) if ((Number(r.m) & (1 << i)) !== 0) histograms[i]![c]! += k;
  }
  return { measure, edges, histograms, boxes: Array.from({ length: columns }, (_, i) => box(`c${i}_`)), baseline: { histogram: baseline, box: baseBox } };
}

/** Every column and metric of the run ranked by effect size: column `a` against the rest or column `b`. */
export async function apart(ws: Workspace, run: CompareRun, src: MaskSource, a: number, against: 'rest' | number, opts?: QueryOptions): Promise<ApartResult> {
  const columns = run.members.length;
  if (a >= columns || (against !== 'rest' && (against >= columns || against === a))) {
    throw new ApiError('usage', `"What sets it apart" compares two different columns of the comparison (it has ${columns}).`);
  }
  const sideA = bit(src.mask, a);
  const sideB = against === 'rest' ? `NOT ${sideA}` : bit(src.mask, against);
  const fields: { name: string; family: 'number' | 'date' | 'timestamp' | 'category' }[] = [];
  const skipped: ApartResult['skipped'] = [];
  const names = [...(run.merged.schemas[run.entity.table] ?? []).map((c) => c.name), ...run.metrics.keys()];
  for (const name of names) {
    if (name === run.entity.key) { skipped.push({ field: name, reason: 'the key: unique per row' }); continue; }
    const fam = await fieldFamily(ws, run, src, name);
    if (fam === 'other') skipped.push({ field: name, reason: 'lists or structures' });
    else fields.push({ name, family: fam === 'text' || fam === 'boolean' ? 'category' : fam });
  }
  const numeric = fields.filter((f) => f.family !== 'category');
  const categorical = fields.filter((f) => f.family === 'category');
  const asNumber = (f: { name: string; family: string }) =>
    f.family === 'number' ? `CAST(${col(f.name)} AS DOUBLE)` : f.family === 'date' ? `CAST(date_diff('day', DATE '1970-01-01', ${col(f.name)}) AS DOUBLE)` : `epoch(${col(f.name)}) / 86400.0`;
  const heads = [`count(*) FILTER (WHERE ${sideA}) AS na`, `count(*) FILTER (WHERE ${sideB}) AS nb`];
  numeric.forEach((f, i) => {
    const v = asNumber(f);
    for (const [side, cond] of [['a', sideA], ['b', sideB]] as const) {
      heads.push(`avg(${v}) FILTER (WHERE ${cond}) AS m${side}${i}`, `stddev_samp(${v}) FILTER (WHERE ${cond}) AS s${side}${i}`, `count(${v}) FILTER (WHERE ${cond}) AS k${side}${i}`);
    }
  });
  categorical.forEach((f, i) => heads.push(`approx_count_distinct(${col(f.name)}) AS d${i}`));
  const q = over(src, [`SELECT ${heads.join(', ')}`]);
  const [row] = await ws.query(q.sql, q.params, opts);
  const sizeA = Number(row?.na ?? 0);
  const sizeB = Number(row?.nb ?? 0);
  const features: ApartFeature[] = [];
  numeric.forEach((f, i) => {
    const side = (s: 'a' | 'b') => ({ mean: num(row?.[`m${s}${i}`]), sd: num(row?.[`s${s}${i}`]), values: Number(row?.[`k${s}${i}`] ?? 0) });
    const sa = side('a');
    const sb = side('b');
    const d = standardizedDifference(sa, sb);
    if (!d) { skipped.push({ field: f.name, reason: sa.values === 0 || sb.values === 0 ? 'no values on one side' : 'the same value throughout both sides' }); return; }
    features.push({ field: f.name, kind: 'number', family: f.family as 'number' | 'date' | 'timestamp', effect: d.effect, direction: d.direction, a: sa, b: sb });
  });
  const counted = categorical.filter((f, i) => {
    const distinct = Number(row?.[`d${i}`] ?? 0);
    if (distinct > MAX_APART_DISTINCT) skipped.push({ field: f.name, reason: `about ${distinct.toLocaleString('en-US')} distinct values: no single value can stand out` });
    return distinct <= MAX_APART_DISTINCT;
  });
  if (counted.length) {
    // One grouped query per field, in one statement: value counts on each side (NULL or blank as empty).
    const params: (string | number | boolean | null)[] = [];
    const sql = counted.map((f, i) => {
      const x = col(f.name);
      const v = `CASE WHEN ${x} IS NULL OR trim(CAST(${x} AS VARCHAR), ${BLANK}) = '' THEN NULL ELSE CAST(${x} AS VARCHAR) END`;
      const b = over(src, [`SELECT ${i} AS f, ${v} AS v, count(*) FILTER (WHERE ${sideA}) AS a, count(*) FILTER (WHERE ${sideB}) AS b`], [` WHERE (${sideA}) OR (${sideB}) GROUP BY 2`], params.length + 1);
      params.push(...b.params);
      return b.sql;
    }).join(' UNION ALL ');
    const rows = await ws.query(sql, params, opts);
    counted.forEach((f, i) => {
      const bool = (run.merged.schemas[run.entity.table] ?? []).find((c) => c.name === f.name && typeInfo(c.type).family === 'boolean');
      const counts = rows.filter((r) => Number(r.f) === i).map((r) => ({ value: r.v === null || r.v === undefined ? null : bool ? r.v === 'true' : String(r.v), a: Number(r.a), b: Number(r.b) }));
      const best = largestShareDifference(counts, sizeA, sizeB);
      if (!best) { skipped.push({ field: f.name, reason: 'no rows on one side' }); return; }
      features.push({ field: f.name, kind: 'category', direction: Math.sign((best.shareA ?? 0) - (best.shareB ?? 0)), ...best });
    });
  }
  features.sort((x, y) => y.effect - x.effect || x.field.localeCompare(y.field));
  return { column: a, against, sizeA, sizeB, features, skipped };
}

/** Share of the measure held by the top x% of each column's members (and the whole table's rows). */
export async function concentration(ws: Workspace, run: CompareRun, src: MaskSource, measure: string, opts?: QueryOptions): Promise<ConcentrationResult> {
  await checkMeasures(ws, run, src, [measure]);
  const columns = run.members.length;
  const x = col(measure);
  const pct = CONCENTRATION_POINTS.map((p) => Math.round(p * 100));
  // Rows fan out to each column they are in (and -1, the whole table); ranks within each, value first.
  const fan = `[${[...Array.from({ length: columns }, (_, i) => `CASE WHEN ${bit(src.mask, i)} THEN ${i} END`), '-1'].join(', ')}]`;
  const inner = over(src, [`SELECT unnest(${fan}) AS c, CAST(${x} AS DOUBLE) AS v`], [` WHERE ${x} IS NOT NULL`]);
  const sql = `SELECT c, rn, n, cum, tot FROM (
    SELECT c, row_number() OVER (PARTITION BY c ORDER BY v DESC) AS rn, count(*) OVER (PARTITION BY c) AS n,
      sum(v) OVER (PARTITION BY c ORDER BY v DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum, sum(v) OVER (PARTITION BY c) AS tot
    FROM (${inner.sql}) WHERE c IS NOT NULL
  ) WHERE list_contains(list_transform([${pct.join(', ')}], lambda p: (p * n + 99) // 100), rn)`;
  const rows = await ws.query(sql, inner.params, opts);
  const byCol = new Map<number, Map<number, number>>();
  const totals = new Map<number, number | null>();
  const sizes = new Map<number, number>();
  for (const r of rows) {
    const c = Number(r.c);
    if (!byCol.has(c)) byCol.set(c, new Map());
    byCol.get(c)!.set(Number(r.rn), Number(r.cum));
    totals.set(c, num(r.tot));
    sizes.set(c, Number(r.n));
  }
  const curve = (c: number): (number | null)[] => {
    const n = sizes.get(c) ?? 0;
    const tot = totals.get(c) ?? null;
    return CONCENTRATION_POINTS.map((p) => {
      if (n === 0 || tot === null || tot === 0) return null;
      const k = topCount(p, n);
      // All members hold all of it (the running sum's last bits differ from the total's).
      if (k === n) return 1;
      const cum = byCol.get(c)?.get(k);
      return cum === undefined ? null : cum / tot;
    });
  };
  const at = (cv: (number | null)[], p: number) => cv[CONCENTRATION_POINTS.indexOf(p)] ?? null;
  const tops = (cv: (number | null)[]) => ({ p10: at(cv, 0.1), p20: at(cv, 0.2), p50: at(cv, 0.5) });
  const curves = Array.from({ length: columns }, (_, i) => curve(i));
  const base = curve(-1);
  return {
    measure, points: CONCENTRATION_POINTS, curves, top: curves.map(tops),
    totals: Array.from({ length: columns }, (_, i) => totals.get(i) ?? null),
    baseline: { curve: base, top: tops(base), total: totals.get(-1) ?? null },
  };
}
