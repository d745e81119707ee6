/**
 * The queries of a comparison, each over the run's mask source (`FROM <from> AS e`, see
 * maskTable.ts): the mask scan (rows and measure sums per bitmask: counts, overlaps, KPIs), one
 * median query per measure, the distribution, what sets a column apart and the concentration (the
 * breakdown is breakdown.ts). Values travel as parameters; names are quoted after the caller checked them.
 */
import type {
  ApartFeature,
  ApartResult,
  BoxStats,
  ConcentrationResult,
  DistributionResult,
} from '../../../shared/api/compareApi';
import { ApiError } from '../../../shared/api/protocol';
import { param } from '../../../shared/segments/compiler';
import { collectReads } from '../../../shared/segments/compat';
import { typeInfo } from '../../../shared/segments/types';
import type { QueryOptions, Workspace } from '../workspace/workspace';
import type { CompareRun } from './compareRun';
import {
  CONCENTRATION_POINTS,
  largestShareDifference,
  niceBins,
  standardizedDifference,
  topCount,
  type MaskGroup,
} from './compareShape';
import type { MaskSource } from './maskTable';
import { BLANK, bit, checkMeasures, col, fieldFamily, num, over } from './maskSql';

/** Text columns with more distinct values are left out of "what sets it apart" (no value can stand out). */
export const MAX_APART_DISTINCT = 1000;

/** Rows and, per measure, the sum and non-NULL values of every membership bitmask (one scan). */
export async function maskGroups(
  ws: Workspace,
  src: MaskSource,
  measures: readonly string[],
  opts?: QueryOptions,
): Promise<MaskGroup[]> {
  const heads = measures.flatMap((m, i) => [
    `, CAST(sum(${col(m)}) AS DOUBLE) AS s${i}`,
    `, count(${col(m)}) AS c${i}`,
  ]);
  const q = over(src, [`SELECT e.${src.mask} AS m, count(*) AS n`, ...heads], [' GROUP BY 1']);
  const rows = await ws.query(q.sql, q.params, opts);
  return rows.map((r) => ({
    mask: Number(r.m),
    rows: Number(r.n),
    sums: measures.map((_, i) => num(r[`s${i}`])),
    values: measures.map((_, i) => Number(r[`c${i}`] ?? 0)),
  }));
}

/** DuckDB's median() of a measure per column, over the whole table, and over the rest of column 0. */
export async function medians(
  ws: Workspace,
  src: MaskSource,
  measure: string,
  columns: number,
  opts?: QueryOptions,
): Promise<{ columns: (number | null)[]; baseline: number | null; rest: number | null }> {
  const x = col(measure);
  const heads = Array.from(
    { length: columns },
    (_, i) => `CAST(median(${x}) FILTER (WHERE ${bit(src.mask, i)}) AS DOUBLE) AS c${i}, `,
  );
  const q = over(src, [
    'SELECT ',
    ...heads,
    `CAST(median(${x}) AS DOUBLE) AS b, CAST(median(${x}) FILTER (WHERE NOT ${bit(src.mask, 0)}) AS DOUBLE) AS r`,
  ]);
  const [row] = await ws.query(q.sql, q.params, opts);
  return {
    columns: Array.from({ length: columns }, (_, i) => num(row?.[`c${i}`])),
    baseline: num(row?.b),
    rest: num(row?.r),
  };
}

