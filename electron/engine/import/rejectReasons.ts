/**
 * Rejected records in the user's words (docs/architecture.md, SPEC §10: "errors say what went wrong, where and what to
 * do"). DuckDB's reject table says "MISSING COLUMNS: Expected Number of Columns: 4 Found: 3" once
 * per missing field; the user reads "line 6 has 3 fields, the header has 4". One record, one
 * reason: a broken quote explains everything after it on that record (its cast errors and field
 * counts are consequences), then an over-long line, invalid text, a wrong field count, and last the
 * values that do not fit their column, all named together. Built in SQL so a file with a million
 * rejects never passes through JavaScript. `unit` is "line" for text and "row" for a sheet.
 */
import type { Session, SqlParam } from '../db/db';
import { OffsetLines } from './countRecords';
import { RejectSpans } from './recordWalker';
import type { StagedFile } from './stage';

/** DuckDB type → what a value of it is, for "'abc' in amount is not a number". */
export const TYPE_WORDS_SQL = (t: string): string => `CASE
  WHEN ${t} IN ('TINYINT','SMALLINT','INTEGER','BIGINT','HUGEINT','UTINYINT','USMALLINT','UINTEGER','UBIGINT','UHUGEINT') THEN 'a whole number'
  WHEN ${t} IN ('FLOAT','DOUBLE','REAL') OR ${t} LIKE 'DECIMAL%' THEN 'a number'
  WHEN ${t} = 'DATE' THEN 'a date'
  WHEN ${t} LIKE 'TIMESTAMP%' THEN 'a date and time'
  WHEN ${t} = 'TIME' THEN 'a time of day'
  WHEN ${t} = 'BOOLEAN' THEN 'true or false'
  ELSE 'a value of type ' || ${t} END`;

export interface ReasonContext {
  unit: 'line' | 'row';
  header: boolean;
  /** The file's encoding as the user knows it (for "not valid UTF-8 text"). */
  encoding: string;
}

/**
 * Copy the reader's rejects (`temp._import_rejects`) into meta.rejects, one row per record at its
 * physical start line as the user sees it, with a worded reason. Returns the records rejected and
 * their spans (start line → lines, for the row walker and reconciliation). Pages of PAGE records in
 * file order, so memory does not grow with the number of rejects.
 */
export async function storeRejects(
  s: Session,
  staged: StagedFile,
  snapshotId: string,
  ctx: ReasonContext,
): Promise<{ records: number; spans: RejectSpans }> {
  const userLine = staged.userLine ?? ((l: number) => l);
  const spans = new RejectSpans();
  const exists = await s.query(`SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = '_import_rejects'`);
  if (!exists.length) return { records: 0, spans };
  // One row per record, numbered in file order (DuckDB's line counts records; the byte position is exact).
  await s.run(`CREATE OR REPLACE TEMP TABLE _import_reject_records AS
    SELECT row_number() OVER (ORDER BY pos) AS k, dline, pos, breaks FROM (
      SELECT line AS dline, min(line_byte_position) AS pos, max(length(csv_line) - length(replace(csv_line, chr(10), ''))) AS breaks
      FROM temp._import_rejects GROUP BY line)`);
  await s.run(`CREATE OR REPLACE TEMP TABLE _import_linemap (dline BIGINT, pline BIGINT, uline BIGINT)`);
  const lines = new OffsetLines(staged.path);
  const PAGE = 50_000;
  const BATCH = 500;
  let records = 0;
  try {
    for (let from = 1; ; from += PAGE) {
      const page = await s.query(
        `SELECT dline, pos, breaks FROM _import_reject_records WHERE k >= $1 AND k < $2 ORDER BY k`,
        [from, from + PAGE],
      );
      if (!page.length) break;
      const physical = await lines.lines(page.map((r) => Number(r.pos)));
      for (let i = 0; i < page.length; i += BATCH) {
        const params: SqlParam[] = [];
        const tuples = page.slice(i, i + BATCH).map((r, j) => {
          const line = physical[i + j]!;
          spans.add(line, Number(r.breaks ?? 0) + 1);
          params.push(Number(r.dline), line, userLine(line));
          return `($${params.length - 2}::BIGINT, $${params.length - 1}::BIGINT, $${params.length}::BIGINT)`;
        });
        await s.run(`INSERT INTO _import_linemap VALUES ${tuples.join(', ')}`, params);
      }
      records += page.length;
      if (page.length < PAGE) break;
    }
    await s.run(insertReasonsSql(), [
      snapshotId,
      ctx.unit,
      ctx.header ? 'the header has' : 'the other records have',
      ctx.encoding,
    ]);
  } finally {
    await s.run(`DROP TABLE IF EXISTS _import_linemap`).catch(() => undefined);
    await s.run(`DROP TABLE IF EXISTS _import_reject_records`).catch(() => undefined);
  }
  return { records, spans };
}

