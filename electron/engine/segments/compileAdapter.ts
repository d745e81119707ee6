/**
 * The one seam between the engine and the pure compiler (shared/segments/compiler): SQL selecting
 * the entity key of the members of a rule, for DuckDB reading each table at the run's snapshot, or
 * for a warehouse dialect reading the tables by name.
 */
import { ApiError } from '../../../shared/api/protocol';
import type { Dialect, SegmentDiagnostic } from '../../../shared/api/segmentsApi';
import type { TableSchemas } from '../../../shared/segments/model';
import type { ParsedSqlExprs } from '../../../shared/segments/sqlExpr/types';
import type { SqlParam } from '../workspace';
import type { RunContext } from './runContext';

export interface MembersSql {
  /** SELECT of the entity key (column named as the key) of the rows matching the rule. */
  sql: string;
  params: SqlParam[];
}

export interface CompileOptions {
  dialect: Dialect;
  schemas: TableSchemas;
  relations?: Record<string, string>;
  asOf: { kind: 'instant'; at: string } | { kind: 'now' };
  sqlExprs: ParsedSqlExprs;
}

export interface CompiledDefinition {
  sql: string;
  params: (string | number | boolean | null)[];
  diagnostics: SegmentDiagnostic[];
}

/** Compile a whole definition (segment or scheme membership) for a dialect. */
export function compileDefinitionSql(def: Record<string, unknown>, opts: CompileOptions): CompiledDefinition {
  void def;
  void opts;
  throw new ApiError('internal', 'The rule compiler is not available in this build yet');
}

/** Compile `where` (a rule of the run's definition, or a part of it) for DuckDB at the run's snapshots. */
export function compileMembers(ctx: RunContext, where: unknown): MembersSql {
  void ctx;
  void where;
  throw new ApiError('internal', 'The rule compiler is not available in this build yet');
}
