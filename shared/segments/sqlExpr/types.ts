/**
 * A user SQL expression (SqlRule, `expr` metric) after DuckDB parsed it (json_serialize_sql) and the
 * allowlist accepted it. The compiler renders `ast` per dialect; `canonical` is DuckDB's own text.
 */
export interface ParsedSqlExpr {
  /** The text as written in the definition. */
  source: string;
  /** DuckDB's canonical text of the expression (what runs on DuckDB). */
  canonical: string;
  /** The expression node of DuckDB's json_serialize_sql output (select_list[0]). */
  ast: unknown;
  /** Column (or metric) names it reads, unqualified, exact case. */
  columns: string[];
}

/** Parsed expressions keyed by their source text, handed to the compiler by the engine. */
export type ParsedSqlExprs = Record<string, ParsedSqlExpr>;

/** Outcome of a check: accepted, or rejected with one clear reason (no throwing). */
export type SqlExprCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Outcome of rendering for a dialect: SQL text, or "not portable to <dialect>: <function>". */
export type SqlExprRender = { ok: true; sql: string } | { ok: false; error: string };

/** Limits of docs/architecture.md, SPEC §10 for user SQL text. */
export const SQL_EXPR_MAX_LENGTH = 4000;
export const SQL_EXPR_MAX_DEPTH = 64;
