import { describe, expect, it } from 'vitest';
import { normalizeNumberText, numberText, parseNumberText } from '../../../../renderer/features/builder/numberText';

describe('number field text', () => {
  it('drops leading zeros, so typing 2 after the default 0 gives 2', () => {
    expect(normalizeNumberText('02')).toBe('2');
    expect(normalizeNumberText('-007.5')).toBe('-7.5');
    expect(normalizeNumberText('00')).toBe('0');
    expect(normalizeNumberText('0')).toBe('0');
    expect(normalizeNumberText('0.25')).toBe('0.25');
    expect(normalizeNumberText('.5')).toBe('.5');
    expect(normalizeNumberText(' 12 ')).toBe('12');
  });

  it('reads numbers, empty as no value, and partial input as not a number yet', () => {
    expect(parseNumberText('2')).toBe(2);
    expect(parseNumberText('-7.5')).toBe(-7.5);
    expect(parseNumberText('1.')).toBe(1);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText('1e3')).toBe(1000);
    expect(parseNumberText('')).toBeUndefined();
    expect(parseNumberText('  ')).toBeUndefined();
    for (const partial of ['-', '+', '.', '1e', '1e-', 'abc', '1,5', '0x10', 'Infinity', '1e999'])
      expect(parseNumberText(partial)).toBeNull();
  });

  it('shows a stored number exactly', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(numberText(undefined)).toBe('');
    expect(numberText(-3)).toBe('-3');
  });
});
