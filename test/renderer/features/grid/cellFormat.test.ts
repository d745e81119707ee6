// Grid cells for reading, exact values for the tooltip: expectations written out by hand.
import { describe, expect, it } from 'vitest';
import { cellFormat, formatGridNumber, formatTimestamp } from '../../../../renderer/features/grid/cellFormat';

describe('grid cell formatting', () => {
  it('numbers: thousands separators, two decimals from 1 up, three significant digits below', () => {
    expect(formatGridNumber(1234567, 'BIGINT')).toBe('1,234,567');
    expect(formatGridNumber(1889.5, 'DOUBLE')).toBe('1,889.5');
    expect(formatGridNumber(29.851, 'DOUBLE')).toBe('29.85');
    expect(formatGridNumber(-12345.678, 'DOUBLE')).toBe('-12,345.68');
    expect(formatGridNumber(0.012345, 'DOUBLE')).toBe('0.0123');
    expect(formatGridNumber(0, 'DOUBLE')).toBe('0');
  });

  it('a DECIMAL keeps its own scale', () => {
    expect(formatGridNumber(1200, 'DECIMAL(18,2)')).toBe('1,200.00');
    expect(formatGridNumber(3.5, 'DECIMAL(10,3)')).toBe('3.500');
  });

  it('ids, codes and years are written as they are', () => {
    expect(cellFormat('BIGINT', 'customer_id').format(1234567)).toBe('1234567');
    expect(cellFormat('INTEGER', 'signup_year').format(2026)).toBe('2026');
    expect(cellFormat('INTEGER', 'seats').format(2026)).toBe('2,026');
    expect(cellFormat('BIGINT', 'events').format('9007199254740993')).toBe('9,007,199,254,740,993');
  });

  it('timestamps read as dates and times in UTC; dates stay dates', () => {
    expect(formatTimestamp('2026-11-01T09:30:00.000Z')).toBe('2026-11-01 09:30');
    expect(formatTimestamp('2026-11-01T09:30:15Z')).toBe('2026-11-01 09:30:15');
    expect(formatTimestamp('2026-11-01T00:00:00.000Z')).toBe('2026-11-01');
    expect(formatTimestamp('2026-11-01T00:00:00.250Z')).toBe('2026-11-01 00:00:00');
    expect(cellFormat('DATE', 'signup_date').format('2026-06-01')).toBe('2026-06-01');
  });

  it('the tooltip has the exact value whenever the display differs, nothing otherwise', () => {
    const mrr = cellFormat('DOUBLE', 'mrr');
    expect(mrr.format(12345.678)).toBe('12,345.68');
    expect(mrr.exact(12345.678)).toBe('12345.678');
    expect(mrr.exact(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(mrr.exact(12)).toBeUndefined();
    expect(mrr.exact(null)).toBeUndefined();
    expect(mrr.format(null)).toBe('');
    expect(cellFormat('TIMESTAMP', 'seen_at').exact('2026-11-01T09:30:00.000Z')).toBe('2026-11-01T09:30:00.000Z');
    expect(cellFormat('VARCHAR', 'plan').exact('pro')).toBeUndefined();
    expect(cellFormat('VARCHAR', 'note').exact('a note long enough to be cut by the column')).toBe(
      'a note long enough to be cut by the column',
    );
    expect(cellFormat('BOOLEAN', 'paid').format(true)).toBe('true');
  });
});
