// The threshold histogram's bounds (threshold.ts): for ≥ and <, each threshold's bound is the double
// just below it, so "value above the bound" is exactly "value at or above the threshold".
import { describe, expect, it } from 'vitest';
import { below } from '../../../../electron/engine/overTime/threshold';

describe('below', () => {
  it('is the largest double under t: nothing lies between it and t', () => {
    for (const t of [2, 1e-9, 3.5, 1e15, 123456.789, -2, -1e-300, Number.MAX_VALUE, 5e-324]) {
      const b = below(t);
      expect(b).toBeLessThan(t);
      const mid = b + (t - b) / 2;
      expect(mid === b || mid === t, `a double between ${b} and ${t}`).toBe(true);
    }
    expect(below(0)).toBe(-Number.MIN_VALUE);
    expect(below(1)).toBe(1 - Number.EPSILON / 2);
  });

  it('turns v ≥ t into v > below(t) for the doubles around t', () => {
    for (const t of [0.1, 2, -7.25, 0, 1e300]) {
      const next = -below(-t); // the smallest double above t
      for (const v of [below(below(t)), below(t), t, next, next * 2, t - 1])
        expect([t, v, v >= t]).toEqual([t, v, v > below(t)]);
    }
  });
});
