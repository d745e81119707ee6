import { describe, expect, it } from 'vitest';
import { formatValue, profileChartOption } from '../../../renderer/charts/profileChart';
import { palettes } from '../../../renderer/charts/palette';

const base = { name: 'x', type: 'DOUBLE', rows: 100, nulls: 0, distinct: 3, min: 0, max: 30 };

describe('profile chart option', () => {
  it('draws a histogram as vertical bars with one category per bin', () => {
    const o = profileChartOption(
      {
        ...base,
        histogram: [
          { lo: 0, hi: 10, count: 5 },
          { lo: 10, hi: 20, count: 70 },
          { lo: 20, hi: 1500, count: 25 },
        ],
      },
      palettes.light,
    );
    expect(o?.xAxis.type).toBe('category');
    expect(o?.xAxis.data).toEqual(['0–10', '10–20', '20–1,500']);
    expect(o?.series[0]?.data).toEqual([5, 70, 25]);
    expect(o?.series[0]?.itemStyle.color).toBe(palettes.light.bar);
  });

  it('draws top values horizontally, largest on top, nulls and empty strings labelled', () => {
    const o = profileChartOption(
      {
        ...base,
        type: 'VARCHAR',
        top: [
          { value: 'pro', count: 50 },
          { value: null, count: 30 },
          { value: '', count: 20 },
        ],
      },
      palettes.dark,
    );
    expect(o?.yAxis.type).toBe('category');
    // ECharts draws categories bottom-up: reversed so the largest reads first.
    expect(o?.yAxis.data).toEqual(['(empty)', '∅ (null)', 'pro']);
    expect(o?.series[0]?.data).toEqual([20, 30, 50]);
    expect(o?.series[0]?.itemStyle.color).toBe(palettes.dark.bar);
  });

  it('has nothing to draw without a histogram or top values', () => {
    expect(profileChartOption(base, palettes.light)).toBeNull();
    expect(profileChartOption({ ...base, histogram: [], top: [] }, palettes.light)).toBeNull();
  });

  it('formats values for labels', () => {
    expect(formatValue(1234567)).toBe('1,234,567');
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(true)).toBe('true');
  });
});
