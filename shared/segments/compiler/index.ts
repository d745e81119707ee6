/** The SQL compiler: definitions → parameterised SQL for duckdb, postgres, bigquery, snowflake. */
export {
  compileSegment,
  compileScheme,
  compileWhere,
  compileMetrics,
  prepareDefinition,
  ENTITY_ALIAS,
} from './segment';
export type { CompiledSql, PreparedDefinition } from './segment';
export type { CompileContext, CompileAsOf } from './context';
export { DIALECTS, dialects, getDialect } from './dialects';
export type { Dialect, DialectName } from './dialects';
export { Frag, join, param, pushAll, raw, render, renderInline, sql } from './fragment';
export type { ParamType, ParamValue, RenderedSql } from './fragment';
export type { LookupCheck } from './metrics';
export { compileTableRule } from './tableRule';
export type { TableRuleOptions, TableRuleSql } from './tableRule';
