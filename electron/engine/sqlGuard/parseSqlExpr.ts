/**
 * Parses user SQL expressions (SqlRule, `expr` metrics) with DuckDB's own parser and checks them
 * against the allowlist (docs/rules.md, SPEC §3, §10). The text reaches DuckDB only as a bound parameter of
 * `json_serialize_sql` (never as statement text); what runs afterwards is DuckDB's canonical text
 * from `json_deserialize_sql` of the very JSON that was checked, so comments, odd spacing or
 * tricks in the source never reach execution.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { checkSqlExprAst } from './checkAst';
import { lexCheckSqlExpr } from './lexCheck';
import { SQL_EXPR_MAX_DEPTH, type ParsedSqlExpr, type SqlExprCheck } from '../../../shared/segments/sqlExpr/types';

/** Runs one parameterised query that returns a single VARCHAR cell (or null). */
export type ScalarRunner = (sql: string, params: string[]) => Promise<string | null>;

const CANONICAL_PREFIX = 'SELECT ';

/** A ScalarRunner over a DuckDB connection. */
export function connectionRunner(conn: DuckDBConnection): ScalarRunner {
  return async (sql, params) => {
    const reader = await conn.runAndReadAll(sql, params);
    const value = reader.getRows()[0]?.[0];
    return value === null || value === undefined ? null : String(value);
  };
}

/**
 * Parse and check one expression. `known` holds the column and metric names it may read (exact
 * case). Returns the parsed expression or a reason (a sentence fragment: "SQL rule <reason>").
 */
export async function parseSqlExpr(
  run: ScalarRunner,
  source: string,
  known: Iterable<string>,
): Promise<SqlExprCheck<ParsedSqlExpr>> {
  const early = lexCheckSqlExpr(source);
  if (early) return { ok: false, reason: early };
  let json: string | null;
  try {
    json = await run('SELECT json_serialize_sql($1::VARCHAR)', [CANONICAL_PREFIX + source]);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/expression depth/i.test(msg)) return { ok: false, reason: `nests deeper than ${SQL_EXPR_MAX_DEPTH} levels` };
    // DuckDB's first line without its error class; the rest repeats the text with our SELECT prefix.
    const plain = msg.split('\n')[0]!.replace(/^[A-Za-z ]*Error: /, '');
    return { ok: false, reason: `does not parse: ${plain}. Check for a missing value, operator or parenthesis` };
  }
  if (json === null) return { ok: false, reason: 'does not parse' };
  let tree: unknown;
  try {
    tree = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'does not parse (unreadable parse tree)' };
  }
  const checked = checkSqlExprAst(tree, known);
  if (!checked.ok) return checked;
  for (const use of checked.value.regexes) {
    const problem = await regexProblem(run, use.pattern, use.options);
    if (problem)
      return {
        ok: false,
        reason: `has an invalid regular expression ${problem.options ? 'option' : `'${use.pattern}'`} in ${use.fn}(): ${problem.message}`,
      };
  }
  let text: string | null;
  try {
    // The checked JSON string itself goes back (JSON.parse would round 64-bit fields).
    text = await run('SELECT json_deserialize_sql($1::JSON)', [json]);
  } catch (err) {
    return { ok: false, reason: `cannot be normalised by DuckDB: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (text === null || !text.startsWith(CANONICAL_PREFIX))
    return { ok: false, reason: 'cannot be normalised by DuckDB' };
  const canonical = text.slice(CANONICAL_PREFIX.length);
  // Defence in depth: the canonical text must itself be one clean expression.
  const again = lexCheckSqlExpr(canonical, { limits: false });
  if (again) return { ok: false, reason: `normalises to unsafe text: ${again}` };
  return { ok: true, value: { source, canonical, ast: checked.value.ast, columns: checked.value.columns } };
}

/**
 * Whether RE2 (through DuckDB, exactly as the rule will run) compiles `pattern` with `options`:
 * null when it does, else DuckDB's reason without its error-class prefix. The pattern travels as a
 * bound parameter, never as SQL text.
 */
export async function regexProblem(
  run: ScalarRunner,
  pattern: string,
  options: string | null = null,
): Promise<{ message: string; options: boolean } | null> {
  try {
    if (options === null) await run("SELECT regexp_matches('', $1::VARCHAR)::VARCHAR", [pattern]);
    else await run("SELECT regexp_matches('', $1::VARCHAR, $2::VARCHAR)::VARCHAR", [pattern, options]);
    return null;
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err))
      .split('\n')[0]!
      .replace(/^[A-Za-z ]*Error: /, '');
    return { message, options: /regex option/i.test(message) };
  }
}

/** A throwaway in-memory DuckDB used only to parse (the CLI's `compile` needs no workspace). */
export async function withMemoryParser<T>(fn: (run: ScalarRunner) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', {
    enable_external_access: 'false',
    autoinstall_known_extensions: 'false',
  });
  const conn = await instance.connect();
  try {
    return await fn(connectionRunner(conn));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
