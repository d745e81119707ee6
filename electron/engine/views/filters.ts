/**
 * A grid view's column filters and sort as SQL. Filters are rule conditions (GridFilter has a
 * Condition's shape) compiled by the segment compiler (shared/segments/compiler/tableRule.ts), so a
 * grid filter means exactly what the same condition means in a segment, NULLs included (docs/rules.md, SPEC §3).
 * Sort items name a column, or a definition whose membership sorts (non-members first ascending).
 */
import type { ColumnInfo, GridFilter, ViewSort } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import { compileTableRule } from '../../../shared/segments/compiler';
import type { Condition, Rule } from '../../../shared/segments/model';
import type { SqlParam } from '../db/db';
import { quoteIdent } from '../db/sql';

function columnOf(columns: readonly ColumnInfo[], name: string): ColumnInfo {
  const c = columns.find((x) => x.name === name);
  if (!c)
    throw new ApiError('invalid_input', `No column named '${name}' (columns are matched exactly, case-sensitive).`);
  return c;
}

/** `filters[2].value: "abc" is not a number` → `Filter on 'mrr': "abc" is not a number`. */
function userMessage(message: string, filters: readonly GridFilter[]): string {
  const m = /^filters\.all\[(\d+)\](?:\.[a-z]+(?:\[\d+\])?)?: (.*)$/s.exec(message);
  const f = m ? filters[Number(m[1])] : undefined;
  return f && m ? `Filter on '${f.field}': ${m[2]}` : message;
}

/** The filter as the rule condition it is (keys present but undefined left out: they are no operands). */
function conditionOf(f: GridFilter): Condition {
  const c: Condition = { field: f.field, op: f.op };
  if (f.value !== undefined) c.value = f.value;
  if (f.values !== undefined) c.values = f.values;
  if (f.min !== undefined) c.min = f.min;
  if (f.max !== undefined) c.max = f.max;
  return c;
}

/** The filters (all must hold) as a boolean over the relation's columns, parameters appended. */
export function filterSql(
  filters: readonly GridFilter[],
  table: string,
  columns: readonly ColumnInfo[],
  params: SqlParam[],
): string {
  if (!filters.length) return 'TRUE';
  for (const f of filters) columnOf(columns, f.field);
  const rule: Rule = { all: filters.map(conditionOf) };
  const out = compileTableRule(
    rule,
    table,
    { [table]: [...columns] },
    { firstIndex: params.length + 1, path: 'filters' },
  );
  const error = out.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new ApiError('invalid_input', userMessage(error.message, filters));
  for (const p of out.params) params.push(p);
  return out.sql;
}

/** Where a membership sort item's members come from: SQL of `key IN (members)`, parameters appended. */
export type MemberSql = (index: number, params: SqlParam[]) => string;

/** ORDER BY items (NULLs last either way), or '' for natural order. */
export function orderSql(
  sort: ViewSort,
  columns: readonly ColumnInfo[],
  params: SqlParam[] = [],
  member?: MemberSql,
): string {
  let members = 0;
  return sort
    .map((s) => {
      const dir = s.dir === 'desc' ? 'DESC' : 'ASC';
      if ('column' in s) return `${quoteIdent(columnOf(columns, s.column).name)} ${dir} NULLS LAST`;
      if (!member) throw new ApiError('usage', 'A membership sort needs its definition.');
      return `coalesce(${member(members++, params)}, FALSE) ${dir}`;
    })
    .join(', ');
}
