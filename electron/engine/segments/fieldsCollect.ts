/**
 * The §5 `fields` record of a definition: every column it reads, by table, with the type DESCRIBE
 * gives now (entity key, condition fields that are columns, columns read in SQL, metric inputs,
 * join keys on both sides, window columns, lookup and inTable columns).
 */
import type { FieldsRecord, TableSchemas } from '../../../shared/segments/model';
import type { ParsedSqlExprs } from '../../../shared/segments/sqlExpr/types';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function collectFields(def: Json, schemas: TableSchemas, sqlExprs: ParsedSqlExprs): FieldsRecord {
  const wanted = new Map<string, Set<string>>();
  const add = (table: unknown, col: unknown): void => {
    if (typeof table !== 'string' || typeof col !== 'string') return;
    const set = wanted.get(table) ?? new Set<string>();
    set.add(col);
    wanted.set(table, set);
  };
  const entity = isRecord(def.entity) ? def.entity : {};
  const table = entity.table;
  add(table, entity.key);
  const metricNames = new Set<string>();
  const walk = (rule: unknown, tbl: unknown, depth = 0): void => {
    if (!isRecord(rule) || depth > 200) return;
    if (typeof rule.field === 'string' && !(tbl === table && metricNames.has(rule.field))) add(tbl, rule.field);
    if ((rule.op === 'inTable' || rule.op === 'notInTable')) add(rule.table, rule.column);
    if (typeof rule.sql === 'string') for (const c of sqlExprs[rule.sql]?.columns ?? []) if (!(tbl === table && metricNames.has(c))) add(tbl, c);
    for (const k of ['all', 'any'] as const) if (Array.isArray(rule[k])) for (const r of rule[k] as unknown[]) walk(r, tbl, depth + 1);
    if ('not' in rule) walk(rule.not, tbl, depth + 1);
  };
  const metrics = Array.isArray(def.metrics) ? def.metrics.filter(isRecord) : [];
  for (const m of metrics) if (typeof m.name === 'string') metricNames.add(m.name);
  for (const m of metrics) {
    if (m.kind === 'daysSince') add(table, m.of);
    if (m.kind === 'expr' && typeof m.sql === 'string') for (const c of sqlExprs[m.sql]?.columns ?? []) if (!metricNames.has(c)) add(table, c);
    if (m.kind === 'aggregate' || m.kind === 'lookup') {
      const on = isRecord(m.on) ? m.on : {};
      add(table, on.entity);
      add(m.from, on.related);
      if (m.kind === 'lookup') add(m.from, m.column);
      else {
        add(m.from, m.of);
        if (isRecord(m.window)) add(m.from, m.window.column);
        walk(m.where, m.from);
      }
    }
  }
  walk(def.where, table);
  if (Array.isArray(def.tiers)) for (const t of def.tiers) if (isRecord(t)) walk(t.where, table);
  const out: FieldsRecord = {};
  for (const [tbl, cols] of [...wanted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const schema = schemas[tbl];
    if (!schema) continue;
    const entry: Record<string, string> = {};
    for (const c of [...cols].sort()) {
      const col = schema.find((x) => x.name === c);
      if (col) entry[c] = col.type;
    }
    out[tbl] = entry;
  }
  return out;
}
