/**
 * Renders an accepted user SQL expression for a dialect (docs/rules.md, SPEC §3, §8). DuckDB runs its own
 * canonical text. Other dialects get a translation of the portable subset only: constants, columns,
 * comparisons, IN, BETWEEN, IS [NOT] NULL, AND/OR/NOT, CASE, + - * and `/` as true (IEEE) division,
 * coalesce, nullif, lower, upper, abs, round, length, and casts to simple types. Anything else fails
 * with exactly "not portable to <dialect>: <function>". Pure and total: never throws.
 */
import type { DialectName } from '../dialectNames';
import type { ParsedSqlExpr, SqlExprRender } from './types';

type Obj = Record<string, unknown>;
type Target = Exclude<DialectName, 'duckdb'>;

class NotPortable {
  constructor(readonly what: string) {}
}

const comparisonOps: Record<string, string> = {
  COMPARE_EQUAL: '=',
  COMPARE_NOTEQUAL: '<>',
  COMPARE_LESSTHAN: '<',
  COMPARE_GREATERTHAN: '>',
  COMPARE_LESSTHANOREQUALTO: '<=',
  COMPARE_GREATERTHANOREQUALTO: '>=',
  COMPARE_DISTINCT_FROM: 'IS DISTINCT FROM',
  COMPARE_NOT_DISTINCT_FROM: 'IS NOT DISTINCT FROM',
};
const orderingOps = new Set(['<', '>', '<=', '>=']);

