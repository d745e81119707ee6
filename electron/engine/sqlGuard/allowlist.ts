/**
 * The allowlist for user SQL expressions (SPEC §3, §10): which DuckDB parse-tree node classes,
 * functions, cast targets and constant types may appear. Anything not listed is rejected. Functions
 * that read files or the environment, build huge values (`repeat`, `lpad`, `range`), aggregate,
 * or depend on the clock or randomness are deliberately absent; some get a tailored reason.
 */

/** Expression node classes that may appear (DuckDB's `class` field). */
export const allowedClasses: ReadonlySet<string> = new Set([
  'CONSTANT', 'COLUMN_REF', 'COMPARISON', 'CONJUNCTION', 'OPERATOR', 'BETWEEN', 'CASE', 'CAST', 'FUNCTION',
]);

/** Node `type`s allowed under class OPERATOR. */
export const allowedOperatorTypes: ReadonlySet<string> = new Set([
  'OPERATOR_NOT', 'OPERATOR_IS_NULL', 'OPERATOR_IS_NOT_NULL', 'COMPARE_IN', 'COMPARE_NOT_IN', 'OPERATOR_COALESCE',
]);

export const allowedComparisonTypes: ReadonlySet<string> = new Set([
  'COMPARE_EQUAL', 'COMPARE_NOTEQUAL', 'COMPARE_LESSTHAN', 'COMPARE_GREATERTHAN', 'COMPARE_LESSTHANOREQUALTO',
  'COMPARE_GREATERTHANOREQUALTO', 'COMPARE_DISTINCT_FROM', 'COMPARE_NOT_DISTINCT_FROM',
]);

/** Functions and operators by DuckDB's name (lower case). Pure, deterministic, bounded output. */
export const allowedFunctions: ReadonlySet<string> = new Set([
  // arithmetic and string operators
  '+', '-', '*', '/', '//', '%', '||',
  // LIKE family, GLOB, SIMILAR TO
  '~~', '!~~', '~~*', '!~~*', '~~~', 'like_escape', 'not_like_escape', 'ilike_escape', 'not_ilike_escape',
  // strings
  'lower', 'upper', 'lcase', 'ucase', 'trim', 'ltrim', 'rtrim', 'length', 'strlen', 'concat', 'substring', 'substr',
  'left', 'right', 'strpos', 'instr', 'position', 'contains', 'starts_with', 'ends_with', 'prefix', 'suffix',
  'regexp_matches', 'regexp_full_match', 'regexp_extract',
  // numbers
  'abs', 'round', 'floor', 'ceil', 'ceiling', 'sign', 'sqrt', 'ln', 'log', 'log10', 'log2', 'pow', 'power', 'mod',
  'isnan', 'isinf', 'isfinite', 'least', 'greatest',
  // null handling and conditionals
  'nullif', 'ifnull', 'coalesce', 'if',
  // dates and times (interval literals parse to to_days & co.)
  'date_diff', 'datediff', 'date_sub', 'datesub', 'date_part', 'datepart', 'date_trunc', 'datetrunc', 'year', 'month',
  'day', 'quarter', 'week', 'dayofweek', 'dayofyear', 'hour', 'minute', 'second', 'epoch', 'last_day', 'make_date',
  'strftime', 'try_strptime', 'to_days', 'to_weeks', 'to_months', 'to_years', 'to_hours', 'to_minutes', 'to_seconds',
]);

/** Tailored reasons for well-known dangerous or misleading functions (the default is "not allowed"). */
export const forbiddenFunctionReasons: Readonly<Record<string, string>> = {
  read_text: 'reads files', read_blob: 'reads files', read_csv: 'reads files', read_csv_auto: 'reads files',
  read_parquet: 'reads files', read_json: 'reads files', read_json_auto: 'reads files', read_ndjson: 'reads files',
  glob: 'lists files', parquet_scan: 'reads files', sniff_csv: 'reads files', query: 'runs a query', query_table: 'reads a table',
  getenv: 'reads the environment', current_setting: 'reads settings', getvariable: 'reads variables',
  current_database: 'reads settings', current_schema: 'reads settings', version: 'reads settings',
  repeat: 'can build huge values', lpad: 'can build huge values', rpad: 'can build huge values', range: 'can build huge values',
  generate_series: 'can build huge values', replace: 'can build huge values when nested',
  regexp_replace: 'can build huge values when nested', list_value: 'builds lists', struct_pack: 'builds structs', map: 'builds maps',
  now: 'depends on the clock; use a relative condition (inLast, olderThan…) resolved against the as-of',
  today: 'depends on the clock; use a relative condition resolved against the as-of',
  get_current_timestamp: 'depends on the clock', get_current_time: 'depends on the clock', current_date: 'depends on the clock',
  random: 'is not deterministic', uuid: 'is not deterministic', gen_random_uuid: 'is not deterministic', setseed: 'changes state',
  nextval: 'changes state', currval: 'reads sequences',
};

/** Cast targets (DuckDB type ids). Nested, binary, user and unbound types are out. */
export const allowedCastTypes: ReadonlySet<string> = new Set([
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT',
  'FLOAT', 'DOUBLE', 'DECIMAL', 'VARCHAR', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'INTERVAL',
]);

/** Constant types the parser produces for literals we accept. */
export const allowedConstantTypes: ReadonlySet<string> = new Set([
  'INTEGER', 'BIGINT', 'HUGEINT', 'UBIGINT', 'DECIMAL', 'DOUBLE', 'FLOAT', 'VARCHAR', 'BOOLEAN', 'NULL',
]);
