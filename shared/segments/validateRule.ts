/**
 * Validation of one rule tree against a scope (§3): structure, known ops, fields that exist (exact
 * case), ops that accept the field's family, well-formed operands. Works on unknown JSON, never
 * throws, and reports every problem with its path (`where.all[1].value`).
 */
import { childPath, diag, OPS, PERIODS, UNITS, type Diagnostic, type Op, type TableSchemas } from './model';
import { acceptsFamily, listTooLong, MAX_LIST_VALUES, OPERAND_KEYS, OPERATORS, opsForFamily } from './operators';
import { columnsOf, type Scope } from './scope';
import { describeFamilies, typeInfo, type Family } from './types';
import { checkValue, describeValue } from './values';
import type { ParsedSqlExprs } from './sqlExpr/types';

export interface RuleContext {
  scope: Scope;
  schemas: TableSchemas;
  /** When given, SqlRules must be among them (the engine parsed and accepted them). */
  sqlExprs?: ParsedSqlExprs;
  out: Diagnostic[];
  /** Schemas may be incomplete: tables and columns not found are not reported. */
  partial?: boolean;
}

const MAX_RULE_DEPTH = 100;
const RULE_KEYS = ['all', 'any', 'not', 'sql', 'field'] as const;
const CONDITION_OPERANDS = new Set([
  'value',
  'min',
  'max',
  'values',
  'ignoreCase',
  'n',
  'unit',
  'period',
  'table',
  'column',
]);
/** What a missing operand is, in words (the key in quotes for people editing the JSON). */
const OPERAND_WORDS: Record<string, string> = {
  value: 'a value',
  min: 'a lower bound ("min")',
  max: 'an upper bound ("max")',
  values: 'a list of values ("values")',
  n: 'a number of units ("n")',
  unit: 'a unit ("unit")',
  period: 'a period ("period")',
};
const FAMILY_NOUNS: Record<Family, string> = {
  number: 'a number',
  string: 'text',
  date: 'a date',
  timestamp: 'a timestamp',
  boolean: 'true/false',
  other: 'a list or structure',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function validateRule(rule: unknown, path: string, ctx: RuleContext, depth = 0): void {
  if (depth > MAX_RULE_DEPTH) {
    ctx.out.push(diag(path, `rules nested deeper than ${MAX_RULE_DEPTH}`));
    return;
  }
  if (!isRecord(rule)) {
    ctx.out.push(diag(path, 'a rule must be an object ({"all": […]}, {"field": …, "op": …} …)'));
    return;
  }
  const kinds = RULE_KEYS.filter((k) => k in rule);
  if (kinds.length !== 1) {
    ctx.out.push(
      diag(
        path,
        kinds.length === 0
          ? 'not a rule: expected one of "all", "any", "not", "sql" or "field"'
          : `a rule has exactly one of "all", "any", "not", "sql", "field"; found ${kinds.map((k) => `"${k}"`).join(', ')}`,
      ),
    );
    return;
  }
  const kind = kinds[0]!;
  if (kind === 'all' || kind === 'any') {
    const list = rule[kind];
    if (!Array.isArray(list)) {
      ctx.out.push(diag(childPath(path, kind), `"${kind}" must be a list of rules`));
      return;
    }
    list.forEach((r, i) => validateRule(r, childPath(childPath(path, kind), i), ctx, depth + 1));
    return;
  }
  if (kind === 'not') {
    validateRule(rule.not, childPath(path, 'not'), ctx, depth + 1);
    return;
  }
  if (kind === 'sql') {
    validateSqlRule(rule.sql, path, ctx);
    return;
  }
  validateCondition(rule, path, ctx);
}

function validateSqlRule(sql: unknown, path: string, ctx: RuleContext): void {
  if (typeof sql !== 'string' || sql.trim() === '') {
    ctx.out.push(
      diag(
        childPath(path, 'sql'),
        'the SQL rule is empty. Write a true/false expression over the columns, e.g. mrr > 100, or remove the rule',
      ),
    );
    return;
  }
  if (!ctx.sqlExprs) return;
  const parsed = Object.prototype.hasOwnProperty.call(ctx.sqlExprs, sql) ? ctx.sqlExprs[sql] : undefined;
  if (!parsed) {
    ctx.out.push(diag(childPath(path, 'sql'), 'SQL expression was not checked (parse it first)'));
    return;
  }
  for (const col of parsed.columns) {
    if (!ctx.scope.get(col)) ctx.out.push(diag(childPath(path, 'sql'), unknownField(col, ctx.scope)));
  }
}

export function unknownField(name: string, scope: Scope): string {
  const similar = scope.similar(name);
  return `there is no column or metric '${name}' in ${scope.table}${
    similar ? `; did you mean '${similar}'? (names are case-sensitive)` : '. Choose one of its columns or metrics'
  }`;
}

function validateCondition(rule: Record<string, unknown>, path: string, ctx: RuleContext): void {
  const { field, op } = rule;
  if (typeof field !== 'string' || field === '') {
    ctx.out.push(diag(childPath(path, 'field'), 'no field is chosen ("field"). Choose a column or metric'));
    return;
  }
  if (typeof op !== 'string' || !(OPS as readonly string[]).includes(op)) {
    // Name the ops that fit this field, when it is known: the fix is to pick one of them.
    const known = ctx.scope.get(field);
    const fits = known && known.family !== 'unknown' ? opsForFamily(known.family) : [...OPS];
    const choices = `Use one of: ${fits.join(', ')}`;
    ctx.out.push(
      diag(
        childPath(path, 'op'),
        op === undefined
          ? `the condition has no operator ("op"). ${choices}`
          : `${describeValue(op)} is not an operator${known && known.family !== 'unknown' ? ` for ${field} (${known.type})` : ''}. ${choices}`,
      ),
    );
    return;
  }
  const spec = OPERATORS[op as Op];
  for (const key of Object.keys(rule)) {
    if (key === 'field' || key === 'op' || OPERAND_KEYS[spec.operands].includes(key)) continue;
    ctx.out.push(
      diag(
        childPath(path, key),
        CONDITION_OPERANDS.has(key)
          ? `op '${op}' does not use "${key}"; it is ignored`
          : `unknown key "${key}" is ignored`,
        'warning',
      ),
    );
  }
  const entry = ctx.scope.get(field);
  if (!entry) {
    ctx.out.push(diag(path, unknownField(field, ctx.scope)));
    return;
  }
  const family = entry.family;
  if (family !== 'unknown' && !acceptsFamily(spec, family)) {
    ctx.out.push(
      diag(
        path,
        `'${spec.label}' (${op}) needs ${describeFamilies(spec.families)}; ${field} is ${FAMILY_NOUNS[family]} ` +
          `(${entry.type}). Choose another operator or field`,
      ),
    );
    return;
  }
  const problem = (key: string, text: string) => ctx.out.push(diag(childPath(path, key), text));
  const need = (key: string): unknown => {
    if (!(key in rule))
      ctx.out.push(diag(path, `'${spec.label}' needs ${OPERAND_WORDS[key] ?? `"${key}"`}; fill it in`));
    return rule[key];
  };
  const valueOf = (key: string, fam: Family | 'unknown') => {
    if (!(key in rule)) {
      need(key);
      return;
    }
    const check = checkValue(rule[key], fam, field);
    if (check.error) problem(key, check.error);
    if (check.warning) ctx.out.push(diag(childPath(path, key), check.warning, 'warning'));
  };
  const ignoreCase = () => {
    if (!('ignoreCase' in rule)) return;
    if (typeof rule.ignoreCase !== 'boolean') problem('ignoreCase', '"ignoreCase" must be true or false');
    else if (rule.ignoreCase && family !== 'string' && family !== 'unknown') {
      ctx.out.push(
        diag(
          childPath(path, 'ignoreCase'),
          `"ignoreCase" only applies to string fields; '${field}' is ${entry.type}`,
          'warning',
        ),
      );
    }
  };
  switch (spec.operands) {
    case 'value':
      valueOf('value', family);
      break;
    case 'valueIgnoreCase':
      valueOf('value', family);
      ignoreCase();
      break;
    case 'range':
      valueOf('min', family);
      valueOf('max', family);
      break;
    case 'values': {
      const values = need('values');
      if (values === undefined) break;
      if (!Array.isArray(values)) {
        problem('values', '"values" must be a list');
        break;
      }
      if (values.length > MAX_LIST_VALUES) {
        problem('values', listTooLong(values.length));
        break;
      }
      values.forEach((v, i) => {
        const check = checkValue(v, family === 'unknown' ? 'unknown' : family, field);
        if (check.error) ctx.out.push(diag(childPath(childPath(path, 'values'), i), check.error));
      });
      ignoreCase();
      break;
    }
    case 'text':
      valueOf('value', 'string');
      break;
    case 'regex': {
      valueOf('value', 'string');
      if (typeof rule.value === 'string') {
        const bad = re2Problem(rule.value);
        if (bad) problem('value', bad);
      }
      break;
    }
    case 'none':
      break;
    case 'relative': {
      const n = need('n');
      if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1_000_000)) {
        problem('n', `the number of units ("n") must be a whole number from 1 to 1000000; ${describeValue(n)} is not`);
      }
      const unit = need('unit');
      if (unit !== undefined && !(UNITS as readonly unknown[]).includes(unit))
        problem('unit', `${describeValue(unit)} is not a unit. Use ${UNITS.join(', ')}`);
      break;
    }
    case 'period': {
      const period = need('period');
      if (period !== undefined && !(PERIODS as readonly unknown[]).includes(period))
        problem('period', `${describeValue(period)} is not a period. Use ${PERIODS.join(', ')}`);
      break;
    }
    case 'table':
      validateTableOperand(rule, path, field, family, ctx);
      break;
    case 'percent': {
      const p = need('value');
      if (p === undefined) break;
      if (typeof p !== 'number' || !(p > 0 && p <= 100) || !/^\d+(\.\d{1,2})?$/.test(String(p))) {
        problem(
          'value',
          `the percent must be more than 0 and at most 100, with at most 2 decimals; ${describeValue(p)} is not`,
        );
      }
      break;
    }
  }
}

