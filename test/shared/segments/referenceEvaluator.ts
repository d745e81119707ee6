/**
 * An independent reference evaluator of SPEC §3, written from the spec text, not from the compiler:
 * evaluates a rule on in-memory rows with plain JavaScript. Dates are 'YYYY-MM-DD' strings,
 * timestamps are epoch milliseconds (UTC), numbers, strings, booleans, null.
 * Used by the property tests to check the compiled SQL's member sets.
 */
import type { Condition, Rule } from '../../../shared/segments/model';

export type RefValue = string | number | boolean | null;
export type RefRow = Record<string, RefValue>;
export type RefKind = 'string' | 'number' | 'date' | 'timestamp' | 'boolean';

export interface RefTable {
  rows: RefRow[];
  kinds: Record<string, RefKind>;
}

const DAY_MS = 86_400_000;

/** Code-point order, as UTF-8 bytes compare. */
function compareStrings(a: string, b: string): number {
  const ca = Array.from(a, (c) => c.codePointAt(0)!);
  const cb = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
  return ca.length - cb.length;
}

function stripBlank(s: string): string {
  const blank = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  let i = 0;
  let j = s.length;
  while (i < j && blank(s[i]!)) i++;
  while (j > i && blank(s[j - 1]!)) j--;
  return s.slice(i, j);
}

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Shifts an instant by n units of the calendar, clamping the day to the target month's length. */
export function shiftMs(ms: number, n: number, unit: string): number {
  if (unit === 'day') return ms + n * DAY_MS;
  if (unit === 'week') return ms + 7 * n * DAY_MS;
  const months = unit === 'month' ? n : unit === 'quarter' ? 3 * n : 12 * n;
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(
    target.getUTCFullYear(),
    target.getUTCMonth(),
    day,
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

function periodRange(asOfMs: number, period: string): [number, number] {
  const d = new Date(asOfMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const [size, startMonth] = period.endsWith('Month')
    ? [1, m]
    : period.endsWith('Quarter')
      ? [3, m - (m % 3)]
      : [12, 0];
  const shift = period.startsWith('last') ? -1 : period.startsWith('next') ? 1 : 0;
  return [Date.UTC(y, startMonth + shift * size, 1), Date.UTC(y, startMonth + (shift + 1) * size, 1)];
}

/**
 * A pattern with RE2's `.` (any character but \n, as DuckDB matches) in place of JavaScript's
 * (which also refuses \r, \u2028 and \u2029): each unescaped `.` outside a character class
 * becomes `[^\n]`.
 */
export function re2Dot(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      // A ']' first in a class is a literal, not its end.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
    } else out += ch === '.' ? '[^\\n]' : ch;
  }
  return out;
}

export class ReferenceEvaluator {
  private readonly asOfMs: number;
  private readonly asOfDateMs: number;

  constructor(
    private readonly table: RefTable,
    asOf: string,
  ) {
    this.asOfMs = Date.parse(asOf);
    this.asOfDateMs = dateMs(ymd(this.asOfMs));
  }

  matches(rule: Rule, row: RefRow): boolean {
    if ('all' in rule) return rule.all.every((r) => this.matches(r, row));
    if ('any' in rule) return rule.any.some((r) => this.matches(r, row));
    if ('not' in rule) return !this.matches(rule.not, row);
    if ('sql' in rule && !('field' in rule)) throw new Error('SqlRule is not evaluated by the reference');
    return this.condition(rule as Condition, row);
  }

  private scalar(kind: RefKind, v: unknown): number | string | boolean {
    if (kind === 'date') return dateMs(v as string);
    if (kind === 'timestamp') return typeof v === 'string' && v.length === 10 ? dateMs(v) : Date.parse(v as string);
    return v as number | string | boolean;
  }

  private condition(c: Condition, row: RefRow): boolean {
    const kind = this.table.kinds[c.field]!;
    const raw = row[c.field] ?? null;
    // Normalise dates to epoch ms so one comparison path serves dates and timestamps.
    const v = raw === null ? null : kind === 'date' ? dateMs(raw as string) : raw;
    const fold = (x: unknown) => (c.ignoreCase && typeof x === 'string' ? x.toLowerCase() : x);
    const cmp = (a: unknown, b: unknown) =>
      typeof a === 'string' ? compareStrings(a, b as string) : (a as number) - (b as number);
    const eq = (val: unknown) => v !== null && fold(v) === fold(this.scalar(kind, val));
    const lc = (s: unknown) => String(s).toLowerCase();
    switch (c.op) {
      case 'eq':
        return eq(c.value);
      case 'neq':
        return !eq(c.value);
      case 'lt':
        return v !== null && cmp(v, this.scalar(kind, c.value)) < 0;
      case 'lte':
        return v !== null && cmp(v, this.scalar(kind, c.value)) <= 0;
      case 'gt':
        return v !== null && cmp(v, this.scalar(kind, c.value)) > 0;
      case 'gte':
        return v !== null && cmp(v, this.scalar(kind, c.value)) >= 0;
      case 'between':
        return v !== null && cmp(v, this.scalar(kind, c.min)) >= 0 && cmp(v, this.scalar(kind, c.max)) <= 0;
      case 'in':
        return (c.values ?? []).some((x) => eq(x));
      case 'notIn':
        return !(c.values ?? []).some((x) => eq(x));
      case 'contains':
        return v !== null && lc(v).includes(lc(c.value));
      case 'notContains':
        return !(v !== null && lc(v).includes(lc(c.value)));
      case 'startsWith':
        return v !== null && lc(v).startsWith(lc(c.value));
      case 'endsWith':
        return v !== null && lc(v).endsWith(lc(c.value));
      case 'matches':
        return v !== null && new RegExp(re2Dot(String(c.value))).test(String(v));
      case 'isEmpty':
        return v === null || (typeof v === 'string' && stripBlank(v) === '');
      case 'isNotEmpty':
        return !(v === null || (typeof v === 'string' && stripBlank(v) === ''));
      case 'isTrue':
        return v === true;
      case 'isFalse':
        return v === false;
      case 'inLast':
      case 'olderThan':
      case 'inNext': {
        if (v === null) return false;
        const anchor = kind === 'date' ? this.asOfDateMs : this.asOfMs;
        const t = v as number;
        if (c.op === 'inLast') return shiftMs(anchor, -c.n!, c.unit!) <= t && t <= anchor;
        if (c.op === 'olderThan') return t < shiftMs(anchor, -c.n!, c.unit!);
        return anchor <= t && t <= shiftMs(anchor, c.n!, c.unit!);
      }
      case 'inPeriod': {
        if (v === null) return false;
        const [start, end] = periodRange(this.asOfMs, c.period!);
        return start <= (v as number) && (v as number) < end;
      }
      case 'topPercent':
      case 'bottomPercent': {
        if (v === null) return false;
        const values = this.table.rows
          .map((r) => r[c.field])
          .filter((x): x is number => x !== null && x !== undefined) as number[];
        const top = c.op === 'topPercent';
        values.sort((a, b) => (top ? b - a : a - b));
        const hundredths = Math.round((c.value as number) * 100);
        const k = Math.ceil((values.length * hundredths) / 10000);
        const threshold = values[k - 1]!;
        return top ? (v as number) >= threshold : (v as number) <= threshold;
      }
      default:
        throw new Error(`reference evaluator: op ${c.op} not covered`);
    }
  }
}
