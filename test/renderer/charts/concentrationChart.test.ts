// Concentration: one Lorenz/Pareto curve per column from the origin, the whole table dashed, the
// even spread as the diagonal; axes are shares from 0 to 1.
import { describe, expect, it } from 'vitest';
import type { ConcentrationResult } from '../../../shared/api/compareApi';
import { concentrationChartOption, curvePoints } from '../../../renderer/charts/concentrationChart';
import { palettes } from '../../../renderer/charts/palette';

const colors = ['#aa1111', '#11aa11'];

const c: ConcentrationResult = {
  measure: 'mrr',
  points: [0.1, 0.2, 0.5, 1],
  curves: [
    [0.5, 0.7, 0.9, 1],
    [0.2, 0.35, 0.7, 1],
  ],
  top: [
    { p10: 0.5, p20: 0.7, p50: 0.9 },
    { p10: 0.2, p20: 0.35, p50: 0.7 },
  ],
  totals: [1000, 500],
  baseline: { curve: [0.3, 0.5, 0.8, 1], top: { p10: 0.3, p20: 0.5, p50: 0.8 }, total: 5000 },
};

describe('concentration chart', () => {
  it('draws a curve per column from the origin, the whole table and the even spread', () => {
    expect(curvePoints(c.points, c.curves[0]!)).toEqual([
      [0, 0],
      [0.1, 0.5],
      [0.2, 0.7],
      [0.5, 0.9],
      [1, 1],
    ]);
    const o = concentrationChartOption(c, ['Activated', 'At risk'], colors, palettes.light) as unknown as {
      xAxis: { min: number; max: number };
      yAxis: { name: string };
      series: { name: string; data: number[][]; lineStyle: { color: string; type?: string } }[];
    };
    expect(o.series.map((s) => s.name)).toEqual(['Activated', 'At risk', 'Whole table', 'Even spread']);
    expect(o.series[1]!.data).toEqual([
      [0, 0],
      [0.1, 0.2],
      [0.2, 0.35],
      [0.5, 0.7],
      [1, 1],
    ]);
    expect(o.series[1]!.lineStyle.color).toBe(colors[1]);
    expect(o.series[2]!.lineStyle).toMatchObject({ type: 'dashed', color: palettes.light.baseline });
    expect(o.series[3]!.data).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(o.xAxis).toMatchObject({ min: 0, max: 1 });
    expect(o.yAxis.name).toBe('share of mrr');
  });

  it('a column whose measure has no values has no curve', () => {
    const o = concentrationChartOption(
      { ...c, curves: [[null, null, null, null], c.curves[1]!] },
      ['Nobody', 'At risk'],
      colors,
      palettes.dark,
    ) as unknown as { series: { name: string; data: number[][] }[] };
    expect(o.series[0]).toMatchObject({ name: 'Nobody', data: [] });
    expect(o.series[1]!.data).toHaveLength(5);
  });
});
