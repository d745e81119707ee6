/**
 * Field mapping for definitions (segments and schemes) written against other tables (templates, a teammate's file):
 * find
 * which tables and columns it reads that this workspace lacks, and rewrite the definition with the
 * user's choices. Pure. SQL text (SqlRule, `expr` metrics) is not rewritten: it is reported instead,
 * because renaming inside SQL needs the parser.
 */
import type { TableInfo } from '../../../shared/api/dataApi';
import { collectReads } from '../../../shared/segments/compat';
import {
  isSchemeDefinition,
  type Condition,
  type Definition,
  type Metric,
  type Rule,
} from '../../../shared/segments/model';

export interface MissingReads {
  /** Tables read that do not exist here. */
  tables: string[];
  /** Per table read (by its name in the definition): columns not found in the table it maps to. */
  columns: Record<string, string[]>;
  /** True when SQL text reads columns that cannot be remapped automatically. */
  hasSql: boolean;
}

export interface FieldMapping {
  /** Definition table → workspace table. */
  tables: Record<string, string>;
  /** Definition table → (definition column → workspace column). */
  columns: Record<string, Record<string, string>>;
}

export function missingReads(
  def: Definition,
  tables: TableInfo[],
  mapping: FieldMapping = { tables: {}, columns: {} },
): MissingReads {
  const reads = collectReads(def);
  const out: MissingReads = { tables: [], columns: {}, hasSql: /"sql":/.test(JSON.stringify(def)) };
  for (const [table, cols] of reads) {
    const target = tables.find((t) => t.name === (mapping.tables[table] ?? table));
    if (!target) {
      out.tables.push(table);
      out.columns[table] = [...cols].sort();
      continue;
    }
    const missing = [...cols]
      .filter((c) => !target.columns.some((x) => x.name === (mapping.columns[table]?.[c] ?? c)))
      .sort();
    if (missing.length) out.columns[table] = missing;
  }
  return out;
}

function remapRule(rule: Rule, table: string, m: FieldMapping, metricNames: Set<string>): Rule {
  if ('all' in rule) return { ...rule, all: rule.all.map((r) => remapRule(r, table, m, metricNames)) };
  if ('any' in rule) return { ...rule, any: rule.any.map((r) => remapRule(r, table, m, metricNames)) };
  if ('not' in rule) return { ...rule, not: remapRule(rule.not, table, m, metricNames) };
  if (!('field' in rule)) return rule;
  const c: Condition = { ...rule };
  if (!metricNames.has(c.field)) c.field = m.columns[table]?.[c.field] ?? c.field;
  if (c.table !== undefined) {
    const from = c.table;
    c.table = m.tables[from] ?? from;
    if (c.column !== undefined) c.column = m.columns[from]?.[c.column] ?? c.column;
  }
  return c;
}

function remapMetric(metric: Metric, entity: string, m: FieldMapping): Metric {
  const col = (table: string, c: string) => m.columns[table]?.[c] ?? c;
  switch (metric.kind) {
    case 'daysSince':
      return { ...metric, of: col(entity, metric.of) };
    case 'expr':
      return metric;
    case 'lookup':
      return {
        ...metric,
        from: m.tables[metric.from] ?? metric.from,
        on: { entity: col(entity, metric.on.entity), related: col(metric.from, metric.on.related) },
        column: col(metric.from, metric.column),
      };
    case 'aggregate': {
      const from = metric.from;
      return {
        ...metric,
        from: m.tables[from] ?? from,
        on: { entity: col(entity, metric.on.entity), related: col(from, metric.on.related) },
        ...(metric.of !== undefined ? { of: col(from, metric.of) } : {}),
        ...(metric.window ? { window: { ...metric.window, column: col(from, metric.window.column) } } : {}),
        ...(metric.where ? { where: remapRule(metric.where, from, m, new Set()) } : {}),
      };
    }
  }
}

/**
 * The definition (a segment's `where` or a scheme's tiers) with tables and columns renamed by the mapping; `fields` is
 * dropped (re-collected on save).
 */
export function remapDefinition(def: Definition, m: FieldMapping): Definition {
  const entity = def.entity.table;
  const metricNames = new Set((def.metrics ?? []).map((x) => x.name));
  const { fields: _fields, ...rest } = def;
  const base = {
    ...rest,
    entity: { table: m.tables[entity] ?? entity, key: m.columns[entity]?.[def.entity.key] ?? def.entity.key },
    ...(def.metrics ? { metrics: def.metrics.map((x) => remapMetric(x, entity, m)) } : {}),
  };
  const rule = (r: Rule) => remapRule(r, entity, m, metricNames);
  if (isSchemeDefinition(def))
    return { ...base, tiers: def.tiers.map((t) => ({ ...t, where: rule(t.where) })), otherwise: def.otherwise };
  return { ...base, where: rule(def.where) };
}
