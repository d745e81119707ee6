/**
 * Every SQL difference between the target dialects in one object per dialect (§8): placeholders,
 * identifier quoting, parameter types, byte-order string comparison, LIKE escapes, regex function
 * and anchoring, the trimming set, date arithmetic with month clamping, the current UTC date/time
 * for `asOf: now` on warehouses. Integer vs true division and quantiles never arise: the compiler
 * compares `rn * 10000 <= n * p + 9999` in integers instead of dividing (topPercent).
 */
import { type Frag, raw, sql, type ParamType, type ValueSyntax } from './fragment';
import type { DialectName } from '../dialectNames';

export { DIALECTS, type DialectName } from '../dialectNames';

/** What a date/time expression holds: a DATE, a zoneless timestamp (UTC), or an instant with zone. */
export type TimeKind = 'date' | 'timestamp' | 'timestamptz';

export interface Dialect extends ValueSyntax {
  name: DialectName;
  quoteIdent(name: string): string;
  /** `x` compared in byte (= code point for UTF-8) order, like COLLATE "C". */
  binary(x: Frag): Frag;
  /** `x LIKE pattern` where backslash escapes `%`, `_` and itself in the pattern. */
  like(x: Frag, pattern: Frag): Frag;
  /** RE2-style partial match (unanchored), as DuckDB regexp_matches. */
  regex(x: Frag, pattern: Frag): Frag;
  /** x with spaces, tabs, CR and LF removed at both ends (exactly that set). */
  trimBlank(x: Frag): Frag;
  /** Whole days from `from` to `to`, both DATE expressions. */
  daysBetween(from: Frag, to: Frag): Frag;
  /** The UTC calendar date of a date/time expression. */
  utcDate(x: Frag, kind: TimeKind): Frag;
  currentDate(): Frag;
  currentTimestamp(kind: Exclude<TimeKind, 'date'>): Frag;
  /** x plus n days or months (n an INTEGER fragment, may be negative), month ends clamped. */
  addInterval(x: Frag, n: Frag, unit: 'day' | 'month', kind: TimeKind): Frag;
  /** First day of the month/quarter/year of a DATE expression, as a DATE. */
  truncDate(x: Frag, unit: 'month' | 'quarter' | 'year'): Frag;
  /**
   * Integer division of two non-negative BIGINT expressions, when OFFSET may be a scalar subquery
   * (the fast exact k-th value, §3 topPercent); undefined where OFFSET must be a constant.
   */
  offsetIntDiv?: (a: Frag, b: Frag) => Frag;
}

const doubleQuote = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** Standard SQL: quotes doubled, backslash plain (DuckDB; PostgreSQL with standard_conforming_strings). */
const standardString = (s: string) => `'${s.replaceAll("'", "''")}'`;
/** Literals where backslash escapes (BigQuery, Snowflake): backslashes, quotes and control characters escaped. */
const backslashString = (s: string) =>
  `'${s.replace(/[\\'\n\r\t\0]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' })[c]!)}'`;

const duckdb: Dialect = {
  name: 'duckdb',
  quoteIdent: doubleQuote,
  placeholder: (i) => `$${i}`,
  typeName: (t) => t,
  stringLiteral: standardString,
  binary: (x) => x, // DuckDB compares VARCHAR bytewise unless a default collation is configured
  like: (x, p) => sql`${x} LIKE ${p} ESCAPE '\\'`,
  regex: (x, p) => sql`regexp_matches(${x}, ${p})`,
  trimBlank: (x) => sql`trim(${x}, ' ' || chr(9) || chr(13) || chr(10))`,
  daysBetween: (a, b) => sql`date_diff('day', ${a}, ${b})`,
  utcDate: (x, kind) => (kind === 'date' ? x : sql`CAST(${x} AS DATE)`), // the engine runs with TimeZone=UTC
  currentDate: () => raw('current_date'),
  currentTimestamp: (kind) =>
    raw(kind === 'timestamptz' ? 'current_timestamp' : 'CAST(current_timestamp AS TIMESTAMP)'),
  addInterval: (x, n, unit, kind) => {
    const v = sql`${x} + ${unit === 'day' ? sql`to_days(${n})` : sql`to_months(${n})`}`;
    return kind === 'date' ? sql`CAST(${v} AS DATE)` : sql`(${v})`;
  },
  truncDate: (x, unit) => sql`CAST(date_trunc('${raw(unit)}', ${x}) AS DATE)`,
  offsetIntDiv: (a, b) => sql`(${a}) // ${b}`,
};

