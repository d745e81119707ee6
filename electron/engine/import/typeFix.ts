/**
 * Blank-aware typing (docs/architecture.md, SPEC §10): real exports write " " for a missing number, which makes a
 * reader
 * type the whole column as text. A VARCHAR column that has blank or whitespace-only cells and whose
 * other values all parse as BIGINT, DOUBLE, DATE or TIMESTAMP becomes that type, blanks as NULL.
 * A cheap pass finds text columns with blanks; a second, over those only, checks the parses;
 * one ALTER per converted column applies.
 */
import type { ColumnInfo } from '../../../shared/api/dataApi';
import type { Session } from '../db/db';
import { quoteIdent } from '../db/sql';

const CANDIDATES = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP'] as const;
/** Whitespace per docs/rules.md, SPEC §3 isEmpty: spaces, tabs, CR and LF. */
const TRIM = `' \t\r\n'`;
const SAMPLE = 20_000;

export async function fixBlankTypedColumns(
  s: Session,
  relation: string,
  columns: ColumnInfo[],
): Promise<{ converted: ColumnInfo[]; blanksAsNull: Record<string, number> }> {
  const textColumns = columns.filter((c) => c.type === 'VARCHAR');
  const blanksAsNull: Record<string, number> = {};
  if (!textColumns.length) return { converted: columns, blanksAsNull };
  // Pass 0, on the first rows only: a column with a value no candidate parses stays text, so
  // name-like columns never cost a full scan. (Exact: such a value disqualifies the column.) A failed
  // cast is costly (DuckDB builds its error message), so 500 rows rule most columns out first.
  let text = textColumns;
  for (const size of [500, SAMPLE]) {
    const sampleParts = text.map((c, i) => {
      const t = `trim(${quoteIdent(c.name)}, ${TRIM})`;
      return `count(*) FILTER (WHERE ${t} <> '' AND ${CANDIDATES.map((ty) => `TRY_CAST(${t} AS ${ty}) IS NULL`).join(' AND ')}) AS x${i}`;
    });
    const [sampleRow] = await s.query(
      `SELECT ${sampleParts.join(', ')} FROM (SELECT * FROM ${relation} LIMIT ${size})`,
    );
    text = text.filter((_, i) => Number(sampleRow?.[`x${i}`] ?? 1) === 0);
    if (!text.length) return { converted: columns, blanksAsNull };
  }
  // Pass 1: which remaining text columns hold blank or whitespace-only cells at all.
  const blankParts = text.map(
    (c, i) =>
      `count(*) FILTER (WHERE ${quoteIdent(c.name)} IS NOT NULL AND trim(${quoteIdent(c.name)}, ${TRIM}) = '') AS b${i}`,
  );
  const [blankRow] = await s.query(`SELECT ${blankParts.join(', ')} FROM ${relation}`);
  const withBlanks = text.map((c, i) => ({ c, blanks: Number(blankRow?.[`b${i}`] ?? 0) })).filter((x) => x.blanks > 0);
  if (!withBlanks.length) return { converted: columns, blanksAsNull };
  // Pass 2, only over those columns: does every non-blank value parse as a candidate type?
  const parts: string[] = [];
  withBlanks.forEach(({ c }, i) => {
    const t = `trim(${quoteIdent(c.name)}, ${TRIM})`;
    parts.push(`count(*) FILTER (WHERE ${t} <> '') AS v${i}`);
    CANDIDATES.forEach((ty, k) => {
      // TRY_CAST('29.85' AS BIGINT) rounds instead of failing: integers must look like integers.
      const fails =
        ty === 'BIGINT'
          ? `NOT regexp_full_match(${t}, '[+-]?[0-9]+') OR TRY_CAST(${t} AS BIGINT) IS NULL`
          : `TRY_CAST(${t} AS ${ty}) IS NULL`;
      parts.push(`count(*) FILTER (WHERE ${t} <> '' AND (${fails})) AS f${i}_${k}`);
    });
  });
  const [agg] = await s.query(`SELECT ${parts.join(', ')} FROM ${relation}`);
  const types = new Map(columns.map((c) => [c.name, c.type]));
  for (const [i, { c, blanks }] of withBlanks.entries()) {
    const values = Number(agg?.[`v${i}`] ?? 0);
    if (values === 0) continue;
    const k = CANDIDATES.findIndex((_, kk) => Number(agg?.[`f${i}_${kk}`] ?? 1) === 0);
    if (k < 0) continue;
    const ty = CANDIDATES[k]!;
    const col = quoteIdent(c.name);
    await s.run(
      `ALTER TABLE ${relation} ALTER COLUMN ${col} SET DATA TYPE ${ty} USING CAST(nullif(trim(${col}, ${TRIM}), '') AS ${ty})`,
    );
    types.set(c.name, ty);
    blanksAsNull[c.name] = blanks;
  }
  return { converted: columns.map((c) => ({ name: c.name, type: types.get(c.name) ?? c.type })), blanksAsNull };
}
