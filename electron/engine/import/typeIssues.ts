/**
 * Text columns that are "almost" another type (docs/architecture.md, SPEC §10). A reader types a column as text as soon
 * as
 * one value does not parse ("abc" in an amount, 2026-13-45 in a date), silently. This finds such
 * columns and says so with the bad values' lines, so the user can choose the type (then those cells
 * are rejects with their line and value, or NULL: chosenTypes.ts). A column qualifies when at least
 * two non-blank values parse as one candidate type and at most 5% of them (at least one) do not.
 * Name-like columns are ruled out on a sample first, so they never cost a full scan.
 */
import type { ColumnInfo, TypeIssue } from '../../../shared/api/dataApi';
import type { Session } from '../db/db';
import { quoteIdent, quoteLiteral } from '../db/sql';
import type { RowLocator } from './recordWalker';

export const TRIM = `' \t\r\n'`;
const CANDIDATES = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP'] as const;
const SAMPLE = 20_000;
const EXAMPLES = 3;

export interface ParseOptions {
  dateFormat?: string | null;
  timestampFormat?: string | null;
  decimalComma?: boolean;
}

const INTEGER_TYPES = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'UHUGEINT',
]);

/** SQL: `t` (a trimmed, non-blank text) as `type`, NULL when it does not parse. */
export function parseAs(t: string, type: string, opts: ParseOptions = {}): string {
  const upper = type.toUpperCase();
  // TRY_CAST('29.85' AS BIGINT) rounds instead of failing: integers must look like integers.
  if (INTEGER_TYPES.has(upper))
    return `CASE WHEN regexp_full_match(${t}, '[+-]?[0-9]+') THEN TRY_CAST(${t} AS ${type}) END`;
  if (opts.decimalComma && (upper === 'DOUBLE' || upper === 'FLOAT' || upper === 'REAL' || upper.startsWith('DECIMAL')))
    return `TRY_CAST(replace(${t}, ',', '.') AS ${type})`;
  if (upper === 'DATE' && opts.dateFormat)
    return `TRY_CAST(try_strptime(${t}, ${quoteLiteral(opts.dateFormat)}) AS DATE)`;
  if (upper.startsWith('TIMESTAMP') && opts.timestampFormat)
    return `TRY_CAST(try_strptime(${t}, ${quoteLiteral(opts.timestampFormat)}) AS ${type})`;
  return `TRY_CAST(${t} AS ${type})`;
}

const trimmed = (col: string) => `trim(${quoteIdent(col)}, ${TRIM})`;

/**
 * What values of a type are called: "numbers", "dates"; `exact` for a reject's reason, as precise
 * as the reader's own words ("a whole number" for integer types, see rejectReasons.ts).
 */
export function typeWords(type: string): { one: string; many: string; exact: string } {
  const upper = type.toUpperCase();
  if (INTEGER_TYPES.has(upper)) return { one: 'a number', many: 'numbers', exact: 'a whole number' };
  const words = plainWords(upper, type);
  return { ...words, exact: words.one };
}

function plainWords(upper: string, type: string): { one: string; many: string } {
  if (upper === 'DOUBLE' || upper === 'FLOAT' || upper === 'REAL' || upper.startsWith('DECIMAL'))
    return { one: 'a number', many: 'numbers' };
  if (upper === 'DATE') return { one: 'a date', many: 'dates' };
  if (upper.startsWith('TIMESTAMP')) return { one: 'a date and time', many: 'dates and times' };
  if (upper === 'BOOLEAN') return { one: 'true or false', many: 'true or false' };
  return { one: `a ${type}`, many: `${type} values` };
}

/** "amount: 3 of 5,000 values are not numbers, lines 7, 19, 40" */
export function describeTypeIssue(issue: TypeIssue, unit: 'line' | 'row'): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const words = typeWords(issue.type);
  const verb = issue.bad === 1 ? `values is not ${words.one}` : `values are not ${words.many}`;
  const where = issue.lines.length
    ? `, ${unit}${issue.lines.length > 1 ? 's' : ''} ${issue.lines.join(', ')}${issue.bad > issue.lines.length ? ', …' : ''}`
    : '';
  const examples = issue.examples.length
    ? ` (${issue.examples.map((e) => `'${e.length > 40 ? `${e.slice(0, 40)}…` : e}'`).join(', ')})`
    : '';
  return `${issue.column}: ${n(issue.bad)} of ${n(issue.values)} ${verb}${issue.sampled ? ` in the first ${n(SAMPLE_ROWS_PREVIEW)} rows` : ''}${where}${examples}`;
}

