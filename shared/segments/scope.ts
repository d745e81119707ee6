/**
 * What a rule can name: the columns of one table (exact case) and, for the entity table, the
 * definition's metrics with the type each produces. Shared by validation, the compiler and
 * field collection so they agree on what a name means.
 */
import type { ColumnSchema, Metric, TableSchemas } from './model';
import { typeInfo, type Family } from './types';

export interface ScopeEntry {
  name: string;
  /** A DuckDB type name, or null when unknown before running (expr metrics). */
  type: string | null;
  family: Family | 'unknown';
  metric?: Metric;
}

export interface Scope {
  table: string;
  get(name: string): ScopeEntry | undefined;
  /** A differently-cased name that exists, for "did you mean" hints. */
  similar(name: string): string | undefined;
}

export function columnsOf(schemas: TableSchemas, table: string): ColumnSchema[] | undefined {
  return Object.prototype.hasOwnProperty.call(schemas, table) ? schemas[table] : undefined;
}

function column(schemas: TableSchemas, table: string, name: string): ColumnSchema | undefined {
  return columnsOf(schemas, table)?.find((c) => c.name === name);
}

/** The type a metric produces, as a DuckDB type name (null when only the run knows). */
export function metricType(metric: Metric, schemas: TableSchemas, entityTable: string): string | null {
  switch (metric.kind) {
    case 'daysSince':
      return 'BIGINT';
    case 'expr':
      return null;
    case 'lookup':
      return column(schemas, metric.from, metric.column)?.type ?? null;
    case 'aggregate': {
      if (metric.fn === 'count' || metric.fn === 'countDistinct') return 'BIGINT';
      if (metric.fn === 'avg') return 'DOUBLE';
      const of = metric.of === undefined ? undefined : column(schemas, metric.from, metric.of);
      if (!of) return null;
      if (metric.fn === 'sum') return typeInfo(of.type).numberKind === 'integer' ? 'HUGEINT' : 'DOUBLE';
      return of.type;
    }
  }
  void entityTable;
}

/**
 * `partial`: the schemas may be incomplete (a definition's own `fields` record); names not found
 * resolve to an entry of unknown type instead of being missing, so nothing is reported on a guess.
 */
export function buildScope(
  schemas: TableSchemas,
  table: string,
  metrics: readonly Metric[] = [],
  partial = false,
): Scope {
  const entries = new Map<string, ScopeEntry>();
  for (const c of columnsOf(schemas, table) ?? []) {
    entries.set(c.name, { name: c.name, type: c.type, family: typeInfo(c.type).family });
  }
  for (const m of metrics) {
    if (!m || typeof m !== 'object' || typeof m.name !== 'string' || entries.has(m.name)) continue;
    const type = metricType(m, schemas, table);
    entries.set(m.name, { name: m.name, type, family: type === null ? 'unknown' : typeInfo(type).family, metric: m });
  }
  return {
    table,
    get: (name) =>
      entries.get(name) ?? (partial && typeof name === 'string' ? { name, type: null, family: 'unknown' } : undefined),
    similar: (name) => [...entries.keys()].find((k) => k.toLowerCase() === name.toLowerCase()),
  };
}
