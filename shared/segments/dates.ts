/**
 * Calendar arithmetic in UTC for relative conditions (§3): dates as day numbers since 1970-01-01,
 * instants as microseconds since the epoch (exact in a double for years 0001–9999).
 * Month arithmetic clamps to the month's last day like DuckDB/PostgreSQL intervals
 * (03-31 − 1 month = 02-28/29); week = 7 days, quarter = 3 months, year = 12 months.
 */
import type { Period, Unit } from './model';

export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

const MICROS_PER_DAY = 86_400_000_000;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
export function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Days since 1970-01-01 (proleptic Gregorian). */
export function dayNumber({ y, m, d }: CivilDate): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilDate(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TS_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** `YYYY-MM-DD` of a real calendar day (years 0001–9999), else null. */
export function parseDate(text: string): CivilDate | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return validCivil(date) ? date : null;
}

function validCivil({ y, m, d }: CivilDate): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export interface ParsedInstant {
  /** Microseconds since the epoch, UTC. */
  micros: number;
  /** False when the text had no `Z`/offset (read as UTC) or was a bare date. */
  zoned: boolean;
  dateOnly: boolean;
}

/** ISO 8601 date or timestamp (`T` or space, optional seconds and fraction, `Z` or ±HH[:MM]). */
export function parseInstant(text: string): ParsedInstant | null {
  const m = TS_RE.exec(text);
  if (!m) return null;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (!validCivil(date)) return null;
  const hh = Number(m[4] ?? 0);
  const mi = Number(m[5] ?? 0);
  const ss = Number(m[6] ?? 0);
  if (hh > 23 || mi > 59 || ss > 59) return null;
  const frac = m[7] ?? '';
  if (frac.length > 6 && !/^0*$/.test(frac.slice(6))) return null; // finer than µs cannot be kept exactly
  const micros = Number((frac + '000000').slice(0, 6));
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || 0);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const total = dayNumber(date) * MICROS_PER_DAY + ((hh * 60 + mi - offsetMinutes) * 60 + ss) * 1_000_000 + micros;
  return { micros: total, zoned: zone !== undefined, dateOnly: m[4] === undefined };
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatDate(days: number): string {
  const { y, m, d } = civilDate(days);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** `YYYY-MM-DD HH:MM:SS.ffffff`, UTC, no zone: the literal form DuckDB/PostgreSQL cast exactly. */
export function formatMicros(micros: number): string {
  const days = Math.floor(micros / MICROS_PER_DAY);
  let rest = micros - days * MICROS_PER_DAY;
  const hh = Math.floor(rest / 3_600_000_000);
  rest -= hh * 3_600_000_000;
  const mi = Math.floor(rest / 60_000_000);
  rest -= mi * 60_000_000;
  const ss = Math.floor(rest / 1_000_000);
  rest -= ss * 1_000_000;
  return `${formatDate(days)} ${pad(hh, 2)}:${pad(mi, 2)}:${pad(ss, 2)}.${pad(rest, 6)}`;
}

/** ISO 8601 with `Z` and millisecond precision when the instant allows it (for records and UI). */
export function isoInstant(micros: number): string {
  const text = formatMicros(micros).replace(' ', 'T');
  return text.endsWith('000') ? `${text.slice(0, -3)}Z` : `${text}Z`;
}

export function dayOfMicros(micros: number): number {
  return Math.floor(micros / MICROS_PER_DAY);
}
export function microsOfDay(days: number): number {
  return days * MICROS_PER_DAY;
}

export function addMonthsToDay(days: number, months: number): number {
  const { y, m, d } = civilDate(days);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return dayNumber({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

/** A date moved by `n` units (negative n goes back), month units clamped. */
export function addUnitsToDay(days: number, n: number, unit: Unit): number {
  switch (unit) {
    case 'day':
      return days + n;
    case 'week':
      return days + 7 * n;
    case 'month':
      return addMonthsToDay(days, n);
    case 'quarter':
      return addMonthsToDay(days, 3 * n);
    case 'year':
      return addMonthsToDay(days, 12 * n);
  }
}

/** An instant moved by `n` units; the time of day is kept, the date part follows addUnitsToDay. */
export function addUnitsToMicros(micros: number, n: number, unit: Unit): number {
  const day = dayOfMicros(micros);
  const time = micros - microsOfDay(day);
  return microsOfDay(addUnitsToDay(day, n, unit)) + time;
}

/** Half-open calendar period [start, end) as day numbers, containing the given day (UTC). */
export function periodBounds(day: number, period: Period): { start: number; end: number } {
  const { y, m } = civilDate(day);
  const monthStart = dayNumber({ y, m, d: 1 });
  const quarterStart = dayNumber({ y, m: m - ((m - 1) % 3), d: 1 });
  const yearStart = dayNumber({ y, m: 1, d: 1 });
  const span = (start: number, months: number, shift: number) => {
    const s = addMonthsToDay(start, shift * months);
    return { start: s, end: addMonthsToDay(s, months) };
  };
  switch (period) {
    case 'thisMonth':
      return span(monthStart, 1, 0);
    case 'lastMonth':
      return span(monthStart, 1, -1);
    case 'nextMonth':
      return span(monthStart, 1, 1);
    case 'thisQuarter':
      return span(quarterStart, 3, 0);
    case 'lastQuarter':
      return span(quarterStart, 3, -1);
    case 'nextQuarter':
      return span(quarterStart, 3, 1);
    case 'thisYear':
      return span(yearStart, 12, 0);
    case 'lastYear':
      return span(yearStart, 12, -1);
  }
}
