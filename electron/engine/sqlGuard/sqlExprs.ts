/**
 * Finds every user SQL text in a definition (SqlRules anywhere in `where`/tiers/metric `where`, and
 * `expr` metrics) and parses each distinct text once through the guard (sqlGuard/parseSqlExpr).
 * The names an expression may read are the union of the tables' columns and the metric names; the
 * validator then checks each use against its own scope. Rejections become diagnostics at the path
 * of the offending `sql` key. `matches` patterns are compiled by RE2 here too (the same engine the
 * count uses), so an invalid one is a diagnostic at its `value`, not a failed count.
 */
import type { TableSchemas } from '../../../shared/segments/model';
import type { ParsedSqlExpr, ParsedSqlExprs, SqlExprCheck } from '../../../shared/segments/sqlExpr/types';
import type { SegmentDiagnostic } from '../../../shared/api/segmentsApi';
import { parseSqlExpr, regexProblem, type ScalarRunner } from './parseSqlExpr';
import { re2Problem } from '../../../shared/segments/validateRule';
import { labelDiagnostics } from '../../../shared/segments/location';

export interface SqlSource {
  text: string;
  /** Path of the `sql` key inside the definition. */
  path: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walkRule(rule: unknown, path: string, out: SqlSource[], depth = 0): void {
  if (!isRecord(rule) || depth > 200) return;
  if (typeof rule.sql === 'string' && !('field' in rule)) out.push({ text: rule.sql, path: `${path}.sql` });
  for (const key of ['all', 'any'] as const) {
    const list = rule[key];
    if (Array.isArray(list)) list.forEach((r, i) => walkRule(r, `${path}.${key}[${i}]`, out, depth + 1));
  }
  if ('not' in rule) walkRule(rule.not, `${path}.not`, out, depth + 1);
}

/** Every SQL text of a definition with its path (relative to the definition). */
export function collectSqlSources(def: unknown): SqlSource[] {
  const out: SqlSource[] = [];
  if (!isRecord(def)) return out;
  if (Array.isArray(def.metrics)) {
    def.metrics.forEach((m, i) => {
      if (!isRecord(m)) return;
      if (m.kind === 'expr' && typeof m.sql === 'string') out.push({ text: m.sql, path: `metrics[${i}].sql` });
      if (m.kind === 'aggregate' && 'where' in m) walkRule(m.where, `metrics[${i}].where`, out);
    });
  }
  if ('where' in def) walkRule(def.where, 'where', out);
  if (Array.isArray(def.tiers)) def.tiers.forEach((t, i) => isRecord(t) && walkRule(t.where, `tiers[${i}].where`, out));
  return out;
}

function walkConditions(rule: unknown, path: string, out: SqlSource[], depth = 0): void {
  if (!isRecord(rule) || depth > 200) return;
  if (rule.op === 'matches' && typeof rule.value === 'string' && 'field' in rule)
    out.push({ text: rule.value, path: `${path}.value` });
  for (const key of ['all', 'any'] as const) {
    const list = rule[key];
    if (Array.isArray(list)) list.forEach((r, i) => walkConditions(r, `${path}.${key}[${i}]`, out, depth + 1));
  }
  if ('not' in rule) walkConditions(rule.not, `${path}.not`, out, depth + 1);
}

/** Every `matches` pattern of a definition with the path of its `value` (relative to the definition). */
export function collectRegexSources(def: unknown): SqlSource[] {
  const out: SqlSource[] = [];
  if (!isRecord(def)) return out;
  if (Array.isArray(def.metrics))
    def.metrics.forEach(
      (m, i) => isRecord(m) && m.kind === 'aggregate' && walkConditions(m.where, `metrics[${i}].where`, out),
    );
  if ('where' in def) walkConditions(def.where, 'where', out);
  if (Array.isArray(def.tiers))
    def.tiers.forEach((t, i) => isRecord(t) && walkConditions(t.where, `tiers[${i}].where`, out));
  return out;
}

export function hasSql(def: unknown): boolean {
  return collectSqlSources(def).length > 0;
}

/** Names SQL in this definition may read: all columns of the given tables plus metric names. */
export function knownNames(def: unknown, schemas: TableSchemas): string[] {
  const names = new Set<string>();
  for (const cols of Object.values(schemas)) for (const c of cols) names.add(c.name);
  if (isRecord(def) && Array.isArray(def.metrics))
    for (const m of def.metrics) if (isRecord(m) && typeof m.name === 'string') names.add(m.name);
  return [...names];
}

/**
 * Parse results by text and known names: a live count re-parses the same SQL on every edit, and the
 * answer depends only on those two (DuckDB's parser is fixed for the process). Bounded. The
 * process's, not a workspace's: validate and compile parse without one.
 */
const parseCache = new Map<string, SqlExprCheck<ParsedSqlExpr>>();
const PARSE_CACHE_MAX = 500;
function remember(key: string, value: SqlExprCheck<ParsedSqlExpr>): void {
  parseCache.delete(key);
  parseCache.set(key, value);
  if (parseCache.size > PARSE_CACHE_MAX) parseCache.delete(parseCache.keys().next().value as string);
}

/**
 * Parse every SQL text of `def`. Returns the accepted expressions and a diagnostic per rejected one
 * (paths relative to the definition; the caller re-roots them).
 */
export async function parseDefinitionSql(
  run: ScalarRunner,
  def: unknown,
  schemas: TableSchemas,
): Promise<{ exprs: ParsedSqlExprs; diagnostics: SegmentDiagnostic[] }> {
  const exprs: ParsedSqlExprs = {};
  const diagnostics: SegmentDiagnostic[] = [];
  const known = knownNames(def, schemas);
  const rejected = new Map<string, string>();
  const knownKey = known.join('\u0000');
  for (const source of collectSqlSources(def)) {
    if (source.text.trim() === '') continue; // the validator says an empty rule is empty, with what to do
    if (!Object.prototype.hasOwnProperty.call(exprs, source.text) && !rejected.has(source.text)) {
      const cacheKey = `${source.text}\u0001${knownKey}`;
      const result = parseCache.get(cacheKey) ?? (await parseSqlExpr(run, source.text, known));
      remember(cacheKey, result);
      if (result.ok) exprs[source.text] = result.value;
      else rejected.set(source.text, result.reason);
    }
    const reason = rejected.get(source.text);
    if (reason !== undefined)
      diagnostics.push({ path: source.path, message: `${source.path}: SQL rejected: ${reason}`, severity: 'error' });
  }
  // `matches` patterns are compiled by RE2 only when the count runs: compile them now, so a bad one
  // is invalid input at validation with its path, not a runtime failure of the count.
  for (const source of collectRegexSources(def)) {
    if (re2Problem(source.text)) continue; // the validator names lookaround and backreferences itself
    const cacheKey = `\u0002${source.text}`;
    let problem = regexCache.get(cacheKey);
    if (problem === undefined) {
      problem = (await regexProblem(run, source.text))?.message ?? null;
      rememberRegex(cacheKey, problem);
    }
    if (problem !== null) {
      diagnostics.push({
        path: source.path,
        message: `${source.path}: '${source.text}' is not a valid regular expression (RE2): ${problem}`,
        severity: 'error',
      });
    }
  }
  return { exprs, diagnostics: labelDiagnostics(def, diagnostics) };
}

/** Compile results of `matches` patterns (null: compiles), bounded like the parse cache. */
const regexCache = new Map<string, string | null>();
function rememberRegex(key: string, value: string | null): void {
  regexCache.delete(key);
  regexCache.set(key, value);
  if (regexCache.size > PARSE_CACHE_MAX) regexCache.delete(regexCache.keys().next().value as string);
}

/** Drop the validator's "not checked" note where the guard already said why it rejected the SQL. */
export function withoutUnchecked<D extends { path: string; message: string }>(
  diags: D[],
  rejected: readonly { path: string }[],
): D[] {
  const paths = new Set(rejected.map((r) => r.path));
  return diags.filter((d) => !(paths.has(d.path) && /was not checked/.test(d.message)));
}
