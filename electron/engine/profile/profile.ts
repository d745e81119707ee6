/**
 * Column profiles (docs/architecture.md, SPEC §11.5): one column at a time, exact (rows, NULLs, exact distinct of
 * non-NULL
 * values, min/max), plus a histogram for numbers, dates and timestamps (equal-width bins over
 * [min, max]) or the top values for everything else. Header summaries are the cheap variant for
 * every column at once, on a sample (never a whole-table SUMMARIZE).
 */
import type { CellValue, ColumnInfo, ColumnProfile, HeaderSummary, TopValues } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import { familyOf } from '../../../shared/segments/types';
import type { Session } from '../db/db';
import { quoteIdent } from '../db/sql';
import { VIEW_CACHE_DB, type Workspace } from '../workspace/workspace';

const BINS = 20;
const TOP = 10;

export type Kind = 'number' | 'temporal' | 'other';
/** How a column is profiled, from the one type-family table (shared/segments/types.ts). */
export function kindOf(type: string): Kind {
  const family = familyOf(type);
  return family === 'number' ? 'number' : family === 'date' || family === 'timestamp' ? 'temporal' : 'other';
}

/** Numeric expression of a column for binning: numbers as DOUBLE, dates/timestamps as epoch ms. */
function binExpr(c: string, kind: Kind): string {
  return kind === 'number' ? `CAST(${c} AS DOUBLE)` : `CAST(epoch_ms(CAST(${c} AS TIMESTAMP)) AS DOUBLE)`;
}

function fromBin(x: number, type: string, kind: Kind): CellValue {
  if (kind === 'number') return x;
  const iso = new Date(Math.round(x)).toISOString();
  return type === 'DATE' ? iso.slice(0, 10) : iso;
}

async function histogram(
  s: Session,
  relation: string,
  c: string,
  type: string,
  kind: Kind,
  bins: number,
  opts: { jobId?: string } = {},
): Promise<{ lo: CellValue; hi: CellValue; count: number }[]> {
  const x = binExpr(c, kind);
  const [r] = await s.query(
    `SELECT min(${x}) AS lo, max(${x}) AS hi FROM ${relation} WHERE ${c} IS NOT NULL AND isfinite(${x})`,
  );
  const lo = r?.lo;
  const hi = r?.hi;
  if (typeof lo !== 'number' || typeof hi !== 'number') return [];
  const width = hi > lo ? (hi - lo) / bins : 1;
  // GROUP BY binds a table column before a select alias: by position, so a column named b is no bin.
  const n = hi > lo ? bins : 1;
  const rows = await s.query(
    `SELECT least(CAST(floor((${x} - $1) / $2) AS INTEGER), $3 - 1) AS b, count(*) AS n FROM ${relation} WHERE ${c} IS NOT NULL AND isfinite(${x}) GROUP BY 1 ORDER BY 1`,
    [lo, width, n],
    opts,
  );
  const counts = new Map(rows.map((row) => [Number(row.b), Number(row.n)]));
  return Array.from({ length: n }, (_, i) => ({
    lo: fromBin(lo + i * width, type, kind),
    hi: fromBin(i === n - 1 ? hi : lo + (i + 1) * width, type, kind),
    count: counts.get(i) ?? 0,
  }));
}

/**
 * `rows`: the rows to profile when not the whole snapshot (the grid's view: its filters and members),
 * a relation with the snapshot's columns (ViewCache.relation).
 */
export async function profileColumn(
  ws: Workspace,
  table: string,
  column: string,
  snapshot?: string,
  jobId?: string,
  rows?: string,
): Promise<ColumnProfile> {
  const snap = await ws.resolveSnapshot(table, snapshot);
  const columns = await ws.columns(snap.relation);
  const relation = rows ?? snap.relation;
  const col = columns.find((c) => c.name === column);
  if (!col) throw new ApiError('not_found', `Table '${table}' has no column '${column}' (names are case-sensitive).`);
  const c = quoteIdent(col.name);
  const kind = kindOf(col.type);
  return ws.withSession(async (s) => {
    const [r] = await s.query(
      `SELECT count(*) AS rows, count(*) - count(${c}) AS nulls, count(DISTINCT ${c}) AS distinct, min(${c}) AS min, max(${c}) AS max FROM ${relation}`,
      [],
      { jobId },
    );
    const profile: ColumnProfile = {
      name: col.name,
      type: col.type,
      rows: Number(r?.rows ?? 0),
      nulls: Number(r?.nulls ?? 0),
      distinct: Number(r?.distinct ?? 0),
      min: r?.min ?? null,
      max: r?.max ?? null,
    };
    s.checkCancelled();
    if (kind !== 'other') profile.histogram = await histogram(s, relation, c, col.type, kind, BINS);
    else {
      const top = await s.query(
        `SELECT ${c} AS v, count(*) AS n FROM ${relation} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY n DESC, v LIMIT ${TOP}`,
      );
      profile.top = top.map((t) => ({ value: t.v ?? null, count: Number(t.n) }));
    }
    return profile;
  }, jobId);
}

