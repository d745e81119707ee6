/**
 * Rule → boolean SQL (§3), one small processor per rule kind. Semantics are two-valued: NOT is
 * pushed down to the leaves (De Morgan); a positive leaf is left bare (NULL means "out" in WHERE,
 * no coalesce, so DuckDB can push it down, §11); a negated leaf takes a null-aware form
 * (`IS DISTINCT FROM`, `IS NOT TRUE`, `coalesce(NOT p, TRUE)`), so `R` and `not R` partition the
 * table. Inside SELECT (membership flags) wrap results as `coalesce(expr, FALSE)`: NULL means false.
 * Every value is a typed parameter; relative dates are constants computed in TypeScript.
 */
import { parseDate, parseInstant } from '../dates';
import { childPath, isCondition, type Condition, type Rule } from '../model';
import { listTooLong, MAX_LIST_VALUES, OPERATORS } from '../operators';
import type { Scope, ScopeEntry } from '../scope';
import { renderSqlExpr } from '../sqlExpr/render';
import { checkNumber } from '../values';
import type { CompileState } from './context';
import { type Frag, join, param, raw, sql } from './fragment';

/** Where a rule's names live: the scope, how to reference a field, and the whole relation (for topPercent). */
export interface RuleSource {
  scope: Scope;
  /** SQL for a field under the current alias, e.g. e."mrr". */
  field(name: string): Frag;
  /**
   * A FROM-able relation of all rows exposing `name` as a column (topPercent thresholds): the plain
   * table for a column, the source with just that metric for a metric, so a threshold never computes
   * metrics it does not read.
   */
  all(name: string): Frag;
  /** Qualifier for SqlRule columns on non-DuckDB dialects ('' = unqualified). */
  alias: string;
}

const TRUE = raw('TRUE');
const FALSE = raw('FALSE');

function negateLeaf(p: Frag): Frag {
  return sql`coalesce(NOT (${p}), TRUE)`;
}

export function compileRule(rule: Rule, path: string, src: RuleSource, st: CompileState, negate = false): Frag {
  if (typeof rule !== 'object' || rule === null) {
    st.error(path, 'not a rule');
    return FALSE;
  }
  if ('all' in rule || 'any' in rule) {
    const isAll = 'all' in rule;
    const list = isAll ? (rule as { all: Rule[] }).all : (rule as { any: Rule[] }).any;
    const key = isAll ? 'all' : 'any';
    if (!Array.isArray(list)) {
      st.error(path, `"${key}" must be a list`);
      return FALSE;
    }
    const conj = isAll !== negate; // all → AND; not(all) → OR of negations; any mirrors it
    if (list.length === 0) return conj ? TRUE : FALSE;
    const parts = list.map((r, i) => compileRule(r, childPath(childPath(path, key), i), src, st, negate));
    return parts.length === 1 ? parts[0]! : sql`(${join(parts, conj ? ' AND ' : ' OR ')})`;
  }
  if ('not' in rule) return compileRule((rule as { not: Rule }).not, childPath(path, 'not'), src, st, !negate);
  if ('sql' in rule && !('field' in rule)) {
    const p = sqlRule((rule as { sql: string }).sql, childPath(path, 'sql'), src, st);
    return negate ? negateLeaf(p) : p;
  }
  if (isCondition(rule)) return condition(rule, path, src, st, negate);
  st.error(path, 'not a rule');
  return FALSE;
}

/** A parsed user expression rendered for the dialect, in parentheses; FALSE with a diagnostic if not. */
export function sqlExpression(text: string, path: string, src: RuleSource, st: CompileState): Frag | null {
  const parsed =
    st.ctx.sqlExprs && Object.prototype.hasOwnProperty.call(st.ctx.sqlExprs, text) ? st.ctx.sqlExprs[text] : undefined;
  if (!parsed) {
    st.error(path, 'SQL expression was not checked by the engine (parse it first)');
    return null;
  }
  for (const col of parsed.columns) {
    if (!src.scope.get(col)) {
      st.error(path, `field '${col}' not found in '${src.scope.table}'`);
      return null;
    }
  }
  const quote = (name: string) => (src.alias ? `${src.alias}.${st.ident(name)}` : st.ident(name));
  const rendered = renderSqlExpr(parsed, st.dialect.name, quote);
  if (!rendered.ok) {
    st.error(path, rendered.error);
    return null;
  }
  return raw(`(${rendered.sql})`);
}