function validateTableOperand(
  rule: Record<string, unknown>,
  path: string,
  field: string,
  family: Family | 'unknown',
  ctx: RuleContext,
): void {
  const { table, column } = rule;
  if (typeof table !== 'string' || table === '') {
    ctx.out.push(diag(childPath(path, 'table'), `op '${String(rule.op)}' needs "table"`));
    return;
  }
  if (typeof column !== 'string' || column === '') {
    ctx.out.push(diag(childPath(path, 'column'), `op '${String(rule.op)}' needs "column"`));
    return;
  }
  const cols = columnsOf(ctx.schemas, table);
  if (ctx.partial && !cols?.some((c) => c.name === column)) return;
  if (!cols) {
    ctx.out.push(
      diag(
        childPath(path, 'table'),
        `there is no table '${table}' in this workspace. Import it, or choose another table`,
      ),
    );
    return;
  }
  const col = cols.find((c) => c.name === column);
  if (!col) {
    ctx.out.push(
      diag(childPath(path, 'column'), `there is no column '${column}' in ${table}. Choose one of its columns`),
    );
    return;
  }
  const colFamily = typeInfo(col.type).family;
  if (family !== 'unknown' && colFamily !== family) {
    ctx.out.push(diag(path, `'${field}' (${family}) cannot be compared with '${table}'.'${column}' (${col.type})`));
  }
}

/** RE2 rejects what backtracking engines allow: lookaround and backreferences. */
export function re2Problem(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'lookahead/lookbehind is not supported by RE2 regular expressions';
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(pattern)) return 'backreferences are not supported by RE2 regular expressions';
  return undefined;
}
