/**
 * Field compatibility (§5): which columns a definition reads, per table (`collectFields` builds the
 * `fields` record saved with a version), and how the actual tables differ from what it expects.
 * A missing table or column, or a change of type family, blocks; a change within a family
 * (integer widths, DECIMAL/DOUBLE, TIMESTAMP with/without zone) is a note; an incomplete `fields`
 * record is a warning, never a reason to refuse the file.
 */
import {
  diag,
  isCondition,
  isSchemeDefinition,
  type Definition,
  type Diagnostic,
  type FieldsRecord,
  type Rule,
  type TableSchemas,
} from './model';
import { columnsOf } from './scope';
import type { ParsedSqlExprs } from './sqlExpr/types';
import { typeInfo } from './types';

type Reads = Map<string, Set<string>>;

function add(reads: Reads, table: string, column: string | undefined): void {
  if (typeof column !== 'string' || column === '') return;
  let cols = reads.get(table);
  if (!cols) {
    cols = new Set();
    reads.set(table, cols);
  }
  cols.add(column);
}

function ruleReads(
  rule: Rule | undefined,
  table: string,
  metricNames: Set<string>,
  reads: Reads,
  sqlExprs: ParsedSqlExprs | undefined,
  depth = 0,
): void {
  if (!rule || typeof rule !== 'object' || depth > 200) return;
  if ('all' in rule && Array.isArray(rule.all)) {
    rule.all.forEach((r) => ruleReads(r, table, metricNames, reads, sqlExprs, depth + 1));
    return;
  }
  if ('any' in rule && Array.isArray(rule.any)) {
    rule.any.forEach((r) => ruleReads(r, table, metricNames, reads, sqlExprs, depth + 1));
    return;
  }
  if ('not' in rule) {
    ruleReads(rule.not, table, metricNames, reads, sqlExprs, depth + 1);
    return;
  }
  if ('sql' in rule && !('field' in rule)) {
    const parsed = sqlExprs?.[rule.sql];
    for (const c of parsed?.columns ?? []) if (!metricNames.has(c)) add(reads, table, c);
    return;
  }
  if (isCondition(rule)) {
    if (!metricNames.has(rule.field)) add(reads, table, rule.field);
    if ((rule.op === 'inTable' || rule.op === 'notInTable') && typeof rule.table === 'string')
      add(reads, rule.table, rule.column);
  }
}

/** Every (table, column) the definition reads; SQL texts count through their parsed `columns`. */
export function collectReads(def: Definition, sqlExprs?: ParsedSqlExprs): Reads {
  const reads: Reads = new Map();
  const table = def.entity.table;
  add(reads, table, def.entity.key);
  const metrics = Array.isArray(def.metrics) ? def.metrics : [];
  const metricNames = new Set(metrics.map((m) => m.name));
  for (const m of metrics) {
    switch (m.kind) {
      case 'daysSince':
        add(reads, table, m.of);
        break;
      case 'expr':
        for (const c of sqlExprs?.[m.sql]?.columns ?? []) add(reads, table, c);
        break;
      case 'lookup':
        add(reads, table, m.on?.entity);
        add(reads, m.from, m.on?.related);
        add(reads, m.from, m.column);
        break;
      case 'aggregate':
        add(reads, table, m.on?.entity);
        add(reads, m.from, m.on?.related);
        add(reads, m.from, m.of);
        add(reads, m.from, m.window?.column);
        ruleReads(m.where, m.from, new Set(), reads, sqlExprs);
        break;
    }
  }
  if (isSchemeDefinition(def))
    (Array.isArray(def.tiers) ? def.tiers : []).forEach((t) => ruleReads(t.where, table, metricNames, reads, sqlExprs));
  else ruleReads(def.where, table, metricNames, reads, sqlExprs);
  return reads;
}

/** The §5 `fields` record: each table read → each column read → its DuckDB type (columns not found are left out). */
export function collectFields(def: Definition, schemas: TableSchemas, sqlExprs?: ParsedSqlExprs): FieldsRecord {
  const out: FieldsRecord = {};
  for (const [table, cols] of collectReads(def, sqlExprs)) {
    const actual = columnsOf(schemas, table);
    if (!actual) continue;
    const record: Record<string, string> = {};
    for (const c of [...cols].sort()) {
      const found = actual.find((a) => a.name === c);
      if (found) record[c] = found.type;
    }
    out[table] = record;
  }
  return out;
}

export interface FieldChange {
  table: string;
  column: string;
  saved: string;
  actual: string;
  blocking: boolean;
}

export interface CompatReport {
  missingTables: string[];
  missing: { table: string; column: string }[];
  retyped: FieldChange[];
  /** Columns read but absent from the `fields` record. */
  unrecorded: { table: string; column: string }[];
  /** Paths under `fields.<table>.<column>`; errors block running, notes and warnings do not. */
  diagnostics: Diagnostic[];
  blocking: boolean;
}

function sameFamily(a: string, b: string): boolean {
  const fa = typeInfo(a);
  const fb = typeInfo(b);
  return fa.family === fb.family && (fa.family !== 'other' || fa.base === fb.base);
}

/** Compares what the definition reads (and its saved `fields`) with the actual table schemas. */
export function checkCompat(def: Definition, schemas: TableSchemas, sqlExprs?: ParsedSqlExprs): CompatReport {
  const report: CompatReport = {
    missingTables: [],
    missing: [],
    retyped: [],
    unrecorded: [],
    diagnostics: [],
    blocking: false,
  };
  const saved = (def.fields ?? {}) as FieldsRecord;
  for (const [table, cols] of collectReads(def, sqlExprs)) {
    const actual = columnsOf(schemas, table);
    if (!actual) {
      report.missingTables.push(table);
      report.diagnostics.push(diag(`fields.${table}`, `table '${table}' not found`));
      continue;
    }
    for (const column of cols) {
      const path = `fields.${table}.${column}`;
      const found = actual.find((a) => a.name === column);
      const savedType = saved[table]?.[column];
      if (!found) {
        report.missing.push({ table, column });
        const similar = actual.find((a) => a.name.toLowerCase() === column.toLowerCase());
        report.diagnostics.push(
          diag(
            path,
            `field '${column}' is missing from '${table}'${similar ? ` (there is '${similar.name}'; names are case-sensitive — map it before running)` : ''}`,
          ),
        );
        continue;
      }
      if (savedType === undefined) {
        report.unrecorded.push({ table, column });
        report.diagnostics.push(
          diag(
            path,
            `"fields" does not list '${table}'.'${column}', which the definition reads (saving again records it)`,
            'warning',
          ),
        );
        continue;
      }
      if (savedType === found.type) continue;
      const blocking = !sameFamily(savedType, found.type);
      report.retyped.push({ table, column, saved: savedType, actual: found.type, blocking });
      report.diagnostics.push(
        blocking
          ? diag(
              path,
              `'${table}'.'${column}' changed type ${savedType} → ${found.type} (${typeInfo(savedType).family} → ${typeInfo(found.type).family}); map it before running`,
            )
          : diag(
              path,
              `'${table}'.'${column}' changed type ${savedType} → ${found.type} (same family; runs as before)`,
              'info',
            ),
      );
    }
  }
  report.blocking = report.diagnostics.some((d) => d.severity === 'error');
  return report;
}