const postgresTypes: Record<ParamType, string> = {
  VARCHAR: 'TEXT',
  BIGINT: 'BIGINT',
  INTEGER: 'INTEGER',
  DOUBLE: 'DOUBLE PRECISION',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  TIMESTAMP_S: 'TIMESTAMP',
  TIMESTAMP_MS: 'TIMESTAMP',
  TIMESTAMP_NS: 'TIMESTAMP',
  TIMESTAMPTZ: 'TIMESTAMPTZ',
};
const postgres: Dialect = {
  name: 'postgres',
  quoteIdent: doubleQuote,
  placeholder: (i) => `$${i}`,
  typeName: (t) => postgresTypes[t],
  // E'' strings escape the same way everywhere, whatever standard_conforming_strings says.
  stringLiteral: (s) => `E${backslashString(s)}`,
  binary: (x) => sql`${x} COLLATE "C"`,
  like: (x, p) => sql`${x} LIKE ${p} ESCAPE '\\'`,
  regex: (x, p) => sql`(${x} ~ ${p})`, // POSIX ARE: same as RE2 for the common syntax
  trimBlank: (x) => sql`btrim(${x}, E' \\t\\r\\n')`,
  daysBetween: (a, b) => sql`(${b} - ${a})`,
  utcDate: (x, kind) =>
    kind === 'date'
      ? x
      : kind === 'timestamptz'
        ? sql`CAST((${x} AT TIME ZONE 'UTC') AS DATE)`
        : sql`CAST(${x} AS DATE)`,
  currentDate: () => raw(`CAST((now() AT TIME ZONE 'UTC') AS DATE)`),
  currentTimestamp: (kind) => raw(kind === 'timestamptz' ? 'now()' : `(now() AT TIME ZONE 'UTC')`),
  addInterval: (x, n, unit, kind) => {
    const v = sql`${x} + ${n} * INTERVAL '1 ${raw(unit)}'`;
    return kind === 'date' ? sql`CAST(${v} AS DATE)` : sql`(${v})`;
  },
  truncDate: (x, unit) => sql`CAST(date_trunc('${raw(unit)}', ${x}) AS DATE)`,
  offsetIntDiv: (a, b) => sql`(${a}) / ${b}`, // BIGINT / BIGINT truncates in PostgreSQL
};

