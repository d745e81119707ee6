/**
 * The rule language and definition model of docs/rules.md, SPEC §3–§5 as TypeScript types.
 * Invariants: these types describe JSON exactly as it stands in a definition file; readers keep the
 * raw JSON (unknown keys included) so the hash of §5 is computed over what the file says.
 */

export const OPS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'matches',
  'isEmpty',
  'isNotEmpty',
  'isTrue',
  'isFalse',
  'inLast',
  'olderThan',
  'inNext',
  'inPeriod',
  'inTable',
  'notInTable',
  'topPercent',
  'bottomPercent',
] as const;
export type Op = (typeof OPS)[number];

export const UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Unit = (typeof UNITS)[number];

export const PERIODS = [
  'thisMonth',
  'lastMonth',
  'nextMonth',
  'thisQuarter',
  'lastQuarter',
  'nextQuarter',
  'thisYear',
  'lastYear',
] as const;
export type Period = (typeof PERIODS)[number];

export const AGGREGATE_FNS = ['count', 'countDistinct', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFn = (typeof AGGREGATE_FNS)[number];

export type Scalar = string | number | boolean;

/** One condition; which operands apply depends on `op` (see operators.ts). */
export interface Condition {
  field: string;
  op: Op;
  value?: Scalar;
  min?: string | number;
  max?: string | number;
  values?: (string | number)[];
  ignoreCase?: boolean;
  n?: number;
  unit?: Unit;
  period?: Period;
  table?: string;
  column?: string;
}

export interface AllGroup {
  all: Rule[];
}
export interface AnyGroup {
  any: Rule[];
}
export interface NotGroup {
  not: Rule;
}
export type Group = AllGroup | AnyGroup | NotGroup;
export interface SqlRule {
  sql: string;
}
export type Rule = Group | Condition | SqlRule;

export interface JoinOn {
  entity: string;
  related: string;
}
export interface Window {
  column: string;
  n: number;
  unit: Unit;
}

export interface DaysSinceMetric {
  name: string;
  kind: 'daysSince';
  of: string;
}
export interface ExprMetric {
  name: string;
  kind: 'expr';
  sql: string;
}
export interface AggregateMetric {
  name: string;
  kind: 'aggregate';
  from: string;
  on: JoinOn;
  fn: AggregateFn;
  of?: string;
  where?: Rule;
  window?: Window;
}
export interface LookupMetric {
  name: string;
  kind: 'lookup';
  from: string;
  on: JoinOn;
  column: string;
}
export type Metric = DaysSinceMetric | ExprMetric | AggregateMetric | LookupMetric;

export type AsOf = { kind: 'snapshot' } | { kind: 'now' } | { kind: 'fixed'; at: string };

/** Columns read per table with their DuckDB type at save time (§5 `fields`). */
export type FieldsRecord = Record<string, Record<string, string>>;

interface DefinitionBase {
  entity: { table: string; key: string };
  /** Absent means `snapshot`. */
  asOf?: AsOf;
  metrics?: Metric[];
  fields?: FieldsRecord;
}
export interface SegmentDefinition extends DefinitionBase {
  where: Rule;
}
export interface Tier {
  name: string;
  where: Rule;
}
export interface SchemeDefinition extends DefinitionBase {
  tiers: Tier[];
  otherwise: string;
}
export type Definition = SegmentDefinition | SchemeDefinition;

export interface Version<D extends Definition = Definition> {
  version: number;
  createdAt: string;
  author?: string;
  note?: string;
  hash: string;
  definition: D;
}

export const FILE_FORMAT = 'segment-workbench';
export const FORMAT_VERSION = 1;

export interface DefinitionFile<K extends 'segment' | 'scheme' = 'segment' | 'scheme'> {
  format: typeof FILE_FORMAT;
  formatVersion: number;
  kind: K;
  id: string;
  name: string;
  description?: string;
  tags?: string[];
  versions: Version<K extends 'segment' ? SegmentDefinition : SchemeDefinition>[];
}
export type SegmentFile = DefinitionFile<'segment'>;
export type SchemeFile = DefinitionFile<'scheme'>;

/** A column of a table as DESCRIBE gives it. */
export interface ColumnSchema {
  name: string;
  type: string;
}
/** Table name → its columns. */
export type TableSchemas = Record<string, ColumnSchema[]>;

export type Severity = 'error' | 'warning' | 'info';
/**
 * A problem found in a definition. `message` starts with the human name of its place when it has
 * one ("Condition 2 (mrr ≥ abc): …"), else with the path; `path` is the JSON path either way.
 */
export interface Diagnostic {
  path: string;
  message: string;
  severity: Severity;
}

export function isCondition(rule: Rule): rule is Condition {
  return typeof rule === 'object' && rule !== null && 'field' in rule && 'op' in rule;
}
export function isSqlRule(rule: Rule): rule is SqlRule {
  return typeof rule === 'object' && rule !== null && 'sql' in rule && !('field' in rule);
}
export function isSchemeDefinition(def: Definition): def is SchemeDefinition {
  return 'tiers' in def;
}

/** A scheme's tier names in order, `otherwise` last (the order of its tier CASE's indexes). */
export function tierNames(def: SchemeDefinition): string[] {
  return [...def.tiers.map((t) => t.name), def.otherwise];
}

/** Builds a diagnostic whose message is prefixed by its path (docs/cli.md, SPEC §7 validate output). */
export function diag(path: string, text: string, severity: Severity = 'error'): Diagnostic {
  return { path, message: path ? `${path}: ${text}` : text, severity };
}

/**
 * Re-roots diagnostics under `prefix` (e.g. `versions[0].definition`). A message that starts with
 * its path gets the new path; one that starts with a human label (location.ts) keeps its text.
 */
export function prefixDiagnostics(diags: Diagnostic[], prefix: string): Diagnostic[] {
  return diags.map((d) => {
    const path = d.path ? (d.path.startsWith('[') ? prefix + d.path : `${prefix}.${d.path}`) : prefix;
    if (d.path && !d.message.startsWith(`${d.path}: `)) return { ...d, path };
    const text = d.path ? d.message.slice(d.path.length + 2) : d.message;
    return { ...d, path, message: `${path}: ${text}` };
  });
}

/** Joins a path and a key the way diagnostics print them: `where.all[1].value`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}