/** Past this many rows, top values come from a sample of about this many. */
const TOP_SAMPLE_ROWS = 200_000;

/**
 * Most frequent non-NULL values of one column, for suggestions while typing a rule: exact up to
 * TOP_SAMPLE_ROWS rows, else from a system sample of about that many (whole vectors: a few ms at
 * 10M rows, where an exact GROUP BY of a unique id column takes seconds and competes with the
 * live count). On a sample a value must be seen twice: a unique id column suggests nothing.
 */
export async function topValues(
  ws: Workspace,
  table: string,
  column: string,
  limit: number,
  snapshot?: string,
  jobId?: string,
): Promise<TopValues> {
  const snap = await ws.resolveSnapshot(table, snapshot);
  const col = (await ws.columns(snap.relation)).find((c) => c.name === column);
  if (!col) throw new ApiError('not_found', `Table '${table}' has no column '${column}' (names are case-sensitive).`);
  const c = quoteIdent(col.name);
  const sampled = snap.rows > TOP_SAMPLE_ROWS;
  const from = sampled
    ? `(SELECT ${c} FROM ${snap.relation} USING SAMPLE ${((TOP_SAMPLE_ROWS / snap.rows) * 100).toFixed(4)}% (system, 42))`
    : snap.relation;
  return ws.withSession(async (s) => {
    const rows = await s.query(
      `SELECT ${c} AS v, count(*) AS n FROM ${from} WHERE ${c} IS NOT NULL GROUP BY ${c} ${sampled ? 'HAVING count(*) > 1 ' : ''}ORDER BY n DESC, v LIMIT $1`,
      [limit],
      { jobId },
    );
    const [r] = sampled ? await s.query(`SELECT count(*) AS n FROM ${from}`) : [{ n: snap.rows }];
    return { values: rows.map((t) => ({ value: t.v ?? null, count: Number(t.n) })), rows: Number(r?.n ?? 0), sampled };
  }, jobId);
}

const SAMPLE_ROWS = 20_000;
const BARS = 12;

export async function headerSummaries(ws: Workspace, table: string, snapshot?: string): Promise<HeaderSummary[]> {
  const snap = await ws.resolveSnapshot(table, snapshot);
  const columns: ColumnInfo[] = await ws.columns(snap.relation);
  const sample = `${VIEW_CACHE_DB}.${quoteIdent(`hs_${Math.random().toString(36).slice(2)}`)}`;
  return ws.withSession(async (s) => {
    // System sampling reads whole vectors: cheap on big tables; small tables are read whole.
    const pct = snap.rows > SAMPLE_ROWS ? Math.max(0.01, (SAMPLE_ROWS / snap.rows) * 100) : 100;
    const from = pct < 100 ? `${snap.relation} USING SAMPLE ${pct.toFixed(4)}% (system, 42)` : snap.relation;
    await s.run(`CREATE TABLE ${sample} AS SELECT * FROM ${from}`);
    try {
      const [tot] = await s.query(`SELECT count(*) AS n FROM ${sample}`);
      const total = Number(tot?.n ?? 0);
      const out: HeaderSummary[] = [];
      for (const col of columns) {
        const c = quoteIdent(col.name);
        const kind = kindOf(col.type);
        const [nn] = await s.query(`SELECT count(${c}) AS n FROM ${sample}`);
        const nonNull = Number(nn?.n ?? 0);
        let counts: number[];
        if (kind === 'other') {
          const top = await s.query(
            `SELECT count(*) AS n FROM ${sample} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY n DESC LIMIT ${BARS}`,
          );
          counts = top.map((t) => Number(t.n));
        } else {
          counts = (await histogram(s, sample, c, col.type, kind, BARS)).map((h) => h.count);
        }
        const max = Math.max(0, ...counts);
        out.push({
          name: col.name,
          type: col.type,
          bars: counts.map((n) => (max ? n / max : 0)),
          nullShare: total ? (total - nonNull) / total : 0,
        });
      }
      return out;
    } finally {
      await s.run(`DROP TABLE IF EXISTS ${sample}`);
    }
  });
}
