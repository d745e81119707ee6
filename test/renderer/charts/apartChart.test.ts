// What sets a column apart: the top features as bars of effect size, largest on top, coloured by
// direction for numbers and as categories otherwise, with both sides' values in the tooltip.
import { describe, expect, it } from 'vitest';
import type { ApartResult } from '../../../shared/api/compareApi';
import {
  apartChartOption,
  apartNote,
  CATEGORY,
  featureSummary,
  HIGHER,
  LOWER,
  meanText,
  sdText,
} from '../../../renderer/charts/apartChart';
import { palettes } from '../../../renderer/charts/palette';

const feature = (i: number) => ({
  field: `f${i}`,
  kind: 'number' as const,
  effect: 2 - i / 10,
  direction: i % 2 ? -1 : 1,
  a: { mean: 10 + i, sd: 1, values: 10 },
  b: { mean: 5, sd: 1, values: 90 },
});
const r: ApartResult = {
  column: 0,
  against: 'rest',
  sizeA: 10,
  sizeB: 90,
  features: [
    feature(0),
    { field: 'plan', kind: 'category', effect: 1.95, direction: 0, value: 'pro', shareA: 0.41, shareB: 0.12 },
    ...Array.from({ length: 18 }, (_, i) => feature(i + 1)),
  ],
  skipped: [{ field: 'account_id', reason: 'the key' }],
};

describe('apart chart', () => {
  it('shows the top 15, largest on top, coloured by direction or as a category', () => {
    const o = apartChartOption(r, { a: 'Activated', b: 'the rest' }, palettes.light) as unknown as {
      yAxis: { data: string[] };
      series: { data: { value: number; itemStyle: { color: string }; tip: string }[] }[];
    };
    expect(o.yAxis.data).toHaveLength(15);
    // Bottom-up axis: the last category is the top bar.
    expect(o.yAxis.data.at(-1)).toBe('f0');
    expect(o.yAxis.data.at(-2)).toBe('plan');
    const bars = o.series[0]!.data;
    expect(bars.at(-1)).toMatchObject({ value: 2, itemStyle: { color: HIGHER } });
    expect(bars.at(-2)!.itemStyle.color).toBe(CATEGORY);
    expect(bars.at(-3)!.itemStyle.color).toBe(LOWER);
    expect(bars.at(-2)!.tip).toContain('Activated vs the rest: plan = pro: 41% vs 12%');
    expect(
      (apartChartOption(r, { a: 'A', b: 'B' }, palettes.dark, 100) as unknown as { yAxis: { data: string[] } }).yAxis
        .data,
    ).toHaveLength(20);
  });

  it('summarises a number by both means', () => {
    expect(featureSummary(feature(2))).toBe('mean 12 vs 5');
  });

  it('reads dates and timestamps (days since 1970-01-01) as dates', () => {
    expect(meanText({ family: 'date' }, 20454)).toBe('2026-01-01');
    expect(meanText({ family: 'timestamp' }, 20454.5)).toBe('2026-01-01 12:00');
    expect(meanText({}, 1234.5)).toBe('1,235');
    expect(sdText({ family: 'date' }, 12.5)).toBe('12.5 days');
    expect(
      featureSummary({
        field: 'd',
        kind: 'number',
        family: 'date',
        effect: 1,
        direction: 1,
        a: { mean: 20454, sd: 1, values: 1 },
        b: { mean: 0, sd: 1, values: 1 },
      }),
    ).toBe('mean 2026-01-01 vs 1970-01-01');
  });

  it('explains the effect, all three colours, and whose definitions the * stands for', () => {
    const names = { a: 'Activated', b: 'the rest' };
    const note = apartNote({ ...r, sizeA: 4045, sizeB: 15955 }, names, true);
    expect(note).toContain('Activated: 4,045 rows vs the rest: 15,955.');
    expect(note).toContain('green = higher, red = lower in Activated');
    expect(note).toContain('(purple)');
    expect(note).toContain("* = a field Activated's definition reads");
    const pair = apartNote({ ...r, against: 2 }, { a: 'Activated', b: 'Advocates' }, true);
    expect(pair).toContain("* = a field Activated's or Advocates' definition reads");
    // Left out (or none of them among the fields): no * to explain.
    expect(apartNote(r, names, false)).not.toContain('*');
  });
});