function sqlRule(text: string, path: string, src: RuleSource, st: CompileState): Frag {
  return sqlExpression(text, path, src, st) ?? FALSE;
}

/** A value bound as a parameter of a type that never narrows it (2.5 vs INTEGER stays 2.5). */
export function valueParam(v: unknown, entry: ScopeEntry, path: string, st: CompileState): Frag | null {
  const fail = (text: string) => {
    st.error(path, text);
    return null;
  };
  const family =
    entry.family === 'unknown'
      ? typeof v === 'number'
        ? 'number'
        : typeof v === 'boolean'
          ? 'boolean'
          : 'string'
      : entry.family;
  switch (family) {
    case 'number': {
      const problem = checkNumber(v);
      if (problem) return fail(problem);
      return sql`${param(v as number, Number.isInteger(v) ? 'BIGINT' : 'DOUBLE')}`;
    }
    case 'string':
      return typeof v === 'string' ? sql`${param(v, 'VARCHAR')}` : fail(`${JSON.stringify(v)} is not a string`);
    case 'boolean':
      return typeof v === 'boolean' ? sql`${param(v, 'BOOLEAN')}` : fail(`${JSON.stringify(v)} is not true or false`);
    case 'date': {
      const d = typeof v === 'string' ? parseDate(v) : null;
      return d ? sql`${param(v as string, 'DATE')}` : fail(`${JSON.stringify(v)} is not a date (YYYY-MM-DD)`);
    }
    case 'timestamp': {
      const t = typeof v === 'string' ? parseInstant(v) : null;
      return t ? st.instantParam(t.micros, entry.type ?? 'TIMESTAMP') : fail(`${JSON.stringify(v)} is not a timestamp`);
    }
    default:
      return fail(`field '${entry.name}' (${entry.type}) cannot be compared with a value`);
  }
}

/**
 * A days-since metric compared with a number, as its column compared with a constant instant (§11:
 * no date arithmetic per row, and a filter on the column itself that the scan can use). The metric
 * is the whole days from the column's UTC date to the as-of date, an integer, so with D the as-of
 * date: days ≤ v ⇔ column ≥ the start of day D − ⌊v⌋; days < v ⇔ days ≤ ⌈v⌉ − 1; days ≥ v ⇔
 * column < the start of day D − ⌈v⌉ + 1; days > v ⇔ column < the start of day D − ⌊v⌋. NULL stays
 * NULL. Null (use the metric) without a constant as-of or for bounds out of range.
 */
function daysSinceComparison(
  op: 'lt' | 'lte' | 'gt' | 'gte',
  value: unknown,
  entry: ScopeEntry,
  src: RuleSource,
  st: CompileState,
): Frag | null {
  const m = entry.metric;
  if (m?.kind !== 'daysSince' || typeof value !== 'number' || !Number.isFinite(value)) return null;
  const column = src.scope.get(m.of);
  const family = column?.family;
  if (!column?.type || (family !== 'date' && family !== 'timestamp')) return null;
  const days = op === 'lte' || op === 'gt' ? Math.floor(value) : Math.ceil(value) - 1;
  const bound = st.dayStart(-days, column.type);
  if (!bound) return null;
  return sql`${src.field(m.of)} ${raw(op === 'lte' || op === 'lt' ? '>=' : '<')} ${bound}`;
}

function likePattern(value: string, prefix: boolean, suffix: boolean): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return `${prefix ? '%' : ''}${escaped}${suffix ? '%' : ''}`;
}

