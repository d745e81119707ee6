/**
 * Metrics (§4) as SQL: the entity source becomes a subquery exposing every entity column plus one
 * column per metric, so rules, SqlRules and topPercent thresholds read metrics like columns.
 * Aggregates are LEFT JOINed grouped subqueries over the related table (keys equal, NULL keys never
 * match, window [asOf − n units, asOf], optional `where`); count/countDistinct/sum default to 0.
 * Lookups join one value per key; ambiguity (two related rows for one key) is found by the check
 * query returned beside the SQL, which the engine runs first: nothing is picked silently.
 */
import { childPath, type AggregateMetric, type Definition, type LookupMetric, type Metric } from '../model';
import { buildScope, columnsOf } from '../scope';
import { typeInfo } from '../types';
import type { CompileState } from './context';
import { type Frag, join, raw, sql } from './fragment';
import { compileRule, sqlExpression, type RuleSource } from './rules';

export interface LookupCheck {
  metric: string;
  /** Returns one row per ambiguous key (`key` as text, `rows`), at most 5; no rows = unambiguous. */
  query: Frag;
}

export interface EntitySource {
  /** FROM-able relation of all entity rows, metrics included as columns. */
  relation: Frag;
  lookupChecks: LookupCheck[];
}

const E = '__e';

/** The entity source with every metric, or with only the metrics named in `only`. */
export function entitySource(def: Definition, st: CompileState, only?: ReadonlySet<string>): EntitySource {
  const table = def.entity.table;
  const metrics = (Array.isArray(def.metrics) ? def.metrics : []).filter((m) => !only || only.has(m.name));
  if (metrics.length === 0) return { relation: st.relation(table), lookupChecks: [] };
  const entityScope = buildScope(st.ctx.schemas, table);
  const entitySrc: RuleSource = {
    scope: entityScope,
    field: (n) => raw(`${E}.${st.ident(n)}`),
    all: () => st.relation(table),
    alias: E,
  };
  const selects: Frag[] = [raw(`${E}.*`)];
  const joins: Frag[] = [];
  const lookupChecks: LookupCheck[] = [];
  metrics.forEach((m, i) => {
    const path = childPath('metrics', i);
    const name = raw(st.ident(m.name));
    switch (m.kind) {
      case 'daysSince': {
        const col = entityScope.get(m.of);
        if (!col?.type) {
          st.error(childPath(path, 'of'), `field '${m.of}' not found in '${table}'`);
          selects.push(sql`NULL AS ${name}`);
          return;
        }
        const kind =
          typeInfo(col.type).family === 'date'
            ? 'date'
            : typeInfo(col.type).timestampKind === 'TIMESTAMPTZ'
              ? 'timestamptz'
              : 'timestamp';
        selects.push(
          sql`${st.dialect.daysBetween(st.dialect.utcDate(entitySrc.field(m.of), kind), st.asOfDate())} AS ${name}`,
        );
        return;
      }
      case 'expr': {
        const expr = sqlExpression(m.sql, childPath(path, 'sql'), entitySrc, st);
        selects.push(sql`${expr ?? raw('NULL')} AS ${name}`);
        return;
      }
      case 'aggregate':
      case 'lookup': {
        const alias = `__m${i}`;
        const sub = m.kind === 'aggregate' ? aggregate(m, path, st) : lookup(m, st);
        if (!sub) {
          selects.push(sql`NULL AS ${name}`);
          return;
        }
        joins.push(sql` LEFT JOIN (${sub}) AS ${raw(alias)} ON ${raw(alias)}.__k = ${entitySrc.field(m.on.entity)}`);
        const zero = m.kind === 'aggregate' && (m.fn === 'count' || m.fn === 'countDistinct' || m.fn === 'sum');
        selects.push(zero ? sql`coalesce(${raw(alias)}.__v, 0) AS ${name}` : sql`${raw(alias)}.__v AS ${name}`);
        if (m.kind === 'lookup') lookupChecks.push({ metric: m.name, query: lookupCheck(m, def, st) });
        return;
      }
      default:
        st.error(path, `unknown metric kind '${String((m as Metric).kind)}'`);
    }
  });
  return {
    relation: sql`(SELECT ${join(selects, ', ')} FROM ${st.relation(table)} AS ${raw(E)}${join(joins, '')})`,
    lookupChecks,
  };
}

