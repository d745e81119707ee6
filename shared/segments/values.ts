/**
 * Checks a JSON operand value against the family of the field it is compared with (§3 "Values"):
 * numbers (integers within ±2^53), strings, booleans, dates `YYYY-MM-DD`, timestamps ISO 8601 with
 * `Z` or an offset (normalised to UTC; a bare date means its midnight UTC).
 */
import { parseDate, parseInstant } from './dates';
import type { Family } from './types';

export const MAX_SAFE_INTEGER_JSON = 2 ** 53;

export interface ValueCheck {
  error?: string;
  warning?: string;
}

export function describeValue(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
}

export function checkNumber(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${describeValue(v)} is not a number`;
  if (Number.isInteger(v) && Math.abs(v) > MAX_SAFE_INTEGER_JSON) return `integer ${v} is beyond ±2^53`;
  return undefined;
}

/** Whether `v` fits a field of `family` ('unknown' = an expr metric: any scalar). */
export function checkValue(v: unknown, family: Family | 'unknown'): ValueCheck {
  switch (family) {
    case 'number': {
      const error = checkNumber(v);
      return error ? { error } : {};
    }
    case 'string':
      return typeof v === 'string' ? {} : { error: `${describeValue(v)} is not a string` };
    case 'boolean':
      return typeof v === 'boolean' ? {} : { error: `${describeValue(v)} is not true or false` };
    case 'date':
      return typeof v === 'string' && parseDate(v) ? {} : { error: `${describeValue(v)} is not a date (YYYY-MM-DD)` };
    case 'timestamp': {
      const parsed = typeof v === 'string' ? parseInstant(v) : null;
      if (!parsed) return { error: `${describeValue(v)} is not a timestamp (ISO 8601, e.g. 2026-11-01T09:00:00Z)` };
      if (!parsed.zoned && !parsed.dateOnly) return { warning: `timestamp ${describeValue(v)} has no Z or offset; read as UTC` };
      return {};
    }
    case 'unknown':
      if (typeof v === 'number') return checkValue(v, 'number');
      return typeof v === 'string' || typeof v === 'boolean' ? {} : { error: `${describeValue(v)} is not a scalar value` };
    case 'other':
      return { error: 'fields of this type cannot be compared with a value' };
  }
}
