// Breakdown bars: grouped (categories on the axis, a bar per column; averages with the whole table),
// stacked (a bar per column of its categories) and 100% (shares of each column's total, the whole
// table beside); averages never stack; Other and (empty) in their own greys.
import { describe, expect, it } from 'vitest';
import type { BreakdownResult } from '../../../shared/api/compareApi';
import { breakdownChartOption, effectiveLayout, shareRows, valueName } from '../../../renderer/charts/breakdownChart';
import { palettes } from '../../../renderer/charts/palette';

const b: BreakdownResult = {
  column: 'channel',
  family: 'text',
  value: 'count',
  measure: null,
  categories: ['organic', 'paid', null, null],
  details: [
    { label: 'organic', value: 'organic', kind: 'value' },
    { label: 'paid', value: 'paid', kind: 'value' },
    { label: 'Other', value: null, kind: 'other' },
    { label: '(empty)', value: null, kind: 'empty' },
  ],
  // counts[column][category]
  counts: [
    [150, 100, 40, 10],
    [50, 30, 15, 5],
  ],
  baseline: { counts: [500, 300, 150, 50] },
};
const columns = ['Activated', 'At risk'];
const colors = ['#aa1111', '#11aa11'];
type Bars = {
  xAxis: { data: string[] };
  yAxis: { name: string; max?: number };
  series: { name: string; data: (number | null)[]; stack?: string; itemStyle: { color: string } }[];
};

describe('breakdown chart', () => {
  it('grouped: one bar per column over the categories', () => {
    const o = breakdownChartOption(b, columns, colors, 'grouped', palettes.light) as unknown as Bars;
    expect(o.xAxis.data).toEqual(['organic', 'paid', 'Other', '(empty)']);
    expect(o.series.map((s) => [s.name, s.data, s.stack, s.itemStyle.color])).toEqual([
      ['Activated', [150, 100, 40, 10], undefined, colors[0]],
      ['At risk', [50, 30, 15, 5], undefined, colors[1]],
    ]);
    expect(o.yAxis.name).toBe('members');
  });

  it('stacked: one bar per column made of its categories, Other and (empty) in greys', () => {
    const o = breakdownChartOption(b, columns, colors, 'stacked', palettes.dark) as unknown as Bars;
    expect(o.xAxis.data).toEqual(columns);
    expect(o.series.map((s) => [s.name, s.data, s.stack])).toEqual([
      ['organic', [150, 50], 'all'],
      ['paid', [100, 30], 'all'],
      ['Other', [40, 15], 'all'],
      ['(empty)', [10, 5], 'all'],
    ]);
    expect(o.series[2]!.itemStyle.color).toBe(palettes.dark.other);
    expect(o.series[3]!.itemStyle.color).toBe(palettes.dark.empty);
  });

  it('100%: shares of each column total, the whole table beside; each bar adds up to 1', () => {
    const o = breakdownChartOption(b, columns, colors, 'percent', palettes.light) as unknown as Bars;
    expect(o.xAxis.data).toEqual(['Activated', 'At risk', 'Whole table']);
    expect(o.yAxis).toMatchObject({ name: 'share of members', max: 1 });
    expect(o.series[0]!.data).toEqual([150 / 300, 50 / 100, 500 / 1000]);
    for (let col = 0; col < 3; col++)
      expect(o.series.reduce((a, s) => a + (s.data[col] as number), 0)).toBeCloseTo(1, 12);
    expect(shareRows([[0, null]])).toEqual([[0, 0]]);
  });

  it('sums and averages: the measure per category; averages stay grouped, with the whole table', () => {
    const avg: BreakdownResult = {
      ...b,
      value: 'avg',
      measure: 'mrr',
      values: [
        [10, 20, null, 5],
        [1, 2, 3, 4],
      ],
      baseline: { counts: b.baseline.counts, values: [7, 8, 9, 6] },
    };
    expect(effectiveLayout('avg', 'percent')).toBe('grouped');
    expect(effectiveLayout('sum', 'percent')).toBe('percent');
    const o = breakdownChartOption(avg, columns, colors, 'stacked', palettes.light) as unknown as Bars;
    expect(o.xAxis.data).toEqual(['organic', 'paid', 'Other', '(empty)']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ['Activated', [10, 20, null, 5]],
      ['At risk', [1, 2, 3, 4]],
      ['Whole table', [7, 8, 9, 6]],
    ]);
    expect(o.series[2]!.itemStyle.color).toBe(palettes.light.baseline);
    expect(valueName(avg, 'grouped')).toBe('average mrr');
    expect(valueName({ value: 'sum', measure: 'mrr' }, 'percent')).toBe('share of mrr');
  });

  it('a category no row falls in is not drawn: an (empty) of zeros goes, a bin of zeros stays', () => {
    const zeros: BreakdownResult = {
      ...b,
      counts: [
        [150, 100, 40, 0],
        [50, 30, 15, 0],
      ],
      baseline: { counts: [500, 300, 150, 0] },
    };
    const grouped = breakdownChartOption(zeros, columns, colors, 'grouped', palettes.light) as unknown as Bars;
    expect(grouped.xAxis.data).toEqual(['organic', 'paid', 'Other']);
    expect(grouped.series[0]!.data).toEqual([150, 100, 40]);
    const stacked = breakdownChartOption(zeros, columns, colors, 'stacked', palettes.light) as unknown as Bars;
    expect(stacked.series.map((s) => s.name)).toEqual(['organic', 'paid', 'Other']);
    // (empty) with a row only in the whole table is still drawn (the category list is shared).
    const inTable = { ...zeros, baseline: { counts: [500, 300, 150, 3] } };
    expect(
      (breakdownChartOption(inTable, columns, colors, 'grouped', palettes.light) as unknown as Bars).xAxis.data,
    ).toEqual(['organic', 'paid', 'Other', '(empty)']);
    const bins: BreakdownResult = {
      ...b,
      family: 'number',
      categories: [null, null, null],
      details: [
        { label: '0 – 10', value: null, kind: 'bin', lo: 0, hi: 10 },
        { label: '10 – 20', value: null, kind: 'bin', lo: 10, hi: 20 },
        { label: '20 – 30', value: null, kind: 'bin', lo: 20, hi: 30 },
      ],
      counts: [
        [4, 0, 1],
        [2, 0, 0],
      ],
      baseline: { counts: [9, 0, 2] },
    };
    expect(
      (breakdownChartOption(bins, columns, colors, 'grouped', palettes.light) as unknown as Bars).xAxis.data,
    ).toEqual(['0 – 10', '10 – 20', '20 – 30']);
  });
});
