/**
 * Key uniqueness (SPEC §10): the given key column, else a guessed one (a column named `id` or ending
 * in `id`/`_id`/`ID`), is checked for duplicates; duplicates are reported, never dropped.
 */
import type { ColumnInfo, ImportReport } from '../../../shared/api/dataApi';
import type { Session } from '../db';
import { quoteIdent } from '../db/sql';
import { badInput } from './errors';

export function guessKey(columns: ColumnInfo[]): string | undefined {
  return columns.find((c) => /^id$|_id$|Id$|ID$/.test(c.name))?.name;
}

export async function checkKey(s: Session, relation: string, columns: ColumnInfo[], key: string | undefined, fileName: string): Promise<ImportReport['duplicateKeys']> {
  if (key !== undefined && !columns.some((c) => c.name === key)) {
    throw badInput(fileName, `has no key column '${key}'`, `Its columns are ${columns.map((c) => c.name).join(', ')}.`);
  }
  const column = key ?? guessKey(columns);
  if (column === undefined) return undefined;
  const k = quoteIdent(column);
  const [r] = await s.query(`SELECT count(${k}) - count(DISTINCT ${k}) AS dups FROM ${relation}`);
  const count = Number(r?.dups ?? 0);
  const examples = count > 0
    ? (await s.query(`SELECT CAST(${k} AS VARCHAR) AS v FROM ${relation} WHERE ${k} IS NOT NULL GROUP BY ${k} HAVING count(*) > 1 ORDER BY count(*) DESC, v LIMIT 5`)).map((x) => String(x.v))
    : [];
  return { column, count, examples };
}
