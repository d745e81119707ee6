/**
 * Validation of a whole definition (segment or scheme, §4–§5) against table schemas. Returns
 * diagnostics with paths relative to the definition (`where.all[1]`, `metrics[0].of`); the file
 * reader re-roots them under `versions[i].definition`. Never throws; works on unknown JSON.
 */
import { parseInstant } from './dates';
import { AGGREGATE_FNS, childPath, diag, UNITS, type Diagnostic, type Metric, type TableSchemas } from './model';
import { buildScope, columnsOf } from './scope';
import { typeInfo } from './types';
import { validateRule, unknownField, type RuleContext } from './validateRule';
import { describeValue } from './values';
import { labelDiagnostics } from './location';
import type { ParsedSqlExprs } from './sqlExpr/types';

export interface ValidateOptions {
  /** Parsed SQL rules and expr metrics; when given, SQL text must be among them and read known columns. */
  sqlExprs?: ParsedSqlExprs;
  /**
   * The schemas may be incomplete (taken from the definition's own `fields` record, no workspace):
   * tables and columns that are not found are not reported, and only what is known is checked.
   * §5: an incomplete `fields` is a warning, never a reason to refuse the file.
   */
  partialSchemas?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates a segment definition (`where`) or a scheme definition (`tiers`, `otherwise`). Messages
 * start with the human name of their place ("Condition 2 (mrr ≥ abc): …", location.ts); `path`
 * keeps the JSON path.
 */
export function validateDefinition(def: unknown, schemas: TableSchemas, options: ValidateOptions = {}): Diagnostic[] {
  return labelDiagnostics(def, collectDiagnostics(def, schemas, options));
}

function collectDiagnostics(def: unknown, schemas: TableSchemas, options: ValidateOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!isRecord(def)) return [diag('', 'definition must be an object')];
  const entity = def.entity;
  if (!isRecord(entity) || typeof entity.table !== 'string' || typeof entity.key !== 'string') {
    out.push(diag('entity', 'entity must be {"table": …, "key": …}'));
    return out;
  }
  const table = entity.table;
  const key = entity.key;
  const partial = options.partialSchemas === true;
  if (!columnsOf(schemas, table)) {
    if (!partial) {
      out.push(diag('entity.table', `table '${table}' not found`));
      return out;
    }
    schemas = { ...schemas, [table]: [] };
  }
  validateAsOf(def.asOf, out);

  const metrics = Array.isArray(def.metrics) ? def.metrics : [];
  if (def.metrics !== undefined && !Array.isArray(def.metrics)) out.push(diag('metrics', 'metrics must be a list'));
  const entityScope = buildScope(schemas, table, [], partial);
  if (!entityScope.get(key)) out.push(diag('entity.key', unknownField(key, entityScope)));
  const names = new Set<string>();
  metrics.forEach((m, i) => validateMetric(m, childPath('metrics', i), table, key, schemas, names, options, out));

  const scope = buildScope(schemas, table, metrics.filter(isRecord) as unknown as Metric[], partial);
  const ctx: RuleContext = {
    scope,
    schemas,
    out,
    partial,
    ...(options.sqlExprs ? { sqlExprs: options.sqlExprs } : {}),
  };
  if ('tiers' in def) {
    if (!Array.isArray(def.tiers)) out.push(diag('tiers', 'tiers must be a list'));
    else {
      const tierNames = new Set<string>();
      def.tiers.forEach((t, i) => {
        const path = childPath('tiers', i);
        if (!isRecord(t)) {
          out.push(diag(path, 'a tier must be {"name": …, "where": Rule}'));
          return;
        }
        if (typeof t.name !== 'string' || t.name === '')
          out.push(diag(childPath(path, 'name'), 'tier name must be a non-empty string'));
        else if (tierNames.has(t.name))
          out.push(
            diag(childPath(path, 'name'), `another tier is already named '${t.name}'; give each tier its own name`),
          );
        else tierNames.add(t.name);
        if (!('where' in t)) out.push(diag(path, 'tier has no "where"'));
        else validateRule(t.where, childPath(path, 'where'), ctx);
      });
      if (typeof def.otherwise !== 'string' || def.otherwise === '')
        out.push(diag('otherwise', '"otherwise" must name the tier for unmatched rows'));
      else if (tierNames.has(def.otherwise))
        out.push(diag('otherwise', `"otherwise" '${def.otherwise}' repeats a tier name`));
    }
  } else if (!('where' in def)) {
    out.push(diag('', 'definition has no "where" rule'));
  } else {
    validateRule(def.where, 'where', ctx);
  }
  if (def.fields !== undefined) validateFieldsShape(def.fields, out);
  return out;
}

