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
  return typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v));
}

export function checkNumber(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${describeValue(v)} is not a number`;
  if (Number.isInteger(v) && Math.abs(v) > MAX_SAFE_INTEGER_JSON) return `integer ${v} is beyond ±2^53`;
  return undefined;
}

/** How a value of each family is written, said to the person who typed it. */
const HOW: Record<Exclude<Family, 'other'>, { is: string; fix: string }> = {
  number: { is: 'a number', fix: 'type a number such as 1200 or 0.5 (digits only, no units or thousands separators)' },
  string: { is: 'text', fix: 'write the value as a JSON string, in quotes' },
  boolean: { is: 'true or false', fix: 'choose true or false' },
  date: { is: 'a date', fix: 'write it as YYYY-MM-DD, e.g. 2026-11-01' },
  timestamp: { is: 'a timestamp', fix: 'write it as ISO 8601 with Z or an offset, e.g. 2026-11-01T09:00:00Z' },
};

/** "mrr is a number; 'abc' is not. Type a number such as 1200 …" (the field named when known). */
function mismatch(v: unknown, family: Exclude<Family, 'other'>, field?: string): string {
  const how = HOW[family];
  const empty = v === '' || v === undefined;
  const fix = how.fix.charAt(0).toUpperCase() + how.fix.slice(1);
  if (field) return `${field} is ${how.is}; ${empty ? 'the value is empty' : `${describeValue(v)} is not`}. ${fix}`;
  return `${empty ? `The value is empty; it must be ${how.is}` : `${describeValue(v)} is not ${how.is}`}. ${fix}`;
}

/**
 * Whether `v` fits a field of `family` ('unknown' = an expr metric: any scalar). With `field`, the
 * message names it ("mrr is a number; 'abc' is not") and says how to write the value.
 */
export function checkValue(v: unknown, family: Family | 'unknown', field?: string): ValueCheck {
  switch (family) {
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return { error: mismatch(v, 'number', field) };
      const error = checkNumber(v);
      return error ? { error: `${error}; numbers are exact only within ±2^53 (write an identifier as text)` } : {};
    }
    case 'string':
      return typeof v === 'string' ? {} : { error: mismatch(v, 'string', field) };
    case 'boolean':
      return typeof v === 'boolean' ? {} : { error: mismatch(v, 'boolean', field) };
    case 'date':
      return typeof v === 'string' && parseDate(v) ? {} : { error: mismatch(v, 'date', field) };
    case 'timestamp': {
      const parsed = typeof v === 'string' ? parseInstant(v) : null;
      if (!parsed) return { error: mismatch(v, 'timestamp', field) };
      if (!parsed.zoned && !parsed.dateOnly)
        return { warning: `timestamp ${describeValue(v)} has no Z or offset; read as UTC` };
      return {};
    }
    case 'unknown':
      if (typeof v === 'number') return checkValue(v, 'number', field);
      return typeof v === 'string' || typeof v === 'boolean'
        ? {}
        : {
            error: `${describeValue(v)} is not a value${field ? ` ${field} can be compared with` : ''}; write a number, text or true/false`,
          };
    case 'other':
      return {
        error: `${field ?? 'a field of this type'} holds lists or structures and cannot be compared with a value; choose another field`,
      };
  }
}