function condition(c: Condition, path: string, src: RuleSource, st: CompileState, negate: boolean): Frag {
  const spec = OPERATORS[c.op];
  const entry = src.scope.get(c.field);
  if (!spec) {
    st.error(path, `unknown op '${String(c.op)}'`);
    return FALSE;
  }
  if (!entry) {
    st.error(path, `field '${c.field}' not found in '${src.scope.table}'`);
    return FALSE;
  }
  const x = src.field(c.field);
  const d = st.dialect;
  const v = (key: keyof Condition) => valueParam(c[key], entry, childPath(path, key), st);
  const isString = entry.family === 'string' || (entry.family === 'unknown' && typeof c.value === 'string');
  const fold = (f: Frag) => (c.ignoreCase && isString ? sql`lower(${f})` : f);
  const cmp = (f: Frag) => (isString ? d.binary(f) : f);
  const positive = (p: Frag | null) => (p === null ? FALSE : negate ? negateLeaf(p) : p);
  const timeKind = entry.family === 'date' ? 'date' : entry.family === 'timestamp' ? 'timestamp' : null;

  switch (c.op) {
    case 'eq':
    case 'neq': {
      const val = v('value');
      if (!val) return FALSE;
      const wantEq = (c.op === 'eq') !== negate;
      return wantEq ? sql`${fold(x)} = ${fold(val)}` : sql`${fold(x)} IS DISTINCT FROM ${fold(val)}`;
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const val = v('value');
      const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[c.op];
      if (!val) return FALSE;
      return positive(daysSinceComparison(c.op, c.value, entry, src, st) ?? sql`${cmp(x)} ${raw(op)} ${val}`);
    }
    case 'between': {
      const lo = v('min');
      const hi = v('max');
      return positive(lo && hi && sql`${x} BETWEEN ${lo} AND ${hi}`);
    }
    case 'in':
    case 'notIn': {
      const values = Array.isArray(c.values) ? c.values : null;
      if (!values) {
        st.error(childPath(path, 'values'), '"values" must be a list');
        return FALSE;
      }
      if (values.length > MAX_LIST_VALUES) {
        st.error(childPath(path, 'values'), listTooLong(values.length));
        return FALSE;
      }
      const wantIn = (c.op === 'in') !== negate;
      if (values.length === 0) return wantIn ? FALSE : TRUE;
      const items: Frag[] = [];
      for (const [i, item] of values.entries()) {
        const p = valueParam(item, entry, childPath(childPath(path, 'values'), i), st);
        if (!p) return FALSE;
        items.push(fold(p));
      }
      const list = join(items, ', ');
      return wantIn ? sql`${fold(x)} IN (${list})` : sql`coalesce(${fold(x)} NOT IN (${list}), TRUE)`;
    }
    case 'contains':
    case 'notContains':
    case 'startsWith':
    case 'endsWith': {
      if (typeof c.value !== 'string') {
        st.error(childPath(path, 'value'), 'needs a string "value"');
        return FALSE;
      }
      const contains = c.op === 'contains' || c.op === 'notContains';
      const pattern = likePattern(c.value, contains || c.op === 'endsWith', contains || c.op === 'startsWith');
      const p = d.like(sql`lower(${x})`, sql`lower(${param(pattern, 'VARCHAR')})`);
      return (c.op === 'notContains') !== negate ? negateLeaf(p) : p;
    }
    case 'matches': {
      if (typeof c.value !== 'string') {
        st.error(childPath(path, 'value'), 'needs a string "value"');
        return FALSE;
      }
      return positive(d.regex(x, sql`${param(c.value, 'VARCHAR')}`));
    }
    case 'isEmpty':
    case 'isNotEmpty': {
      const wantEmpty = (c.op === 'isEmpty') !== negate;
      if (entry.family === 'string')
        return wantEmpty ? sql`coalesce(${d.trimBlank(x)} = '', TRUE)` : sql`${d.trimBlank(x)} <> ''`;
      return wantEmpty ? sql`${x} IS NULL` : sql`${x} IS NOT NULL`;
    }
    case 'isTrue':
      return negate ? sql`${x} IS NOT TRUE` : sql`${x} = TRUE`;
    case 'isFalse':
      return negate ? sql`${x} IS NOT FALSE` : sql`${x} = FALSE`;
    case 'inLast':
    case 'olderThan':
    case 'inNext': {
      if (!timeKind) {
        st.error(
          path,
          `op '${c.op}' needs a date or timestamp field; '${c.field}' is ${entry.type ?? 'of unknown type'}`,
        );
        return FALSE;
      }
      if (typeof c.n !== 'number' || !Number.isInteger(c.n) || c.n < 1 || !c.unit) {
        st.error(path, `op '${c.op}' needs a positive integer "n" and a "unit"`);
        return FALSE;
      }
      const at = (k: number) =>
        timeKind === 'date' ? st.dateBound(k, c.unit!) : st.instantBound(k, c.unit!, entry.type!);
      const p =
        c.op === 'inLast'
          ? sql`${x} BETWEEN ${at(-c.n)} AND ${at(0)}`
          : c.op === 'olderThan'
            ? sql`${x} < ${at(-c.n)}`
            : sql`${x} BETWEEN ${at(0)} AND ${at(c.n)}`;
      return positive(p);
    }
    case 'inPeriod': {
      if (!timeKind || !c.period) {
        st.error(path, `op 'inPeriod' needs a date or timestamp field and a "period"`);
        return FALSE;
      }
      if (timeKind === 'date') {
        const { start, end } = st.periodDates(c.period);
        return positive(sql`(${x} >= ${start} AND ${x} < ${end})`);
      }
      const ts = st.periodInstants(c.period, entry.type!);
      return positive(sql`(${x} >= ${ts.start} AND ${x} < ${ts.end})`);
    }
    case 'inTable':
    case 'notInTable': {
      const cols = c.table ? st.ctx.schemas[c.table] : undefined;
      if (!c.table || !c.column || !cols || !cols.some((col) => col.name === c.column)) {
        st.error(path, `table/column '${c.table}'.'${c.column}' not found`);
        return FALSE;
      }
      const sub = sql`SELECT ${raw(st.ident(c.column))} FROM ${st.relation(c.table)}`;
      const wantIn = (c.op === 'inTable') !== negate;
      return wantIn ? sql`${x} IN (${sub})` : sql`coalesce(${x} NOT IN (${sub}), TRUE)`;
    }
    case 'topPercent':
    case 'bottomPercent': {
      const p = c.value;
      if (typeof p !== 'number' || !(p > 0 && p <= 100) || !/^\d+(\.\d{1,2})?$/.test(String(p))) {
        st.error(childPath(path, 'value'), 'percent must be 0 < p ≤ 100 with at most 2 decimals');
        return FALSE;
      }
      if (entry.family !== 'number' && entry.family !== 'unknown') {
        st.error(path, `op '${c.op}' needs a number field`);
        return FALSE;
      }
      return positive(percentile(c.field, c.op === 'topPercent', Math.round(p * 100), src, st));
    }
  }
  st.error(path, `op '${String((c as { op: unknown }).op)}' is not supported`);
  return FALSE;
}