function validateAsOf(asOf: unknown, out: Diagnostic[]): void {
  if (asOf === undefined) return;
  if (!isRecord(asOf) || !['snapshot', 'now', 'fixed'].includes(asOf.kind as string)) {
    out.push(diag('asOf', 'asOf must be {"kind": "snapshot"}, {"kind": "now"} or {"kind": "fixed", "at": …}'));
    return;
  }
  if (asOf.kind === 'fixed') {
    const parsed = typeof asOf.at === 'string' ? parseInstant(asOf.at) : null;
    if (!parsed)
      out.push(diag('asOf.at', `${describeValue(asOf.at)} is not a date (YYYY-MM-DD) or an ISO 8601 timestamp`));
    else if (!parsed.zoned && !parsed.dateOnly)
      out.push(diag('asOf.at', 'timestamp has no Z or offset; read as UTC', 'warning'));
  }
}

function validateFieldsShape(fields: unknown, out: Diagnostic[]): void {
  if (!isRecord(fields)) {
    out.push(diag('fields', 'fields must be {table: {column: type}}'));
    return;
  }
  for (const [table, cols] of Object.entries(fields)) {
    if (!isRecord(cols) || Object.values(cols).some((t) => typeof t !== 'string')) {
      out.push(diag(childPath('fields', table), 'must map column names to DuckDB type names'));
    }
  }
}

function validateMetric(
  m: unknown,
  path: string,
  entityTable: string,
  entityKey: string,
  schemas: TableSchemas,
  names: Set<string>,
  options: ValidateOptions,
  out: Diagnostic[],
): void {
  if (!isRecord(m)) {
    out.push(diag(path, 'a metric must be an object'));
    return;
  }
  const { name, kind } = m;
  if (typeof name !== 'string' || name === '') {
    out.push(diag(childPath(path, 'name'), 'metric name must be a non-empty string'));
    return;
  }
  if (names.has(name)) out.push(diag(childPath(path, 'name'), `duplicate metric name '${name}'`));
  names.add(name);
  const partial = options.partialSchemas === true;
  const entityScope = buildScope(schemas, entityTable);
  if (entityScope.get(name))
    out.push(diag(childPath(path, 'name'), `metric name '${name}' is also a column of '${entityTable}'`));
  const col = (key: string, table: string) => {
    const v = m[key];
    if (typeof v !== 'string' || v === '') {
      out.push(diag(childPath(path, key), `"${key}" must name a column`));
      return undefined;
    }
    const found = columnsOf(schemas, table)?.find((c) => c.name === v);
    if (!found && !partial) out.push(diag(childPath(path, key), unknownField(v, buildScope(schemas, table))));
    return found;
  };
  switch (kind) {
    case 'daysSince': {
      const of = col('of', entityTable);
      const fam = of && typeInfo(of.type).family;
      if (of && fam !== 'date' && fam !== 'timestamp')
        out.push(diag(childPath(path, 'of'), `daysSince needs a date or timestamp field; '${of.name}' is ${of.type}`));
      return;
    }
    case 'expr': {
      if (typeof m.sql !== 'string' || m.sql.trim() === '') {
        out.push(diag(childPath(path, 'sql'), 'expr metric needs "sql"'));
        return;
      }
      const parsed =
        options.sqlExprs && Object.prototype.hasOwnProperty.call(options.sqlExprs, m.sql)
          ? options.sqlExprs[m.sql]
          : undefined;
      if (options.sqlExprs && !parsed)
        out.push(diag(childPath(path, 'sql'), 'SQL expression was not checked (parse it first)'));
      for (const c of parsed?.columns ?? []) {
        if (!entityScope.get(c) && !partial)
          out.push(
            diag(
              childPath(path, 'sql'),
              `${unknownField(c, entityScope)} (expr metrics read entity columns, not other metrics)`,
            ),
          );
      }
      return;
    }
    case 'aggregate':
    case 'lookup': {
      if (typeof m.from !== 'string' || m.from === '') {
        out.push(diag(childPath(path, 'from'), '"from" must name a table'));
        return;
      }
      if (!columnsOf(schemas, m.from) && !partial) {
        out.push(diag(childPath(path, 'from'), `table ${describeValue(m.from)} not found`));
        return;
      }
      const from = m.from;
      if (!columnsOf(schemas, from)) schemas = { ...schemas, [from]: [] };
      const on = m.on;
      if (!isRecord(on)) {
        out.push(diag(childPath(path, 'on'), '"on" must be {"entity": …, "related": …}'));
        return;
      }
      const ek =
        typeof on.entity === 'string' ? columnsOf(schemas, entityTable)?.find((c) => c.name === on.entity) : undefined;
      const rk =
        typeof on.related === 'string' ? columnsOf(schemas, from)?.find((c) => c.name === on.related) : undefined;
      if (typeof on.entity !== 'string' || (!ek && !partial))
        out.push(
          diag(childPath(path, 'on.entity'), `join key ${describeValue(on.entity)} not found in '${entityTable}'`),
        );
      if (typeof on.related !== 'string' || (!rk && !partial))
        out.push(diag(childPath(path, 'on.related'), `join key ${describeValue(on.related)} not found in '${from}'`));
      if (ek && rk && typeInfo(ek.type).family !== typeInfo(rk.type).family) {
        out.push(
          diag(
            childPath(path, 'on'),
            `join keys differ in type family: '${entityTable}'.'${ek.name}' is ${ek.type}, '${from}'.'${rk.name}' is ${rk.type}`,
          ),
        );
      }
      if (kind === 'lookup') {
        col('column', from);
        return;
      }
      validateAggregate(m, path, from, schemas, options, out, col);
      void entityKey;
      return;
    }
    default:
      out.push(
        diag(
          childPath(path, 'kind'),
          `unknown metric kind ${describeValue(kind)}; expected daysSince, expr, aggregate or lookup`,
        ),
      );
  }
}

