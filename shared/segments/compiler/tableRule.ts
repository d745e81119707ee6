/**
 * A rule over one table's own columns, with no definition around it: the grid's column filters
 * (docs/rules.md, SPEC §3 semantics, so a grid filter and the same condition in a segment select the same rows,
 * NULLs included). Fields are referenced unqualified (the caller's FROM is the table or a view of
 * it); no metrics, no SQL rules. Validation runs first, with the same messages as a definition's.
 */
import { type Diagnostic, type Rule, type TableSchemas } from '../model';
import { buildScope } from '../scope';
import { validateRule } from '../validateRule';
import { CompileState, type CompileAsOf } from './context';
import type { DialectName } from './dialects';
import { raw, render, type ParamValue } from './fragment';
import { compileRule, type RuleSource } from './rules';

export interface TableRuleSql {
  /** Boolean SQL (TRUE for an empty rule), placeholders numbered from `firstIndex`. */
  sql: string;
  params: ParamValue[];
  /** Errors mean `sql` must not run. */
  diagnostics: Diagnostic[];
}

export interface TableRuleOptions {
  dialect?: DialectName;
  /** Relative date ops are computed from it; default `now` (the dialect's current date). */
  asOf?: CompileAsOf;
  /** The first placeholder's number ($n), for SQL that already has parameters before this part. */
  firstIndex?: number;
  /** Diagnostics' root path, e.g. `filters`. */
  path?: string;
}

export function compileTableRule(
  rule: Rule,
  table: string,
  schemas: TableSchemas,
  options: TableRuleOptions = {},
): TableRuleSql {
  const path = options.path ?? 'where';
  const st = new CompileState(
    { dialect: options.dialect ?? 'duckdb', schemas, asOf: options.asOf ?? { kind: 'now' } },
    table,
  );
  const scope = buildScope(schemas, table);
  const diagnostics: Diagnostic[] = [];
  validateRule(rule, path, { scope, schemas, out: diagnostics });
  if (diagnostics.some((d) => d.severity === 'error')) return { sql: 'FALSE', params: [], diagnostics };
  const src: RuleSource = { scope, field: (n) => raw(st.ident(n)), all: () => st.relation(table), alias: '' };
  const frag = compileRule(rule, path, src, st);
  diagnostics.push(...st.diagnostics);
  const out = render(frag, st.dialect, options.firstIndex ?? 1);
  return { ...out, diagnostics };
}