/** Box (exact quartiles, quantile_cont) per column and for the whole table, and a shared-bin histogram. */
export async function distribution(
  ws: Workspace,
  run: CompareRun,
  src: MaskSource,
  measure: string,
  bins: number,
  opts?: QueryOptions,
): Promise<DistributionResult> {
  await checkMeasures(ws, run, src, [measure]);
  const x = `CAST(${col(measure)} AS DOUBLE)`;
  const columns = run.members.length;
  const boxHead = (filter: string, p: string) =>
    `count(${x})${filter} AS ${p}n, min(${x})${filter} AS ${p}lo, max(${x})${filter} AS ${p}hi, quantile_cont(${x}, [0.25, 0.5, 0.75])${filter} AS ${p}q`;
  const heads = [
    ...Array.from({ length: columns }, (_, i) => boxHead(` FILTER (WHERE ${bit(src.mask, i)})`, `c${i}_`)),
    boxHead('', 'b_'),
  ];
  const inner = over(src, [`SELECT ${heads.join(', ')}`]);
  const unq = (p: string) => `${p}n, ${p}lo, ${p}hi, ${p}q[1] AS ${p}q1, ${p}q[2] AS ${p}q2, ${p}q[3] AS ${p}q3`;
  const [row] = await ws.query(
    `SELECT ${[...Array.from({ length: columns }, (_, i) => unq(`c${i}_`)), unq('b_')].join(', ')} FROM (${inner.sql})`,
    inner.params,
    opts,
  );
  const box = (p: string): BoxStats => ({
    values: Number(row?.[`${p}n`] ?? 0),
    min: num(row?.[`${p}lo`]),
    q1: num(row?.[`${p}q1`]),
    median: num(row?.[`${p}q2`]),
    q3: num(row?.[`${p}q3`]),
    max: num(row?.[`${p}hi`]),
  });
  const baseBox = box('b_');
  const { edges, step } =
    baseBox.min === null || baseBox.max === null
      ? { edges: [0, 1], step: 1 }
      : niceBins(baseBox.min, baseBox.max, bins);
  const n = edges.length - 1;
  const hq = over(
    src,
    [
      `SELECT e.${src.mask} AS m, least(greatest(CAST(floor((${x} - `,
      param(edges[0]!, 'DOUBLE'),
      ') / ',
      param(step, 'DOUBLE'),
      ` + 1e-9) AS BIGINT), 0), ${n - 1}) AS c, count(*) AS k`,
    ],
    [` WHERE ${col(measure)} IS NOT NULL GROUP BY 1, 2`],
  );
  const hist = await ws.query(hq.sql, hq.params, opts);
  const histograms = Array.from({ length: columns }, () => Array.from({ length: n }, () => 0));
  const baseline = Array.from({ length: n }, () => 0);
  for (const r of hist) {
    const c = Number(r.c);
    const k = Number(r.k);
    baseline[c]! += k;
    for (let i = 0; i < columns; i++) if ((Number(r.m) & (1 << i)) !== 0) histograms[i]![c]! += k;
  }
  return {
    measure,
    edges,
    histograms,
    boxes: Array.from({ length: columns }, (_, i) => box(`c${i}_`)),
    baseline: { histogram: baseline, box: baseBox },
  };
}

