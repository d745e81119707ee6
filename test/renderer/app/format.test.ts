// Numbers for reading: thousands separators, decimals by magnitude, indexes as 1.24×; exact values
// as JavaScript holds them.
import { describe, expect, it } from 'vitest';
import { formatCompact, formatExact, formatIndex, formatNumber } from '../../../renderer/app/format';

describe('number formatting', () => {
  it('reads numbers with separators and sensible decimals', () => {
    expect(formatNumber(29_494_000.4)).toBe('29,494,000');
    expect(formatNumber(1234.56)).toBe('1,235');
    expect(formatNumber(116.25)).toBe('116.3');
    expect(formatNumber(55.137)).toBe('55.14');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(-0.012345)).toBe('-0.0123');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
  });

  it('keeps exact values exact and writes indexes and axis labels', () => {
    expect(formatExact(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatExact(null)).toBe('');
    expect(formatIndex(1.2449)).toBe('1.24×');
    expect(formatIndex(null)).toBe('–');
    expect(formatCompact(1_250_000)).toBe('1.3M');
    expect(formatCompact(950)).toBe('950');
  });
});