/**
 * v ≥ the k-th largest (top) / v ≤ the k-th smallest (bottom) non-null value over all rows,
 * k = ⌈N·p/100⌉ with p in hundredths, computed in integers: k = (N·P + 9999) div 10000.
 * Where OFFSET may be a scalar subquery (DuckDB, PostgreSQL) the k-th value is `ORDER BY … LIMIT 1
 * OFFSET k−1` (2× faster than a window in DuckDB); elsewhere rn ≤ k ⇔ rn·10000 ≤ N·P + 9999 over
 * row_number(). Ties at the threshold are all in because members compare with ≥ / ≤.
 */
function percentile(field: string, top: boolean, hundredths: number, src: RuleSource, st: CompileState): Frag {
  const v = raw(`__t.${st.ident(field)}`);
  const order = raw(top ? 'DESC' : 'ASC');
  const cmp = raw(top ? '>=' : '<=');
  const div = st.dialect.offsetIntDiv;
  if (div) {
    const k = div(sql`count(${v}) * ${param(hundredths, 'BIGINT')} + 9999`, raw('10000'));
    const offset = sql`(SELECT greatest(${k} - 1, 0) FROM ${src.all(field)} AS __t)`;
    const threshold = sql`(SELECT ${v} FROM ${src.all(field)} AS __t WHERE ${v} IS NOT NULL ORDER BY ${v} ${order} LIMIT 1 OFFSET ${offset})`;
    return sql`${src.field(field)} ${cmp} ${threshold}`;
  }
  const threshold = sql`(SELECT ${raw(top ? 'min' : 'max')}(__s.__v) FROM (SELECT ${v} AS __v, row_number() OVER (ORDER BY ${v} ${order}) AS __rn, count(*) OVER () AS __n FROM ${src.all(field)} AS __t WHERE ${v} IS NOT NULL) AS __s WHERE __s.__rn * 10000 <= __s.__n * ${param(hundredths, 'BIGINT')} + 9999)`;
  return sql`${src.field(field)} ${cmp} ${threshold}`;
}
