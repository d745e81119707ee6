// Distribution charts: box plots from the engine's exact quartiles (columns without values left out,
// the whole table last), and histograms over the shared bins as each column's share of members.
import { describe, expect, it } from 'vitest';
import type { DistributionResult } from '../../../shared/api/compareApi';
import {
  binLabels,
  boxAxisMax,
  boxChartOption,
  boxItems,
  histogramChartOption,
  histogramShares,
} from '../../../renderer/charts/distributionChart';
import { palettes } from '../../../renderer/charts/palette';

const colors = ['#aa1111', '#11aa11', '#1111aa'];

const d: DistributionResult = {
  measure: 'mrr',
  edges: [0, 100, 200, 1000, 2500],
  histograms: [
    [10, 20, 30, 40],
    [5, 5, 0, 0],
    [0, 0, 0, 0],
  ],
  boxes: [
    { values: 100, min: 0, q1: 150, median: 700, q3: 1200.5, max: 2500 },
    { values: 10, min: 3, q1: 40, median: 99.5, q3: 120, max: 199 },
    { values: 0, min: null, q1: null, median: null, q3: null, max: null },
  ],
  baseline: { histogram: [100, 100, 100, 100], box: { values: 400, min: 0, q1: 90, median: 400, q3: 999, max: 2500 } },
};
const columns = ['Activated', 'At risk', 'Nobody'];

describe('distribution charts', () => {
  it('box plot: [min, Q1, median, Q3, max] as given, empty columns left out, the whole table last', () => {
    const items = boxItems(d, columns, colors, palettes.light);
    expect(items.map((x) => [x.name, x.value])).toEqual([
      ['Activated', [0, 150, 700, 1200.5, 2500]],
      ['At risk', [3, 40, 99.5, 120, 199]],
      ['Whole table', [0, 90, 400, 999, 2500]],
    ]);
    expect(items[0]!.itemStyle.borderColor).toBe(colors[0]);
    expect(items[2]!.itemStyle.borderColor).toBe(palettes.light.baseline);
    expect(items[0]!.tip).toContain('median 700');
    const o = boxChartOption(d, columns, colors, palettes.dark) as unknown as {
      xAxis: { data: string[] };
      series: { type: string }[];
    };
    expect(o.xAxis.data).toEqual(['Activated', 'At risk', 'Whole table']);
    expect(o.series[0]!.type).toBe('boxplot');
  });

  it('cuts the axis above the boxes only when whiskers run far past them, at a round number', () => {
    const item = (q3: number, max: number) => ({
      name: 'x',
      value: [0, 1, 2, q3, max] as [number, number, number, number, number],
      itemStyle: { color: '', borderColor: '' },
      tip: '',
    });
    expect(boxAxisMax([item(1000, 2500)])).toBeUndefined();
    expect(boxAxisMax([item(974.3, 32_646), item(5441, 31_866)])).toBe(9000);
    expect(boxAxisMax([item(0, 10)])).toBeUndefined();
    const o = boxChartOption(
      {
        ...d,
        boxes: [{ values: 5, min: 0, q1: 10, median: 20, q3: 40, max: 5000 }],
        baseline: { ...d.baseline, box: { values: 0, min: null, q1: null, median: null, q3: null, max: null } },
      },
      ['A'],
      colors,
      palettes.light,
    ) as unknown as { yAxis: { max?: number; name: string } };
    expect(o.yAxis.max).toBe(60);
    expect(o.yAxis.name).toContain('whiskers run to the max');
  });

  it('histogram: shared bins, each column as shares of its members, the whole table as a line', () => {
    expect(binLabels(d.edges)).toEqual(['0 – 100', '100 – 200', '200 – 1,000', '1,000 – 2,500']);
    expect(histogramShares([10, 20, 30, 40])).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(histogramShares([0, 0])).toEqual([0, 0]);
    const o = histogramChartOption(d, columns, colors, palettes.light) as unknown as {
      xAxis: { data: string[] };
      series: { type: string; name: string; data: number[] }[];
    };
    expect(o.xAxis.data).toHaveLength(4);
    expect(o.series.map((s) => [s.type, s.name])).toEqual([
      ['bar', 'Activated'],
      ['bar', 'At risk'],
      ['bar', 'Nobody'],
      ['line', 'Whole table'],
    ]);
    expect(o.series[1]!.data).toEqual([0.5, 0.5, 0, 0]);
    expect(o.series[3]!.data).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('value axes name themselves from the axis line rightwards, so a long name is not cut at the left edge', () => {
    // Centred over the axis line (ECharts' default) "MonthlyCharges" lost its first letters on screen.
    type Named = { yAxis: { name: string; nameTextStyle: { align?: string } } };
    const box = boxChartOption(d, columns, colors, palettes.light) as unknown as Named;
    const hist = histogramChartOption(d, columns, colors, palettes.dark) as unknown as Named;
    expect([box.yAxis.name, box.yAxis.nameTextStyle.align]).toEqual(['mrr', 'left']);
    expect([hist.yAxis.name, hist.yAxis.nameTextStyle.align]).toEqual(['share of members', 'left']);
  });
});