/** $1 snapshot id, $2 unit word, $3 "the header has" / "the other records have", $4 encoding. */
function insertReasonsSql(): string {
  const where = `$2 || ' ' || uline`;
  return `
    INSERT INTO meta.rejects
    WITH e AS (
      SELECT m.uline, r.column_idx, r.column_name, r.error_type AS kind, r.error_message AS msg, r.csv_line,
        CASE r.error_type WHEN 'UNQUOTED VALUE' THEN 1 WHEN 'LINE SIZE OVER MAXIMUM' THEN 2
          WHEN 'INVALID UNICODE' THEN 3 WHEN 'INVALID ENCODING' THEN 3
          WHEN 'TOO MANY COLUMNS' THEN 4 WHEN 'MISSING COLUMNS' THEN 4 WHEN 'CAST' THEN 5 ELSE 6 END AS prio,
        TRY_CAST(regexp_extract(r.error_message, 'Found: (\\d+)', 1) AS BIGINT) AS found,
        TRY_CAST(regexp_extract(r.error_message, 'Expected Number of Columns: (\\d+)', 1) AS BIGINT) AS expected,
        regexp_extract(r.error_message, 'convert string "(.*)" to ''([^'']+)''', 1) AS cast_value,
        regexp_extract(r.error_message, 'convert string "(.*)" to ''([^'']+)''', 2) AS cast_type,
        length(r.csv_line) - length(replace(r.csv_line, chr(10), '')) AS breaks,
        m.uline AS line_no
      FROM temp._import_rejects r JOIN _import_linemap m ON r.line = m.dline
    ),
    why AS (
      SELECT uline, column_idx, column_name, prio, csv_line, found, expected, kind,
        CASE
          WHEN kind = 'UNQUOTED VALUE' AND breaks > 0 THEN ${where} || ': a quoted field is not closed (a " is missing), so the record runs on to ' || $2 || ' ' || (line_no + breaks)
          WHEN kind = 'UNQUOTED VALUE' THEN ${where} || ': a quoted field has text after its closing quote'
          WHEN kind = 'LINE SIZE OVER MAXIMUM' THEN ${where} || ' is ' || coalesce(format('{:,d}', TRY_CAST(regexp_extract(msg, 'Actual Size:\\s*(\\d+)', 1) AS BIGINT)), 'too many') || ' bytes long, more than the ' || coalesce(format('{:,d}', TRY_CAST(regexp_extract(msg, 'line size of (\\d+)', 1) AS BIGINT)), '2,000,000') || ' a record may have (is a line break missing?)'
          WHEN prio = 3 THEN ${where} || ' is not valid ' || $4 || ' text; choose the file''s encoding in the import options'
          WHEN prio = 5 AND trim(cast_value, ' ' || chr(9)) = '' THEN '''' || cast_value || ''' in ' || column_name || ' is blank but not empty; choose a type for ' || column_name || ' in the import options to read blank cells as empty'
          WHEN prio = 5 THEN '''' || left(cast_value, 60) || CASE WHEN length(cast_value) > 60 THEN '…' ELSE '' END || ''' in ' || column_name || ' is not ' || ${TYPE_WORDS_SQL('cast_type')}
          WHEN prio = 6 THEN ${where} || ' could not be read: ' || lower(kind) || ': ' || msg
        END AS reason
      FROM e
    ),
    rec AS (
      SELECT uline, min(prio) AS top,
        min(column_name) FILTER (WHERE prio = 5) AS cast_column,
        arg_min(reason, prio) FILTER (WHERE prio IN (1, 2, 3, 6)) AS structural,
        CASE WHEN bool_or(kind = 'TOO MANY COLUMNS') THEN max(found) FILTER (WHERE kind = 'TOO MANY COLUMNS') ELSE min(found) FILTER (WHERE kind = 'MISSING COLUMNS') END AS fields,
        max(expected) AS expected,
        string_agg(reason, '; ' ORDER BY column_idx) FILTER (WHERE prio = 5) AS casts,
        any_value(csv_line) AS raw
      FROM why GROUP BY uline
    )
    SELECT $1, uline,
      CASE WHEN top = 5 THEN cast_column END,
      CASE
        WHEN top = 4 THEN $2 || ' ' || uline || ' has ' || fields || ' field' || CASE WHEN fields = 1 THEN '' ELSE 's' END || ', ' || $3 || ' ' || expected
        WHEN top = 5 THEN $2 || ' ' || uline || ': ' || casts
        ELSE structural
      END,
      raw
    FROM rec`;
}
