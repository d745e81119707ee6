/**
 * The operators table of docs/rules.md, SPEC §3 as data: operand shape, accepted field families, label, symbol
 * (for diffs and previews), negation partner and whether a NULL value matches. The rule builder,
 * validation, diff and compiler all read this one table.
 * Invariant: `negation` pairs are exact complements (`neq` = not `eq`); ops without a partner
 * (lt, startsWith, isTrue…) have none, because e.g. `gte` is not the complement of `lt` on NULLs.
 */
import type { Op } from './model';
import type { Family } from './types';

/** Which operand keys an op takes. */
export type OperandShape =
  | 'value' // value: scalar of the field's family
  | 'valueIgnoreCase' // value + optional ignoreCase
  | 'range' // min, max
  | 'values' // values: array, optional ignoreCase
  | 'text' // value: string (LIKE-style, literal)
  | 'regex' // value: RE2 pattern
  | 'none'
  | 'relative' // n, unit
  | 'period' // period
  | 'table' // table, column
  | 'percent'; // value: 0 < p ≤ 100, ≤ 2 decimals

/**
 * Most values an `in`/`notIn` list may hold. Each is a bound parameter: 100,000 compile and count in
 * about 3 s on DuckDB (its binding grows faster than the list: 400,000 take 15 s), so a longer list
 * belongs in a table (`inTable`). Checked by validation and again by the compiler.
 */
export const MAX_LIST_VALUES = 100_000;

/** The diagnostic for a list past MAX_LIST_VALUES. */
export function listTooLong(n: number): string {
  const fmt = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `"values" holds ${fmt(n)} values; at most ${fmt(MAX_LIST_VALUES)} are allowed: put a longer list in a table and use inTable`;
}

export interface OperatorSpec {
  op: Op;
  label: string;
  /** Short form for previews and diffs: "≤", "in", "contains". */
  symbol: string;
  operands: OperandShape;
  /** Field families accepted; 'scalar' = every family but `other`; 'any' = every column. */
  families: readonly Family[] | 'scalar' | 'any';
  negation?: Op;
  /** True when a NULL field value matches (§3 two-valued semantics). */
  nullMatches: boolean;
}

const NUM_DATE_TS_STR: readonly Family[] = ['number', 'date', 'timestamp', 'string'];
const DATES: readonly Family[] = ['date', 'timestamp'];

function spec(
  op: Op,
  label: string,
  symbol: string,
  operands: OperandShape,
  families: OperatorSpec['families'],
  negation?: Op,
  nullMatches = false,
): OperatorSpec {
  return negation
    ? { op, label, symbol, operands, families, negation, nullMatches }
    : { op, label, symbol, operands, families, nullMatches };
}

export const OPERATORS: Readonly<Record<Op, OperatorSpec>> = {
  eq: spec('eq', 'is', '=', 'valueIgnoreCase', 'scalar', 'neq'),
  neq: spec('neq', 'is not', '≠', 'valueIgnoreCase', 'scalar', 'eq', true),
  lt: spec('lt', 'less than', '<', 'value', NUM_DATE_TS_STR),
  lte: spec('lte', 'at most', '≤', 'value', NUM_DATE_TS_STR),
  gt: spec('gt', 'greater than', '>', 'value', NUM_DATE_TS_STR),
  gte: spec('gte', 'at least', '≥', 'value', NUM_DATE_TS_STR),
  between: spec('between', 'between', 'between', 'range', ['number', 'date', 'timestamp']),
  in: spec('in', 'is one of', 'in', 'values', ['string', 'number'], 'notIn'),
  notIn: spec('notIn', 'is none of', 'not in', 'values', ['string', 'number'], 'in', true),
  contains: spec('contains', 'contains', 'contains', 'text', ['string'], 'notContains'),
  notContains: spec('notContains', 'does not contain', 'does not contain', 'text', ['string'], 'contains', true),
  startsWith: spec('startsWith', 'starts with', 'starts with', 'text', ['string']),
  endsWith: spec('endsWith', 'ends with', 'ends with', 'text', ['string']),
  matches: spec('matches', 'matches', 'matches', 'regex', ['string']),
  isEmpty: spec('isEmpty', 'is empty', 'is empty', 'none', 'any', 'isNotEmpty', true),
  isNotEmpty: spec('isNotEmpty', 'is not empty', 'is not empty', 'none', 'any', 'isEmpty'),
  isTrue: spec('isTrue', 'is true', 'is true', 'none', ['boolean']),
  isFalse: spec('isFalse', 'is false', 'is false', 'none', ['boolean']),
  inLast: spec('inLast', 'in the last', 'in the last', 'relative', DATES),
  olderThan: spec('olderThan', 'older than', 'older than', 'relative', DATES),
  inNext: spec('inNext', 'in the next', 'in the next', 'relative', DATES),
  inPeriod: spec('inPeriod', 'in period', 'in', 'period', DATES),
  inTable: spec('inTable', 'is in table', 'in table', 'table', ['string', 'number'], 'notInTable'),
  notInTable: spec('notInTable', 'is not in table', 'not in table', 'table', ['string', 'number'], 'inTable', true),
  topPercent: spec('topPercent', 'in the top %', 'top %', 'percent', ['number']),
  bottomPercent: spec('bottomPercent', 'in the bottom %', 'bottom %', 'percent', ['number']),
};

/** Operand keys allowed for each shape (`field` and `op` are always allowed). */
export const OPERAND_KEYS: Readonly<Record<OperandShape, readonly string[]>> = {
  value: ['value'],
  valueIgnoreCase: ['value', 'ignoreCase'],
  range: ['min', 'max'],
  values: ['values', 'ignoreCase'],
  text: ['value'],
  regex: ['value'],
  none: [],
  relative: ['n', 'unit'],
  period: ['period'],
  table: ['table', 'column'],
  percent: ['value'],
};

export function acceptsFamily(spec: OperatorSpec, family: Family): boolean {
  if (spec.families === 'any') return true;
  if (spec.families === 'scalar') return family !== 'other';
  return spec.families.includes(family);
}

/** Ops a field of this family can use, in table order (for the rule builder's op picker). */
export function opsForFamily(family: Family): Op[] {
  return Object.values(OPERATORS)
    .filter((s) => acceptsFamily(s, family))
    .map((s) => s.op);
}
