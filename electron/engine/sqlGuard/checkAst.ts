/**
 * Pure check of DuckDB's json_serialize_sql output for `SELECT <expr>` against the allowlist:
 * exactly one statement, a bare SELECT with one unaliased select-list item and no FROM, WHERE,
 * GROUP BY, modifiers or CTEs; every node of that expression of an allowed class, function, cast
 * type and constant type; columns unqualified and among the known names (exact case); node depth
 * at most SQL_EXPR_MAX_DEPTH; regular-expression patterns and options constant strings; LIKE, ILIKE and
 * GLOB patterns constant and bounded (patterns.ts). Returns the expression node, the columns it reads
 * and the regular expressions it compiles, or a reason.
 */
import {
  allowedCastTypes,
  allowedClasses,
  allowedComparisonTypes,
  allowedConstantTypes,
  allowedFunctions,
  allowedOperatorTypes,
  forbiddenFunctionReasons,
} from './allowlist';
import { patternProblem } from './patterns';
import { SQL_EXPR_MAX_DEPTH, type SqlExprCheck } from '../../../shared/segments/sqlExpr/types';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

/** Checks the statement envelope and returns the single expression node. */
function singleExpression(parsed: unknown): SqlExprCheck<Obj> {
  if (!isObj(parsed)) return { ok: false, reason: 'the parser returned no result' };
  if (parsed.error === true) {
    const msg = String(parsed.error_message ?? 'syntax error');
    if (/only select statements/i.test(msg))
      return { ok: false, reason: 'is not an expression (it contains a statement)' };
    if (/expression depth/i.test(msg)) return { ok: false, reason: `nests deeper than ${SQL_EXPR_MAX_DEPTH} levels` };
    // The first line only: the rest quotes the text with the SELECT it was parsed in.
    return {
      ok: false,
      reason: `does not parse: ${msg.split('\n')[0]}. Check for a missing value, operator or parenthesis`,
    };
  }
  const statements = parsed.statements;
  if (!Array.isArray(statements) || statements.length !== 1) {
    return {
      ok: false,
      reason: `must be exactly one expression (found ${Array.isArray(statements) ? statements.length : 0} statements)`,
    };
  }
  const stmt = statements[0] as unknown;
  const node = isObj(stmt) ? stmt.node : undefined;
  if (!isObj(node) || node.type !== 'SELECT_NODE')
    return { ok: false, reason: 'must be one expression (UNION, VALUES and the like are not allowed)' };
  if (!isEmpty(node.modifiers))
    return { ok: false, reason: 'must be one expression (ORDER BY, LIMIT, DISTINCT are not allowed)' };
  const cte = isObj(node.cte_map) ? node.cte_map.map : node.cte_map;
  if (!isEmpty(cte)) return { ok: false, reason: 'must be one expression (WITH is not allowed)' };
  const from = node.from_table;
  if (!isObj(from) || from.type !== 'EMPTY')
    return { ok: false, reason: 'must be one expression (FROM is not allowed)' };
  for (const [key, label] of [
    ['where_clause', 'WHERE'],
    ['group_expressions', 'GROUP BY'],
    ['group_sets', 'GROUP BY'],
    ['having', 'HAVING'],
    ['qualify', 'QUALIFY'],
    ['sample', 'USING SAMPLE'],
  ] as const) {
    if (!isEmpty(node[key])) return { ok: false, reason: `must be one expression (${label} is not allowed)` };
  }
  if (isObj(stmt) && !isEmpty(stmt.named_param_map)) return { ok: false, reason: 'parameters are not allowed' };
  const list = node.select_list;
  if (!Array.isArray(list) || list.length !== 1) {
    return {
      ok: false,
      reason: `must be exactly one expression (found ${Array.isArray(list) ? list.length : 0} comma-separated items)`,
    };
  }
  const expr = list[0] as unknown;
  if (!isObj(expr)) return { ok: false, reason: 'the parser returned no expression' };
  return { ok: true, value: expr };
}

function nearName(name: string, known: ReadonlySet<string>): string {
  for (const k of known)
    if (k.toLowerCase() === name.toLowerCase()) return ` (did you mean "${k}"? names are case-sensitive)`;
  return '';
}

/**
 * Regular-expression functions: which argument is the pattern and which the options. RE2 compiles a
 * pattern when the query runs, so a bad one fails the count, not the validation; a constant can be
 * compiled beforehand (the engine does), a pattern read from a column cannot, so it must be constant.
 */
const REGEX_ARGS: Readonly<Record<string, { pattern: number; options: number }>> = {
  regexp_matches: { pattern: 1, options: 2 },
  regexp_full_match: { pattern: 1, options: 2 },
  regexp_extract: { pattern: 1, options: 3 },
};

/** A constant pattern (and options) of a regular-expression function, to compile before running. */
export interface RegexUse {
  fn: string;
  pattern: string;
  options: string | null;
}

function constantText(node: unknown): string | null {
  if (!isObj(node) || node.class !== 'CONSTANT' || !isObj(node.value)) return null;
  const value = node.value;
  const typeId = isObj(value.type) ? String(value.type.id) : '';
  return typeId === 'VARCHAR' && value.is_null !== true && typeof value.value === 'string' ? value.value : null;
}

class Walker {
  readonly columns = new Set<string>();
  readonly regexes: RegexUse[] = [];
  constructor(private readonly known: ReadonlySet<string>) {}

