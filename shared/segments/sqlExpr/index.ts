/** User SQL expressions (SqlRule, `expr` metrics): pure checks, allowlist and per-dialect rendering. */
export * from './types';
export { lexCheckSqlExpr } from './lexCheck';
export { checkSqlExprAst } from './checkAst';
export { renderSqlExpr } from './render';
export { allowedFunctions, allowedCastTypes } from './allowlist';
