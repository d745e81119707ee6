/**
 * Key uniqueness (docs/architecture.md, SPEC §10): the given key column, else a guessed one (a column named `id` or
 * ending
 * in `id`/`_id`/`ID`), is checked for duplicates; duplicates are reported, never dropped.
 */
import type { ColumnInfo, ImportReport } from '../../../shared/api/dataApi';
import type { Session } from '../db/db';
import { quoteIdent } from '../db/sql';
import { badInput } from './errors';

export function guessKey(columns: ColumnInfo[]): string | undefined {
  return columns.find((c) => /^id$|_id$|Id$|ID$/.test(c.name))?.name;
}

/** The key column to check: the given one (which must exist) or a guessed one. */
export function keyColumn(columns: ColumnInfo[], key: string | undefined, fileName: string): string | undefined {
  if (key !== undefined && !columns.some((c) => c.name === key)) {
    throw badInput(fileName, `has no key column '${key}'`, `Its columns are ${columns.map((c) => c.name).join(', ')}.`);
  }
  return key ?? guessKey(columns);
}

/**
 * SQL aggregate for a combined scan (alias `dups`): 0 proves the key unique. It counts distinct
 * hashes (cheaper than distinct strings); equal keys have equal hashes, so 0 is exact, and a
 * positive value (a duplicate or, rarely, a hash collision) is confirmed exactly by keyReport.
 */
export function duplicatesAggregate(column: string): string {
  const k = quoteIdent(column);
  return `count(${k}) - count(DISTINCT hash(${k})) FILTER (WHERE ${k} IS NOT NULL) AS dups`;
}

/** The report entry for `column`, given `dups` from duplicatesAggregate (recounted exactly when > 0). */
export async function keyReport(
  s: Session,
  relation: string,
  column: string,
  hashDups: number,
): Promise<NonNullable<ImportReport['duplicateKeys']>> {
  const k = quoteIdent(column);
  let count = hashDups;
  if (count > 0) {
    const [r] = await s.query(`SELECT count(${k}) - count(DISTINCT ${k}) AS dups FROM ${relation}`);
    count = Number(r?.dups ?? 0);
  }
  const examples =
    count > 0
      ? (
          await s.query(
            `SELECT CAST(${k} AS VARCHAR) AS v FROM ${relation} WHERE ${k} IS NOT NULL GROUP BY ${k} HAVING count(*) > 1 ORDER BY count(*) DESC, v LIMIT 5`,
          )
        ).map((x) => String(x.v))
      : [];
  return { column, count, examples };
}