function relatedKeyOk(m: AggregateMetric | LookupMetric, st: CompileState): boolean {
  const cols = columnsOf(st.ctx.schemas, m.from);
  if (!cols) {
    st.error('', `table '${m.from}' of metric '${m.name}' not found`);
    return false;
  }
  if (!cols.some((c) => c.name === m.on.related)) {
    st.error('', `join key '${m.on.related}' not found in '${m.from}'`);
    return false;
  }
  if (!columnsOf(st.ctx.schemas, st.entityTable)?.some((c) => c.name === m.on.entity)) {
    st.error('', `join key '${m.on.entity}' not found in '${st.entityTable}'`);
    return false;
  }
  return true;
}

function aggregate(m: AggregateMetric, path: string, st: CompileState): Frag | null {
  if (!relatedKeyOk(m, st)) return null;
  const scope = buildScope(st.ctx.schemas, m.from);
  const r = (n: string) => raw(`__r.${st.ident(n)}`);
  if (m.fn !== 'count' && (m.of === undefined || !scope.get(m.of))) {
    st.error(childPath(path, 'of'), `'${m.of}' not found in '${m.from}'`);
    return null;
  }
  const value =
    m.fn === 'count'
      ? raw('count(*)')
      : m.fn === 'countDistinct'
        ? sql`count(DISTINCT ${r(m.of!)})`
        : sql`${raw(m.fn)}(${r(m.of!)})`;
  const filters: Frag[] = [sql`${r(m.on.related)} IS NOT NULL`];
  if (m.window) {
    const col = scope.get(m.window.column);
    const fam = col?.family;
    if (!col || (fam !== 'date' && fam !== 'timestamp')) {
      st.error(childPath(path, 'window.column'), 'window needs a date or timestamp column');
      return null;
    }
    const at = (k: number) =>
      fam === 'date' ? st.dateBound(k, m.window!.unit) : st.instantBound(k, m.window!.unit, col.type!);
    filters.push(sql`${r(m.window.column)} BETWEEN ${at(-m.window.n)} AND ${at(0)}`);
  }
  if (m.where !== undefined) {
    const src: RuleSource = { scope, field: r, all: () => st.relation(m.from), alias: '__r' };
    filters.push(compileRule(m.where, childPath(path, 'where'), src, st));
  }
  return sql`SELECT ${r(m.on.related)} AS __k, ${value} AS __v FROM ${st.relation(m.from)} AS __r WHERE ${join(filters, ' AND ')} GROUP BY ${r(m.on.related)}`;
}

function lookup(m: LookupMetric, st: CompileState): Frag | null {
  if (!relatedKeyOk(m, st)) return null;
  if (!columnsOf(st.ctx.schemas, m.from)!.some((c) => c.name === m.column)) {
    st.error('', `column '${m.column}' not found in '${m.from}'`);
    return null;
  }
  const r = (n: string) => raw(`__r.${st.ident(n)}`);
  // One row per key; the engine's lookup check has already refused ambiguous keys.
  return sql`SELECT ${r(m.on.related)} AS __k, min(${r(m.column)}) AS __v FROM ${st.relation(m.from)} AS __r WHERE ${r(m.on.related)} IS NOT NULL GROUP BY ${r(m.on.related)}`;
}

function lookupCheck(m: LookupMetric, def: Definition, st: CompileState): Frag {
  const r = raw(`__r.${st.ident(m.on.related)}`);
  const text = raw(st.dialect.typeName('VARCHAR'));
  const keys = sql`SELECT ${raw(st.ident(m.on.entity))} FROM ${st.relation(def.entity.table)}`;
  return sql`SELECT CAST(${r} AS ${text}) AS ${raw(st.ident('key'))}, count(*) AS ${raw(st.ident('rows'))} FROM ${st.relation(m.from)} AS __r WHERE ${r} IN (${keys}) GROUP BY ${r} HAVING count(*) > 1 ORDER BY 1 LIMIT 5`;
}
