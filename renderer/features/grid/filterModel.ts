/**
 * AG Grid's filter and sort models → the API's GridFilter[] and SortSpec. Pure, so it is unit-tested.
 * Filters allow one condition per column (maxNumConditions: 1), so there is never an OR to express;
 * a combined AND model (if one arrives) becomes several filters. Unknown options are dropped rather
 * than guessed.
 */
import type { GridFilter, SortSpec } from '../../../shared/api/dataApi';
import type { TypeFamily } from './columnTypes';

interface SimpleModel {
  filterType?: string;
  type?: string | null;
  filter?: string | number | null;
  filterTo?: string | number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
}

interface CombinedModel {
  operator: 'AND' | 'OR';
  conditions: SimpleModel[];
}

const ops: Record<string, GridFilter['op']> = {
  equals: 'eq',
  notEqual: 'neq',
  lessThan: 'lt',
  lessThanOrEqual: 'lte',
  greaterThan: 'gt',
  greaterThanOrEqual: 'gte',
  contains: 'contains',
  notContains: 'notContains',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  blank: 'isEmpty',
  notBlank: 'isNotEmpty',
  inRange: 'between',
};

/** AG Grid writes dates as 'YYYY-MM-DD hh:mm:ss'; DATE columns compare on the day, timestamps on the instant. */
function dateValue(raw: string, family: TypeFamily | undefined): string {
  if (family === 'timestamp') return `${raw.slice(0, 10)}T${raw.slice(11, 19) || '00:00:00'}Z`;
  return raw.slice(0, 10);
}

function one(field: string, m: SimpleModel, family: TypeFamily | undefined): GridFilter | null {
  if (m.filterType === 'boolean') {
    if (m.type === 'true' || m.type === 'false') return { field, op: 'eq', value: m.type === 'true' };
    return m.type === 'blank' ? { field, op: 'isEmpty' } : null;
  }
  const op = m.type ? ops[m.type] : undefined;
  if (!op) return null;
  if (op === 'isEmpty' || op === 'isNotEmpty') return { field, op };
  const isDate = m.filterType === 'date';
  const from = isDate ? m.dateFrom : m.filter;
  const to = isDate ? m.dateTo : m.filterTo;
  if (from === null || from === undefined || from === '') return null;
  const v = isDate ? dateValue(String(from), family) : from;
  if (op === 'between') {
    if (to === null || to === undefined || to === '') return null;
    return { field, op, min: v, max: isDate ? dateValue(String(to), family) : to };
  }
  return { field, op, value: v };
}

export function toGridFilters(
  model: Record<string, unknown> | null | undefined,
  families: Record<string, TypeFamily> = {},
): GridFilter[] {
  const out: GridFilter[] = [];
  if (!model) return out;
  for (const [field, raw] of Object.entries(model)) {
    if (!raw || typeof raw !== 'object') continue;
    const conditions =
      'conditions' in raw && (raw as CombinedModel).operator === 'AND'
        ? (raw as CombinedModel).conditions
        : [raw as SimpleModel];
    if ('conditions' in raw && (raw as CombinedModel).operator !== 'AND') continue;
    for (const c of conditions) {
      const f = one(field, c, families[field]);
      if (f) out.push(f);
    }
  }
  return out;
}

export function toSortSpec(model: readonly { colId: string; sort: 'asc' | 'desc' }[] | null | undefined): SortSpec {
  return (model ?? []).slice(0, 8).map((m) => ({ column: m.colId, dir: m.sort }));
}
