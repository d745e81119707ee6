/**
 * SQL fragments with typed parameters. A fragment is a list of text parts and parameters; it is
 * rendered once, at the end, so placeholders are numbered in text order (what `?` placeholders need)
 * and every parameter is wrapped in a CAST to its type (typed constants keep DuckDB's pushdown, §11).
 * Invariant: user values only ever travel as parameters, never as SQL text.
 */
export type ParamValue = string | number | boolean;
/** Parameter types, named as DuckDB names them; each dialect maps them to its own type names. */
export type ParamType =
  | 'VARCHAR'
  | 'BIGINT'
  | 'DOUBLE'
  | 'BOOLEAN'
  | 'DATE'
  | 'TIMESTAMP'
  | 'TIMESTAMPTZ'
  | 'TIMESTAMP_S'
  | 'TIMESTAMP_MS'
  | 'TIMESTAMP_NS'
  | 'INTEGER';

export interface Param {
  readonly param: ParamValue;
  readonly type: ParamType;
}
export type Part = string | Param;

export class Frag {
  constructor(readonly parts: readonly Part[]) {}
  get isEmpty(): boolean {
    return this.parts.every((p) => p === '');
  }
}

export function param(value: ParamValue, type: ParamType): Param {
  return { param: value, type };
}

export function raw(text: string): Frag {
  return new Frag([text]);
}

/** Template tag: `sql\`${a} = ${param(1, 'BIGINT')}\`` with Frag or Param interpolations. */
export function sql(strings: TemplateStringsArray, ...values: (Frag | Param)[]): Frag {
  const parts: Part[] = [];
  strings.forEach((s, i) => {
    if (s) parts.push(s);
    const v = values[i];
    if (v === undefined) return;
    if (v instanceof Frag) pushAll(parts, v.parts);
    else parts.push(v);
  });
  return new Frag(parts);
}

export function join(frags: readonly Frag[], separator: string): Frag {
  const parts: Part[] = [];
  frags.forEach((f, i) => {
    if (i > 0) parts.push(separator);
    pushAll(parts, f.parts);
  });
  return new Frag(parts);
}

/**
 * Append without spreading: `push(...list)` passes every element as an argument on the stack, and a
 * rule with an `in` list of 100,000 values overflowed it (RangeError) while compiling.
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

export interface RenderedSql {
  sql: string;
  /** Positional values for the dialect's placeholders ($1…, ?, @p1…), in order. */
  params: ParamValue[];
}

/** What rendering needs of a dialect (dialects.ts's Dialect has it): placeholders, type names, literals. */
export interface ValueSyntax {
  /** 1-based placeholder text. */
  placeholder(index: number): string;
  typeName(type: ParamType): string;
  /** A string literal that reads back as exactly `s` (for SQL with its values inlined). */
  stringLiteral(s: string): string;
}

export function render(frag: Frag, dialect: ValueSyntax, firstIndex = 1): RenderedSql {
  let text = '';
  const params: ParamValue[] = [];
  for (const part of frag.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    params.push(part.param);
    text += `CAST(${dialect.placeholder(firstIndex + params.length - 1)} AS ${dialect.typeName(part.type)})`;
  }
  return { sql: text, params };
}

/**
 * The same SQL with every value written in as a typed literal (`CAST('2026-11-01' AS DATE)`), so it
 * runs as it is in the dialect's own console: what "Copy SQL" gives. Numbers are written as JSON
 * writes them; strings through the dialect's escaping.
 */
export function renderInline(frag: Frag, dialect: ValueSyntax): string {
  let text = '';
  for (const part of frag.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const v = part.param;
    const literal =
      typeof v === 'string' ? dialect.stringLiteral(v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
    text += `CAST(${literal} AS ${dialect.typeName(part.type)})`;
  }
  return text;
}
