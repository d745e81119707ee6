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
