import { describe, expect, it } from 'vitest';
import {
  addUnitsToDay,
  addUnitsToMicros,
  dayNumber,
  formatDate,
  formatMicros,
  parseDate,
  parseInstant,
  periodBounds,
} from '../../../shared/segments/dates';

const day = (s: string) => dayNumber(parseDate(s)!);
const shift = (s: string, n: number, unit: Parameters<typeof addUnitsToDay>[2]) =>
  formatDate(addUnitsToDay(day(s), n, unit));

describe('UTC calendar arithmetic', () => {
  it('agrees with Date.UTC on day numbers across centuries', () => {
    for (const s of ['1970-01-01', '2000-02-29', '1900-03-01', '0001-01-01', '9999-12-31', '2024-02-29']) {
      expect(day(s)).toBe(Date.parse(`${s}T00:00:00Z`) / 86_400_000);
      expect(formatDate(day(s))).toBe(s);
    }
  });
  it('clamps month arithmetic to the month end like DuckDB intervals', () => {
    expect(shift('2026-03-31', -1, 'month')).toBe('2026-02-28');
    expect(shift('2024-03-31', -1, 'month')).toBe('2024-02-29');
    expect(shift('2024-02-29', -1, 'year')).toBe('2023-02-28');
    expect(shift('2026-05-31', -1, 'quarter')).toBe('2026-02-28');
    expect(shift('2026-01-31', 1, 'month')).toBe('2026-02-28');
    expect(shift('2026-12-31', 2, 'month')).toBe('2027-02-28');
    expect(shift('2026-03-31', -2, 'week')).toBe('2026-03-17');
    expect(formatMicros(addUnitsToMicros(parseInstant('2026-03-31T10:00:00Z')!.micros, -1, 'month'))).toBe(
      '2026-02-28 10:00:00.000000',
    );
  });
  it('computes half-open calendar periods', () => {
    const p = (s: string, period: Parameters<typeof periodBounds>[1]) => {
      const b = periodBounds(day(s), period);
      return [formatDate(b.start), formatDate(b.end)];
    };
    expect(p('2026-03-31', 'thisMonth')).toEqual(['2026-03-01', '2026-04-01']);
    expect(p('2026-01-15', 'lastMonth')).toEqual(['2025-12-01', '2026-01-01']);
    expect(p('2026-12-31', 'nextMonth')).toEqual(['2027-01-01', '2027-02-01']);
    expect(p('2026-05-01', 'thisQuarter')).toEqual(['2026-04-01', '2026-07-01']);
    expect(p('2026-02-01', 'lastQuarter')).toEqual(['2025-10-01', '2026-01-01']);
    expect(p('2026-11-30', 'nextQuarter')).toEqual(['2027-01-01', '2027-04-01']);
    expect(p('2026-06-30', 'lastYear')).toEqual(['2025-01-01', '2026-01-01']);
  });
  it('parses ISO timestamps with offsets to UTC and rejects impossible ones', () => {
    expect(formatMicros(parseInstant('2026-03-31T01:30:00+02:00')!.micros)).toBe('2026-03-30 23:30:00.000000');
    expect(formatMicros(parseInstant('2026-03-31T01:30:00.123456-0130')!.micros)).toBe('2026-03-31 03:00:00.123456');
    expect(parseInstant('2026-03-31')).toMatchObject({ dateOnly: true, zoned: false });
    expect(parseInstant('2026-02-29T00:00:00Z')).toBeNull();
    expect(parseInstant('2026-03-31T24:00:00Z')).toBeNull();
    expect(parseDate('2026-3-31')).toBeNull();
  });
});