const bigqueryTypes: Record<ParamType, string> = {
  VARCHAR: 'STRING',
  BIGINT: 'INT64',
  INTEGER: 'INT64',
  DOUBLE: 'FLOAT64',
  BOOLEAN: 'BOOL',
  DATE: 'DATE',
  TIMESTAMP: 'DATETIME',
  TIMESTAMP_S: 'DATETIME',
  TIMESTAMP_MS: 'DATETIME',
  TIMESTAMP_NS: 'DATETIME',
  TIMESTAMPTZ: 'TIMESTAMP',
};
const bigquery: Dialect = {
  name: 'bigquery',
  quoteIdent: (name) => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``,
  placeholder: (i) => `@p${i}`,
  typeName: (t) => bigqueryTypes[t],
  stringLiteral: backslashString,
  binary: (x) => x, // BigQuery compares STRING by code point unless a collation is set
  like: (x, p) => sql`${x} LIKE ${p}`, // backslash is BigQuery's LIKE escape; no ESCAPE clause
  regex: (x, p) => sql`REGEXP_CONTAINS(${x}, ${p})`, // RE2, partial match
  trimBlank: (x) => sql`TRIM(${x}, ' \\t\\r\\n')`, // TRIM's default set is all Unicode whitespace
  daysBetween: (a, b) => sql`DATE_DIFF(${b}, ${a}, DAY)`,
  utcDate: (x, kind) => (kind === 'date' ? x : kind === 'timestamptz' ? sql`DATE(${x}, 'UTC')` : sql`DATE(${x})`),
  currentDate: () => raw(`CURRENT_DATE('UTC')`),
  currentTimestamp: (kind) => raw(kind === 'timestamptz' ? 'CURRENT_TIMESTAMP()' : `CURRENT_DATETIME('UTC')`),
  addInterval: (x, n, unit, kind) => {
    const part = raw(unit === 'day' ? 'DAY' : 'MONTH');
    if (kind === 'date') return sql`DATE_ADD(${x}, INTERVAL ${n} ${part})`;
    if (kind === 'timestamp') return sql`DATETIME_ADD(${x}, INTERVAL ${n} ${part})`;
    return sql`TIMESTAMP(DATETIME_ADD(DATETIME(${x}, 'UTC'), INTERVAL ${n} ${part}), 'UTC')`; // TIMESTAMP_ADD has no MONTH
  },
  truncDate: (x, unit) => sql`DATE_TRUNC(${x}, ${raw(unit.toUpperCase())})`,
};

const snowflakeTypes: Record<ParamType, string> = {
  VARCHAR: 'VARCHAR',
  BIGINT: 'BIGINT',
  INTEGER: 'INTEGER',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP_NTZ',
  TIMESTAMP_S: 'TIMESTAMP_NTZ',
  TIMESTAMP_MS: 'TIMESTAMP_NTZ',
  TIMESTAMP_NS: 'TIMESTAMP_NTZ',
  TIMESTAMPTZ: 'TIMESTAMP_TZ',
};
const snowflake: Dialect = {
  name: 'snowflake',
  quoteIdent: doubleQuote,
  placeholder: () => '?',
  typeName: (t) => snowflakeTypes[t],
  stringLiteral: backslashString,
  binary: (x) => sql`COLLATE(${x}, 'utf8')`,
  like: (x, p) => sql`${x} LIKE ${p} ESCAPE '\\\\'`, // backslash escapes inside Snowflake literals: '\\' is one backslash
  regex: (x, p) => sql`(REGEXP_INSTR(${x}, ${p}) > 0)`, // REGEXP_LIKE would anchor the whole string
  trimBlank: (x) => sql`TRIM(${x}, ' \\t\\r\\n')`, // Snowflake's default TRIM removes spaces only
  daysBetween: (a, b) => sql`DATEDIFF(day, ${a}, ${b})`,
  utcDate: (x, kind) =>
    kind === 'date'
      ? x
      : kind === 'timestamptz'
        ? sql`CAST(CONVERT_TIMEZONE('UTC', ${x}) AS DATE)`
        : sql`CAST(${x} AS DATE)`,
  currentDate: () => raw(`CAST(CONVERT_TIMEZONE('UTC', CURRENT_TIMESTAMP()) AS DATE)`),
  currentTimestamp: (kind) =>
    raw(
      kind === 'timestamptz'
        ? 'CURRENT_TIMESTAMP()'
        : `CAST(CONVERT_TIMEZONE('UTC', CURRENT_TIMESTAMP()) AS TIMESTAMP_NTZ)`,
    ),
  addInterval: (x, n, unit, _kind) => sql`DATEADD(${raw(unit)}, ${n}, ${x})`,
  truncDate: (x, unit) => sql`DATE_TRUNC('${raw(unit)}', ${x})`,
};

export const dialects: Readonly<Record<DialectName, Dialect>> = { duckdb, postgres, bigquery, snowflake };

export function getDialect(name: DialectName): Dialect {
  return dialects[name];
}
