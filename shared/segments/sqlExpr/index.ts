/**
 * User SQL expressions (SqlRule, `expr` metrics) as the compiler sees them: the parsed shape and its
 * per-dialect rendering. The checks (lexing, the allowlist, the AST walk) are the engine's SQL guard,
 * electron/engine/sqlGuard/, beside DuckDB's parser.
 */
export * from './types';
export { renderSqlExpr } from './render';