/** Every column and metric of the run ranked by effect size: column `a` against the rest or column `b`. */
export async function apart(
  ws: Workspace,
  run: CompareRun,
  src: MaskSource,
  a: number,
  against: 'rest' | number,
  opts?: QueryOptions,
): Promise<ApartResult> {
  const columns = run.members.length;
  if (a >= columns || (against !== 'rest' && (against >= columns || against === a))) {
    throw new ApiError(
      'usage',
      `"What sets it apart" compares two different columns of the comparison (it has ${columns}).`,
    );
  }
  const sideA = bit(src.mask, a);
  const sideB = against === 'rest' ? `NOT ${sideA}` : bit(src.mask, against);
  const fields: { name: string; family: 'number' | 'date' | 'timestamp' | 'category' }[] = [];
  const skipped: ApartResult['skipped'] = [];
  const names = [...(run.merged.schemas[run.entity.table] ?? []).map((c) => c.name), ...run.metrics.keys()];
  for (const name of names) {
    if (name === run.entity.key) {
      skipped.push({ field: name, reason: 'the key: unique per row' });
      continue;
    }
    const fam = await fieldFamily(ws, run, src, name);
    if (fam === 'other') skipped.push({ field: name, reason: 'lists or structures' });
    else fields.push({ name, family: fam === 'text' || fam === 'boolean' ? 'category' : fam });
  }
  const numeric = fields.filter((f) => f.family !== 'category');
  const categorical = fields.filter((f) => f.family === 'category');
  const asNumber = (f: { name: string; family: string }) =>
    f.family === 'number'
      ? `CAST(${col(f.name)} AS DOUBLE)`
      : f.family === 'date'
        ? `CAST(date_diff('day', DATE '1970-01-01', ${col(f.name)}) AS DOUBLE)`
        : `epoch(${col(f.name)}) / 86400.0`;
  const heads = [`count(*) FILTER (WHERE ${sideA}) AS na`, `count(*) FILTER (WHERE ${sideB}) AS nb`];
  numeric.forEach((f, i) => {
    const v = asNumber(f);
    for (const [side, cond] of [
      ['a', sideA],
      ['b', sideB],
    ] as const) {
      heads.push(
        `avg(${v}) FILTER (WHERE ${cond}) AS m${side}${i}`,
        `stddev_samp(${v}) FILTER (WHERE ${cond}) AS s${side}${i}`,
        `count(${v}) FILTER (WHERE ${cond}) AS k${side}${i}`,
      );
    }
  });
  categorical.forEach((f, i) => heads.push(`approx_count_distinct(${col(f.name)}) AS d${i}`));
  const q = over(src, [`SELECT ${heads.join(', ')}`]);
  const [row] = await ws.query(q.sql, q.params, opts);
  const sizeA = Number(row?.na ?? 0);
  const sizeB = Number(row?.nb ?? 0);
  const features: ApartFeature[] = [];
  numeric.forEach((f, i) => {
    const side = (s: 'a' | 'b') => ({
      mean: num(row?.[`m${s}${i}`]),
      sd: num(row?.[`s${s}${i}`]),
      values: Number(row?.[`k${s}${i}`] ?? 0),
    });
    const sa = side('a');
    const sb = side('b');
    const d = standardizedDifference(sa, sb);
    if (!d) {
      skipped.push({
        field: f.name,
        reason: sa.values === 0 || sb.values === 0 ? 'no values on one side' : 'the same value throughout both sides',
      });
      return;
    }
    features.push({
      field: f.name,
      kind: 'number',
      family: f.family as 'number' | 'date' | 'timestamp',
      effect: d.effect,
      direction: d.direction,
      a: sa,
      b: sb,
    });
  });
  const counted = categorical.filter((f, i) => {
    const distinct = Number(row?.[`d${i}`] ?? 0);
    if (distinct > MAX_APART_DISTINCT)
      skipped.push({
        field: f.name,
        reason: `about ${distinct.toLocaleString('en-US')} distinct values: no single value can stand out`,
      });
    return distinct <= MAX_APART_DISTINCT;
  });
  if (counted.length) {
    // One grouped query per field, in one statement: value counts on each side (NULL or blank as empty).
    const params: (string | number | boolean | null)[] = [];
    const sql = counted
      .map((f, i) => {
        const x = col(f.name);
        const v = `CASE WHEN ${x} IS NULL OR trim(CAST(${x} AS VARCHAR), ${BLANK}) = '' THEN NULL ELSE CAST(${x} AS VARCHAR) END`;
        const b = over(
          src,
          [`SELECT ${i} AS f, ${v} AS v, count(*) FILTER (WHERE ${sideA}) AS a, count(*) FILTER (WHERE ${sideB}) AS b`],
          [` WHERE (${sideA}) OR (${sideB}) GROUP BY 2`],
          params.length + 1,
        );
        for (const v of b.params) params.push(v);
        return b.sql;
      })
      .join(' UNION ALL ');
    const rows = await ws.query(sql, params, opts);
    counted.forEach((f, i) => {
      const bool = (run.merged.schemas[run.entity.table] ?? []).find(
        (c) => c.name === f.name && typeInfo(c.type).family === 'boolean',
      );
      const counts = rows
        .filter((r) => Number(r.f) === i)
        .map((r) => ({
          value: r.v === null || r.v === undefined ? null : bool ? r.v === 'true' : String(r.v),
          a: Number(r.a),
          b: Number(r.b),
        }));
      const best = largestShareDifference(counts, sizeA, sizeB);
      if (!best) {
        skipped.push({ field: f.name, reason: 'no rows on one side' });
        return;
      }
      features.push({
        field: f.name,
        kind: 'category',
        direction: Math.sign((best.shareA ?? 0) - (best.shareB ?? 0)),
        ...best,
      });
    });
  }
  features.sort((x, y) => y.effect - x.effect || x.field.localeCompare(y.field));
  const own = definitionFields(run, against === 'rest' ? [a] : [a, against]);
  for (const f of features) f.inDefinition = own.has(f.field);
  return { column: a, against, sizeA, sizeB, features, skipped };
}

/**
 * The entity fields the columns' definitions read (their rules, their metrics' sources) and the
 * metrics they define: a large effect on one of those restates the definition, not a finding.
 */
function definitionFields(run: CompareRun, columns: readonly number[]): Set<string> {
  const out = new Set<string>();
  for (const i of columns) {
    const member = run.members[i];
    if (!member) continue;
    const def = member.loaded.definition;
    for (const c of collectReads(def, member.ctx.sqlExprs).get(run.entity.table) ?? []) out.add(c);
    if (Array.isArray(def.metrics)) for (const m of def.metrics) out.add(m.name);
  }
  return out;
}

/** Share of the measure held by the top x% of each column's members (and the whole table's rows). */
export async function concentration(
  ws: Workspace,
  run: CompareRun,
  src: MaskSource,
  measure: string,
  opts?: QueryOptions,
): Promise<ConcentrationResult> {
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
    measure,
    points: CONCENTRATION_POINTS,
    curves,
    top: curves.map(tops),
    totals: Array.from({ length: columns }, (_, i) => totals.get(i) ?? null),
    baseline: { curve: base, top: tops(base), total: totals.get(-1) ?? null },
  };
}