const castTypes: Record<Target, Record<string, string>> = {
  postgres: {
    BOOLEAN: 'BOOLEAN',
    SMALLINT: 'SMALLINT',
    INTEGER: 'INTEGER',
    BIGINT: 'BIGINT',
    DOUBLE: 'DOUBLE PRECISION',
    FLOAT: 'REAL',
    VARCHAR: 'TEXT',
    DATE: 'DATE',
    TIMESTAMP: 'TIMESTAMP',
  },
  bigquery: {
    BOOLEAN: 'BOOL',
    SMALLINT: 'INT64',
    INTEGER: 'INT64',
    BIGINT: 'INT64',
    DOUBLE: 'FLOAT64',
    FLOAT: 'FLOAT64',
    VARCHAR: 'STRING',
    DATE: 'DATE',
    TIMESTAMP: 'DATETIME',
  },
  snowflake: {
    BOOLEAN: 'BOOLEAN',
    SMALLINT: 'SMALLINT',
    INTEGER: 'INTEGER',
    BIGINT: 'BIGINT',
    DOUBLE: 'DOUBLE',
    FLOAT: 'FLOAT',
    VARCHAR: 'VARCHAR',
    DATE: 'DATE',
    TIMESTAMP: 'TIMESTAMP_NTZ',
  },
};
const floatType: Record<Target, string> = { postgres: 'DOUBLE PRECISION', bigquery: 'FLOAT64', snowflake: 'DOUBLE' };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** String literal: BigQuery and Snowflake treat backslash as an escape, PostgreSQL (standard strings) does not. */
function stringLiteral(s: string, dialect: Target): string {
  if (dialect === 'postgres') return `'${s.replaceAll("'", "''")}'`;
  return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function decimalText(value: unknown, scale: number): string {
  const raw = String(value);
  const neg = raw.startsWith('-');
  const digits = (neg ? raw.slice(1) : raw).padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}` : digits;
  return neg ? `-${text}` : text;
}

class Renderer {
  constructor(
    private readonly dialect: Target,
    private readonly quoteIdent: (name: string) => string,
  ) {}

  private isStringConstant(node: unknown): boolean {
    return (
      isObj(node) &&
      node.class === 'CONSTANT' &&
      isObj(node.value) &&
      isObj(node.value.type) &&
      node.value.type.id === 'VARCHAR'
    );
  }

  private args(node: Obj): Obj[] {
    return Array.isArray(node.children) ? (node.children as Obj[]) : [];
  }

  render(node: Obj): string {
    switch (node.class) {
      case 'CONSTANT':
        return this.constant(node);
      case 'COLUMN_REF':
        return this.quoteIdent(String((node.column_names as string[])[0]));
      case 'COMPARISON': {
        const op = comparisonOps[String(node.type)];
        if (!op) throw new NotPortable(String(node.type));
        const collate =
          this.dialect === 'postgres' &&
          orderingOps.has(op) &&
          (this.isStringConstant(node.left) || this.isStringConstant(node.right));
        return `(${this.render(node.left as Obj)} ${op} ${this.render(node.right as Obj)}${collate ? ' COLLATE "C"' : ''})`;
      }
      case 'CONJUNCTION':
        return `(${this.args(node)
          .map((c) => this.render(c))
          .join(node.type === 'CONJUNCTION_AND' ? ' AND ' : ' OR ')})`;
      case 'OPERATOR':
        return this.operator(node);
      case 'BETWEEN': {
        const collate =
          this.dialect === 'postgres' && (this.isStringConstant(node.lower) || this.isStringConstant(node.upper))
            ? ' COLLATE "C"'
            : '';
        const input = this.render(node.input as Obj);
        return `(${input}${collate} BETWEEN ${this.render(node.lower as Obj)} AND ${this.render(node.upper as Obj)})`;
      }
      case 'CASE': {
        const checks = (node.case_checks as Obj[]).map(
          (c) => `WHEN ${this.render(c.when_expr as Obj)} THEN ${this.render(c.then_expr as Obj)}`,
        );
        return `CASE ${checks.join(' ')} ELSE ${this.render(node.else_expr as Obj)} END`;
      }
      case 'CAST':
        return this.cast(node);
      case 'FUNCTION':
        return this.func(node);
    }
    throw new NotPortable(String(node.class));
  }

  private constant(node: Obj): string {
    const value = node.value as Obj;
    const type = value.type as Obj;
    if (value.is_null === true) return 'NULL';
    switch (type.id) {
      case 'INTEGER':
      case 'BIGINT':
      case 'HUGEINT':
      case 'UBIGINT':
        return String(value.value);
      case 'DOUBLE':
      case 'FLOAT': {
        const n = Number(value.value);
        if (!Number.isFinite(n)) throw new NotPortable('non-finite constant');
        return String(n);
      }
      case 'DECIMAL':
        return decimalText(value.value, Number((type.type_info as Obj | null)?.scale ?? 0));
      case 'VARCHAR':
        return stringLiteral(String(value.value), this.dialect);
      case 'BOOLEAN':
        return value.value ? 'TRUE' : 'FALSE';
    }
    throw new NotPortable(`constant of type ${String(type.id)}`);
  }

  private operator(node: Obj): string {
    const args = this.args(node);
    const r = (c: Obj | undefined): string => this.render(c as Obj);
    switch (node.type) {
      case 'OPERATOR_NOT':
        return `(NOT ${r(args[0])})`;
      case 'OPERATOR_IS_NULL':
        return `(${r(args[0])} IS NULL)`;
      case 'OPERATOR_IS_NOT_NULL':
        return `(${r(args[0])} IS NOT NULL)`;
      case 'COMPARE_IN':
      case 'COMPARE_NOT_IN': {
        const [first, ...rest] = args;
        return `(${r(first)} ${node.type === 'COMPARE_IN' ? 'IN' : 'NOT IN'} (${rest.map((c) => r(c)).join(', ')}))`;
      }
      case 'OPERATOR_COALESCE':
        return `COALESCE(${args.map((c) => r(c)).join(', ')})`;
    }
    throw new NotPortable(String(node.type));
  }

  private cast(node: Obj): string {
    const castType = node.cast_type as Obj;
    const id = String(castType.id);
    const child = node.child as Obj;
    if (node.try_cast === true) throw new NotPortable('TRY_CAST');
    // TRUE and FALSE parse as CAST('t' AS BOOLEAN); BigQuery only accepts 'true'/'false' strings.
    if (id === 'BOOLEAN' && this.isStringConstant(child)) {
      const v = String((child.value as Obj).value).toLowerCase();
      if (v === 't' || v === 'true') return 'TRUE';
      if (v === 'f' || v === 'false') return 'FALSE';
    }
    let target = castTypes[this.dialect][id];
    if (id === 'DECIMAL') {
      const info = castType.type_info as Obj | null;
      const width = Number(info?.width ?? 18);
      const scale = Number(info?.scale ?? 3);
      target =
        this.dialect === 'snowflake'
          ? `NUMBER(${width},${scale})`
          : this.dialect === 'bigquery'
            ? `BIGNUMERIC(${width},${scale})`
            : `NUMERIC(${width},${scale})`;
    }
    if (!target) throw new NotPortable(`CAST AS ${id}`);
    return `CAST(${this.render(child)} AS ${target})`;
  }

  /** DuckDB's `/` is IEEE double division (x/0 = ±Infinity, 0/0 = NaN); warehouses raise errors instead. */
  private divide(a: string, b: string): string {
    const f = floatType[this.dialect];
    if (this.dialect === 'bigquery') return `IEEE_DIVIDE(CAST(${a} AS FLOAT64), CAST(${b} AS FLOAT64))`;
    const inf = this.dialect === 'postgres' ? `CAST('Infinity' AS ${f})` : `CAST('inf' AS ${f})`;
    return `(CASE WHEN ${b} = 0 THEN CAST(${a} AS ${f}) * ${inf} ELSE CAST(${a} AS ${f}) / ${b} END)`;
  }

  private func(node: Obj): string {
    const name = String(node.function_name).toLowerCase();
    const args = this.args(node).map((c) => this.render(c));
    const [a, b] = args;
    switch (name) {
      case '+':
      case '*':
        if (args.length === 2) return `(${a} ${name} ${b})`;
        if (name === '+' && args.length === 1) return `(${a})`;
        break;
      case '-':
        if (args.length === 2) return `(${a} - ${b})`;
        if (args.length === 1) return `(-${a})`;
        break;
      case '/':
        if (args.length === 2) return this.divide(a as string, b as string);
        break;
      case 'lower':
      case 'upper':
      case 'abs':
      case 'length':
        if (args.length === 1) return `${name.toUpperCase()}(${a})`;
        break;
      case 'nullif':
        if (args.length === 2) return `NULLIF(${a}, ${b})`;
        break;
      case 'coalesce':
        if (args.length >= 1) return `COALESCE(${args.join(', ')})`;
        break;
      case 'round': {
        if (args.length < 1 || args.length > 2) break;
        const digits = b ?? '0';
        // PostgreSQL rounds half away from zero only for NUMERIC (round(double) is half-even).
        if (this.dialect === 'postgres') return `ROUND(CAST(${a} AS NUMERIC), ${digits})`;
        return `ROUND(${a}, ${digits})`;
      }
    }
    throw new NotPortable(name);
  }
}

/**
 * The expression's SQL for `dialect`. DuckDB gets DuckDB's canonical text; other dialects a
 * translation of the portable subset, or `{ ok: false, error: "not portable to <dialect>: <function>" }`.
 */
export function renderSqlExpr(
  parsed: ParsedSqlExpr,
  dialect: DialectName,
  quoteIdent: (name: string) => string,
): SqlExprRender {
  if (dialect === 'duckdb') return { ok: true, sql: parsed.canonical };
  if (!isObj(parsed.ast)) return { ok: false, error: `not portable to ${dialect}: unparsed expression` };
  try {
    return { ok: true, sql: new Renderer(dialect, quoteIdent).render(parsed.ast) };
  } catch (err) {
    if (err instanceof NotPortable) return { ok: false, error: `not portable to ${dialect}: ${err.what}` };
    return { ok: false, error: `not portable to ${dialect}: unexpected expression` };
  }
}
