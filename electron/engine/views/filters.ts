/**
 * Grid filters (GridFilter, SPEC §3 semantics) and sort specs to SQL. Values are always bound
 * parameters; identifiers are quoted after checking they are columns of the relation. Two-valued:
 * a condition on NULL is false except the negative ops (neq, notContains) and isEmpty, which are true.
 * Text ops (contains, startsWith, endsWith) are case-insensitive and treat % _ \ literally
 * (they use contains/starts_with/ends_with, not LIKE).
 */
import type { ColumnInfo, GridFilter, SortSpec } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import type { SqlParam } from '../db/db';
import { quoteIdent } from '../db/sql';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

function columnOf(columns: ColumnInfo[], name: string): ColumnInfo {
  const c = columns.find((x) => x.name === name);
  if (!c) throw new ApiError('invalid_input', `No column named '${name}' (columns are matched exactly, case-sensitive).`);
  return c;
}

/** A parameter compared against a column of `type`: dates/timestamps cast to the column's type. */
function typedValue(type: string, v: string | number | boolean, params: SqlParam[]): string {
  params.push(v);
  const p = `$${params.length}`;
  if (typeof v === 'string' && (type === 'DATE' || type.startsWith('TIMESTAMP') || NUMERIC.test(type))) return `CAST(${p} AS ${type})`;
  return p;
}

export function filterSql(filters: readonly GridFilter[], columns: ColumnInfo[], params: SqlParam[]): string {
  const parts = filters.map((f) => {
    const col = columnOf(columns, f.field);
    const c = quoteIdent(col.name);
    const text = `lower(CAST(${c} AS VARCHAR))`;
    const need = <T>(v: T | undefined, what: string): T => {
      if (v === undefined) throw new ApiError('usage', `Filter '${f.op}' on '${f.field}' needs ${what}.`);
      return v;
    };
    const textParam = () => {
      params.push(String(need(f.value, 'a value')).toLowerCase());
      return `$${params.length}`;
    };
    switch (f.op) {
      case 'eq':
        return `${c} = ${typedValue(col.type, need(f.value, 'a value'), params)}`;
      case 'neq':
        return `${c} IS DISTINCT FROM ${typedValue(col.type, need(f.value, 'a value'), params)}`;
      case 'lt':
        return `${c} < ${typedValue(col.type, need(f.value, 'a value'), params)}`;
      case 'lte':
        return `${c} <= ${typedValue(col.type, need(f.value, 'a value'), params)}`;
      case 'gt':
        return `${c} > ${typedValue(col.type, need(f.value, 'a value'), params)}`;
      case 'gte':
        return `${c} >= ${typedValue(col.type, need(f.value, 'a value'), params)}`;
      case 'between':
        return `${c} BETWEEN ${typedValue(col.type, need(f.min, 'min'), params)} AND ${typedValue(col.type, need(f.max, 'max'), params)}`;
      case 'contains':
        return `contains(${text}, ${textParam()})`;
      case 'notContains':
        return `coalesce(NOT contains(${text}, ${textParam()}), true)`;
      case 'startsWith':
        return `starts_with(${text}, ${textParam()})`;
      case 'endsWith':
        return `ends_with(${text}, ${textParam()})`;
      case 'isEmpty':
        return `(${c} IS NULL OR trim(CAST(${c} AS VARCHAR), ' \t\r\n') = '')`;
      case 'isNotEmpty':
        return `(${c} IS NOT NULL AND trim(CAST(${c} AS VARCHAR), ' \t\r\n') <> '')`;
      case 'in': {
        const values = need(f.values, 'values');
        if (!values.length) return 'false';
        return `${c} IN (${values.map((v) => typedValue(col.type, v, params)).join(', ')})`;
      }
      default:
        throw new ApiError('usage', `Unknown filter op '${String((f as { op: unknown }).op)}'.`);
    }
  });
  return parts.length ? parts.join(' AND ') : 'true';
}

/** ORDER BY items (NULLs last either way), or '' for natural order. */
export function orderSql(sort: SortSpec, columns: ColumnInfo[]): string {
  return sort.map((s) => `${quoteIdent(columnOf(columns, s.column).name)} ${s.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`).join(', ');
}
