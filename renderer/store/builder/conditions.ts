/**
 * Pure helpers for the rule builder: the fields a rule can use (columns and metrics, with their
 * family), a new condition for a field, and how a condition changes when its field or op changes
 * (operands are kept when the new op takes the same shape, otherwise reset to sensible defaults).
 * Everything about ops comes from the one operators table in shared/segments.
 */
import type { ColumnInfo } from '../../../shared/api/dataApi';
import type { Condition, Metric, Op } from '../../../shared/segments/model';
import { OPERATORS, OPERAND_KEYS, acceptsFamily, opsForFamily } from '../../../shared/segments/operators';
import { buildScope } from '../../../shared/segments/scope';
import type { Family } from '../../../shared/segments/types';

export interface FieldOption {
  name: string;
  type: string | null;
  family: Family | 'unknown';
  isMetric: boolean;
}

export function fieldOptions(table: string, columns: ColumnInfo[], metrics: readonly Metric[] = []): FieldOption[] {
  const scope = buildScope({ [table]: columns }, table, metrics);
  const out: FieldOption[] = [];
  for (const c of columns) {
    const e = scope.get(c.name);
    if (e) out.push({ name: e.name, type: e.type, family: e.family, isMetric: false });
  }
  for (const m of metrics) {
    const e = scope.get(m.name);
    if (e?.metric) out.push({ name: e.name, type: e.type, family: e.family, isMetric: true });
  }
  return out;
}

/** Ops offered for a family; an unknown family (expr metric) gets the scalar ones. */
export function opsFor(family: Family | 'unknown'): Op[] {
  return opsForFamily(family === 'unknown' ? 'number' : family);
}

function defaultOperands(op: Op, family: Family | 'unknown'): Partial<Condition> {
  switch (OPERATORS[op].operands) {
    case 'value':
    case 'valueIgnoreCase':
      return family === 'number' ? { value: 0 } : family === 'string' ? { value: '' } : {};
    case 'text':
    case 'regex':
      return { value: '' };
    case 'values':
      return { values: [] };
    case 'relative':
      return { n: 30, unit: 'day' };
    case 'period':
      return { period: 'thisQuarter' };
    case 'percent':
      return { value: 10 };
    default:
      return {};
  }
}

export function newCondition(field: FieldOption): Condition {
  const op = opsFor(field.family)[0] ?? 'isNotEmpty';
  return { field: field.name, op, ...defaultOperands(op, field.family) };
}

/** Keep only the operand keys the op takes. */
function operandsOf(c: Condition, op: Op): Partial<Condition> {
  const out: Record<string, unknown> = {};
  for (const k of OPERAND_KEYS[OPERATORS[op].operands]) {
    const v = (c as unknown as Record<string, unknown>)[k]; // operand keys by name, for any op
    if (v !== undefined) out[k] = v;
  }
  return out as Partial<Condition>;
}

export function withOp(c: Condition, op: Op, family: Family | 'unknown'): Condition {
  const same = OPERATORS[op].operands === OPERATORS[c.op].operands;
  return { field: c.field, op, ...(same ? operandsOf(c, op) : defaultOperands(op, family)) };
}

export function withField(c: Condition, field: FieldOption, previous: FieldOption | undefined): Condition {
  const family = field.family === 'unknown' ? 'number' : field.family;
  const keepOp = acceptsFamily(OPERATORS[c.op], family);
  if (keepOp && previous && previous.family === field.family) return { ...c, field: field.name };
  const op = keepOp ? c.op : (opsFor(field.family)[0] ?? 'isNotEmpty');
  return { field: field.name, op, ...defaultOperands(op, field.family) };
}

/** A guess at the entity key: an `id`/`*_id` column first in the table, else the first column. */
export function guessKey(table: string, columns: ColumnInfo[]): string {
  const singular = table.replace(/s$/, '');
  const preferred = [`${singular}_id`, 'id', `${table}_id`];
  for (const p of preferred) if (columns.some((c) => c.name === p)) return p;
  return columns.find((c) => /(^|_)id$/i.test(c.name))?.name ?? columns[0]?.name ?? 'id';
}

/**
 * Where a field's suggestions are kept: by name for the entity's table, by `table/field` for another (an aggregate's
 * filter).
 */
export function suggestionKey(field: string, table: string | null = null): string {
  return table === null ? field : `${table}/${field}`;
}
