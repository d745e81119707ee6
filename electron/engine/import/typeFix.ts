/**
 * Blank-aware typing (SPEC §10): real exports write " " for a missing number, which makes a reader
 * type the whole column as text. A VARCHAR column that has blank or whitespace-only cells and whose
 * other values all parse as BIGINT, DOUBLE, DATE or TIMESTAMP becomes that type, blanks as NULL.
 * One aggregate pass over the candidate columns decides; one ALTER per converted column applies.
 */
import type { ColumnInfo } from '../../../shared/api/dataApi';
import type { Session } from '../db';
import { quoteIdent } from '../db/sql';

const CANDIDATES = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP'] as const;
/** Whitespace per SPEC §3 isEmpty: spaces, tabs, CR and LF. */
const TRIM = `' \t\r\n'`;

export async function fixBlankTypedColumns(s: Session, relation: string, columns: ColumnInfo[]): Promise<{ converted: ColumnInfo[]; blanksAsNull: Record<string, number> }> {
  const text = columns.filter((c) => c.type === 'VARCHAR');
  const blanksAsNull: Record<string, number> = {};
  if (!text.length) return { converted: columns, blanksAsNull };
  const parts: string[] = [];
  text.forEach((c, i) => {
    const t = `trim(${quoteIdent(c.name)}, ${TRIM})`;
    parts.push(`count(*) FILTER (WHERE ${quoteIdent(c.name)} IS NOT NULL AND ${t} = '') AS b${i}`);
    parts.push(`count(*) FILTER (WHERE ${t} <> '') AS v${i}`);
    CANDIDATES.forEach((ty, k) => {
      // TRY_CAST('29.85' AS BIGINT) rounds instead of failing: integers must look like integers.
      const fails = ty === 'BIGINT' ? `NOT regexp_full_match(${t}, '[+-]?[0-9]+') OR TRY_CAST(${t} AS BIGINT) IS NULL` : `TRY_CAST(${t} AS ${ty}) IS NULL`;
      parts.push(`count(*) FILTER (WHERE ${t} <> '' AND (${fails})) AS f${i}_${k}`);
    });
  });
  const [agg] = await s.query(`SELECT ${parts.join(', ')} FROM ${relation}`);
  const types = new Map(columns.map((c) => [c.name, c.type]));
  for (const [i, c] of text.entries()) {
    const blanks = Number(agg?.[`b${i}`] ?? 0);
    const values = Number(agg?.[`v${i}`] ?? 0);
    if (blanks === 0 || values === 0) continue;
    const k = CANDIDATES.findIndex((_, kk) => Number(agg?.[`f${i}_${kk}`] ?? 1) === 0);
    if (k < 0) continue;
    const ty = CANDIDATES[k]!;
    const col = quoteIdent(c.name);
    await s.run(`ALTER TABLE ${relation} ALTER COLUMN ${col} SET DATA TYPE ${ty} USING CAST(nullif(trim(${col}, ${TRIM}), '') AS ${ty})`);
    types.set(c.name, ty);
    blanksAsNull[c.name] = blanks;
  }
  return { converted: columns.map((c) => ({ name: c.name, type: types.get(c.name) ?? c.type })), blanksAsNull };
}