/** Rows a preview reads for its counts. */
export const SAMPLE_ROWS_PREVIEW = 100_000;

/**
 * Near-typed text columns of `relation` (a table in file order), with the first bad rows by their
 * position (`ordinalOf`: SQL for it, see rowOrdinal; asked for only when there is an issue).
 */
export async function findTypeIssues(
  s: Session,
  relation: string,
  ordinalOf: () => Promise<string | null>,
  columns: readonly ColumnInfo[],
  opts: ParseOptions = {},
): Promise<(Omit<TypeIssue, 'lines' | 'sampled'> & { rowids: number[] })[]> {
  const text = columns.filter((c) => c.type === 'VARCHAR');
  if (!text.length) return [];
  const counts = (cols: readonly ColumnInfo[]) =>
    cols.flatMap((c, i) => {
      const t = trimmed(c.name);
      return [
        `count(*) FILTER (WHERE ${t} <> '') AS v${i}`,
        ...CANDIDATES.map(
          (ty, k) => `count(*) FILTER (WHERE ${t} <> '' AND (${parseAs(t, ty, opts)}) IS NULL) AS f${i}_${k}`,
        ),
      ];
    });
  const best = (row: Record<string, unknown> | undefined, i: number) => {
    const values = Number(row?.[`v${i}`] ?? 0);
    let k = 0;
    for (let j = 1; j < CANDIDATES.length; j++) if (Number(row?.[`f${i}_${j}`]) < Number(row?.[`f${i}_${k}`])) k = j;
    return { values, bad: Number(row?.[`f${i}_${k}`] ?? 0), type: CANDIDATES[k]! };
  };
  // On samples: more than 20% failing rules a column out (a name, an email, a free-text note). A
  // failed cast costs DuckDB an error message, so a small sample first rules most such columns out.
  let likely = text;
  for (const size of [500, SAMPLE]) {
    const [sample] = await s.query(
      `SELECT ${counts(likely).join(', ')} FROM (SELECT * FROM ${relation} LIMIT ${size})`,
    );
    likely = likely.filter((_, i) => {
      const b = best(sample, i);
      // Too few values to judge (a column blank at the top) stays in for the full count.
      return b.values < 10 || b.bad <= b.values * 0.2;
    });
    if (!likely.length) return [];
  }
  const [full] = await s.query(`SELECT ${counts(likely).join(', ')} FROM ${relation}`);
  const out: (Omit<TypeIssue, 'lines' | 'sampled'> & { rowids: number[] })[] = [];
  for (const [i, c] of likely.entries()) {
    const b = best(full, i);
    if (b.bad < 1 || b.values - b.bad < 2 || b.bad > Math.max(1, Math.floor(b.values * 0.05))) continue;
    const t = trimmed(c.name);
    const where = `${t} <> '' AND (${parseAs(t, b.type, opts)}) IS NULL`;
    const ordinal = await ordinalOf();
    const rows = await s.query(
      ordinal
        ? `SELECT ${ordinal} AS r, ${t} AS v FROM ${relation} WHERE ${where} ORDER BY rowid LIMIT ${EXAMPLES}`
        : `SELECT NULL AS r, ${t} AS v FROM ${relation} WHERE ${where} LIMIT ${EXAMPLES}`,
    );
    out.push({
      column: c.name,
      type: b.type,
      bad: b.bad,
      values: b.values,
      examples: [...new Set(rows.map((r) => String(r.v)))],
      rowids: ordinal ? rows.map((r) => Number(r.r)) : [],
    });
  }
  return out;
}

/** Fill in the lines of each issue's first bad rows (one walk of the file for all of them). */
export async function withLines(
  issues: readonly (Omit<TypeIssue, 'lines' | 'sampled'> & { rowids: number[] })[],
  locator: RowLocator,
  userLine: (l: number) => number,
  sampled: boolean,
): Promise<TypeIssue[]> {
  const found = await locator.locate(issues.flatMap((i) => i.rowids));
  return issues.map(({ rowids, ...issue }) => ({
    ...issue,
    lines: rowids
      .map((r) => found.get(r)?.line)
      .filter((l): l is number => l !== undefined)
      .map(userLine),
    sampled,
  }));
}