function validateAggregate(
  m: Record<string, unknown>,
  path: string,
  from: string,
  schemas: TableSchemas,
  options: ValidateOptions,
  out: Diagnostic[],
  col: (key: string, table: string) => { name: string; type: string } | undefined,
): void {
  const fn = m.fn;
  if (!(AGGREGATE_FNS as readonly unknown[]).includes(fn)) {
    out.push(
      diag(childPath(path, 'fn'), `unknown aggregate ${describeValue(fn)}; expected ${AGGREGATE_FNS.join(', ')}`),
    );
  } else if (fn === 'count') {
    if ('of' in m) out.push(diag(childPath(path, 'of'), 'count counts rows and takes no "of" (use countDistinct)'));
  } else if (!('of' in m)) {
    out.push(diag(path, `${String(fn)} needs "of"`));
  } else {
    const of = col('of', from);
    const fam = of && typeInfo(of.type).family;
    if (of && (fn === 'sum' || fn === 'avg') && fam !== 'number')
      out.push(diag(childPath(path, 'of'), `${fn} needs a number field; '${of.name}' is ${of.type}`));
    if (of && (fn === 'min' || fn === 'max') && fam === 'other')
      out.push(diag(childPath(path, 'of'), `${fn} needs a scalar field; '${of.name}' is ${of.type}`));
  }
  if (m.window !== undefined) {
    const w = m.window;
    const wp = childPath(path, 'window');
    if (!isRecord(w)) out.push(diag(wp, 'window must be {"column", "n", "unit"}'));
    else {
      const c = typeof w.column === 'string' ? columnsOf(schemas, from)?.find((x) => x.name === w.column) : undefined;
      if (!c && (!options.partialSchemas || typeof w.column !== 'string'))
        out.push(diag(childPath(wp, 'column'), `window column ${describeValue(w.column)} not found in '${from}'`));
      else if (c && !['date', 'timestamp'].includes(typeInfo(c.type).family))
        out.push(diag(childPath(wp, 'column'), `window needs a date or timestamp column; '${c.name}' is ${c.type}`));
      if (typeof w.n !== 'number' || !Number.isInteger(w.n) || w.n < 1 || w.n > 1_000_000)
        out.push(diag(childPath(wp, 'n'), `"n" must be a positive integer; got ${describeValue(w.n)}`));
      if (!(UNITS as readonly unknown[]).includes(w.unit))
        out.push(diag(childPath(wp, 'unit'), `unknown unit ${describeValue(w.unit)}; expected ${UNITS.join(', ')}`));
    }
  }
  if (m.where !== undefined) {
    const partial = options.partialSchemas === true;
    const ctx: RuleContext = {
      scope: buildScope(schemas, from, [], partial),
      schemas,
      out,
      partial,
      ...(options.sqlExprs ? { sqlExprs: options.sqlExprs } : {}),
    };
    validateRule(m.where, childPath(path, 'where'), ctx);
  }
}