  /** Returns a reason, or null when the subtree is allowed. */
  walk(node: unknown, depth: number): string | null {
    if (!isObj(node)) return 'has an unexpected parse tree';
    if (depth > SQL_EXPR_MAX_DEPTH) return `nests deeper than ${SQL_EXPR_MAX_DEPTH} levels`;
    const cls = String(node.class);
    const type = String(node.type);
    if (typeof node.alias === 'string' && node.alias !== '') return `may not name its result (AS ${node.alias})`;
    switch (cls) {
      case 'SUBQUERY':
        return 'subqueries are not allowed (a rule reads only its own row)';
      case 'WINDOW':
        return `window functions are not allowed (${String(node.function_name)})`;
      case 'LAMBDA':
        return 'lambda expressions are not allowed';
      case 'PARAMETER':
        return 'parameters ($1, ?, $name) are not allowed';
      case 'STAR':
        return node.columns === true ? 'COLUMNS(…) is not allowed' : '* is not allowed';
      case 'POSITIONAL_REFERENCE':
        return 'positional references (#1) are not allowed';
      case 'COLLATE':
        return 'COLLATE is not allowed';
    }
    if (!allowedClasses.has(cls)) return `expressions of kind ${cls} are not allowed`;
    const next = (child: unknown): string | null => this.walk(child, depth + 1);
    const all = (children: unknown): string | null => {
      if (!Array.isArray(children)) return 'has an unexpected parse tree';
      for (const c of children) {
        const r = next(c);
        if (r) return r;
      }
      return null;
    };
    switch (cls) {
      case 'CONSTANT': {
        const value = isObj(node.value) ? node.value : {};
        const typeId = isObj(value.type) ? String(value.type.id) : '';
        return allowedConstantTypes.has(typeId) ? null : `constants of type ${typeId} are not allowed`;
      }
      case 'COLUMN_REF': {
        const names = Array.isArray(node.column_names) ? node.column_names.map(String) : [];
        if (names.length !== 1)
          return `qualified names are not allowed (${names.join('.')}): write the column name alone`;
        const name = names[0] as string;
        if (!this.known.has(name)) return `unknown column "${name}"${nearName(name, this.known)}`;
        this.columns.add(name);
        return null;
      }
      case 'COMPARISON':
        if (!allowedComparisonTypes.has(type)) return `comparison ${type} is not allowed`;
        return next(node.left) ?? next(node.right);
      case 'CONJUNCTION':
        if (type !== 'CONJUNCTION_AND' && type !== 'CONJUNCTION_OR') return `${type} is not allowed`;
        return all(node.children);
      case 'OPERATOR':
        if (!allowedOperatorTypes.has(type)) return `operator ${type} is not allowed`;
        return all(node.children);
      case 'BETWEEN':
        return next(node.input) ?? next(node.lower) ?? next(node.upper);
      case 'CASE': {
        if (!Array.isArray(node.case_checks)) return 'has an unexpected parse tree';
        for (const check of node.case_checks as unknown[]) {
          if (!isObj(check)) return 'has an unexpected parse tree';
          const r = next(check.when_expr) ?? next(check.then_expr);
          if (r) return r;
        }
        return next(node.else_expr);
      }
      case 'CAST': {
        const target = isObj(node.cast_type) ? String(node.cast_type.id) : '';
        if (!allowedCastTypes.has(target))
          return `casts to ${target === 'UNBOUND' ? 'user types' : target} are not allowed`;
        return next(node.child);
      }
      case 'FUNCTION': {
        const name = String(node.function_name).toLowerCase();
        const schema = String(node.schema ?? '');
        if ((schema !== '' && schema !== 'main') || (node.catalog !== undefined && node.catalog !== '')) {
          return `qualified function names are not allowed (${schema}.${name})`;
        }
        if (!allowedFunctions.has(name)) {
          const why = forbiddenFunctionReasons[name];
          return `function ${name}() is not allowed${why ? ` (it ${why})` : ''}`;
        }
        if (!isEmpty(node.filter)) return 'FILTER clauses are not allowed';
        const orders = isObj(node.order_bys) ? node.order_bys.orders : node.order_bys;
        if (!isEmpty(orders)) return 'ORDER BY inside a function is not allowed';
        if (node.distinct === true) return 'DISTINCT inside a function is not allowed';
        if (node.export_state === true) return 'EXPORT_STATE is not allowed';
        const regex = REGEX_ARGS[name];
        if (regex && Array.isArray(node.children)) {
          const pattern = constantText(node.children[regex.pattern]);
          if (pattern === null)
            return `the pattern of ${name}() must be a constant string (a pattern read from a column cannot be checked before the rule runs)`;
          const given = node.children.length > regex.options;
          const options = given ? constantText(node.children[regex.options]) : null;
          if (given && options === null) return `the options of ${name}() must be a constant string`;
          this.regexes.push({ fn: name, pattern, options });
        }
        return patternProblem(name, node.children) ?? all(node.children);
      }
    }
    return `expressions of kind ${cls} are not allowed`;
  }
}

/**
 * Check the parsed JSON of `SELECT <expr>`. `known` holds the column and metric names the
 * expression may read (exact case). Never throws.
 */
export function checkSqlExprAst(
  parsed: unknown,
  known: Iterable<string>,
): SqlExprCheck<{ ast: Obj; columns: string[]; regexes: RegexUse[] }> {
  const single = singleExpression(parsed);
  if (!single.ok) return single;
  const walker = new Walker(new Set(known));
  const reason = walker.walk(single.value, 1);
  if (reason) return { ok: false, reason };
  return { ok: true, value: { ast: single.value, columns: [...walker.columns], regexes: walker.regexes } };
}
