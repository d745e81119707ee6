// The threshold explorer's chart: one step per point of the quantile grid (labels: thresholds),
// members on the left axis from zero, the outcome on the right (a share 0–100% or an amount), a
// line at today's threshold (a value typed by hand sits at the nearest point), and a click anywhere
// over the plot rounding to the point under it.
import { describe, expect, it } from 'vitest';
import type { ThresholdResult } from '../../../shared/api/overTimeApi';
import { palettes } from '../../../renderer/charts/palette';
import { currentIndex, pointAt, thresholdChartOption } from '../../../renderer/charts/thresholdChart';

const r: ThresholdResult = {
  field: 'inactive_days',
  op: 'lte',
  current: 3,
  total: 1000,
  warnings: [],
  points: [
    { threshold: 0, count: 100, share: 0.1, outcome: 0.5 },
    { threshold: 3, count: 300, share: 0.3, outcome: 0.4 },
    { threshold: 10, count: 600, share: 0.6, outcome: null },
    { threshold: 400, count: 900, share: 0.9, outcome: 0.2 },
  ],
};
type Opt = {
  xAxis: { type: string; data: string[]; name: string };
  yAxis: { name: string; min?: number; max?: number }[];
  series: {
    name: string;
    data: (number | null)[];
    yAxisIndex: number;
    markLine?: { data: { xAxis: number }[]; label: { formatter: string } };
  }[];
};

describe('threshold chart', () => {
  it('puts the points evenly on a category axis of thresholds, members from zero, today’s threshold marked', () => {
    const o = thresholdChartOption({ result: r, current: 3, outcome: null }, palettes.light) as unknown as Opt;
    expect(o.xAxis).toMatchObject({ type: 'category', data: ['0', '3', '10', '400'] });
    expect(o.xAxis.name).toContain('inactive_days ≤ threshold');
    expect(o.series).toHaveLength(1);
    expect(o.series[0]!.data).toEqual([100, 300, 600, 900]);
    expect(o.series[0]!.markLine).toMatchObject({ data: [{ xAxis: 1 }], label: { formatter: 'now ≤ 3' } });
    expect(o.yAxis).toHaveLength(1);
    expect(o.yAxis[0]).toMatchObject({ name: 'members', min: 0 });
  });

  it('adds the outcome on its own axis: a share from 0 to 1 with gaps where it has no members', () => {
    const o = thresholdChartOption(
      { result: r, current: 7, outcome: { kind: 'share', name: 'in Advocates' } },
      palettes.dark,
    ) as unknown as Opt;
    expect(o.series[1]).toMatchObject({ name: 'in Advocates', yAxisIndex: 1, data: [0.5, 0.4, null, 0.2] });
    expect(o.yAxis[1]).toMatchObject({ name: 'share', min: 0, max: 1 });
    // 7 was typed by hand: the line sits at the nearest threshold, 10.
    expect(o.series[0]!.markLine!.data).toEqual([{ xAxis: 2 }]);
  });

  it('a click picks the point under it', () => {
    expect(pointAt(r.points, 1.4)?.threshold).toBe(3);
    expect(pointAt(r.points, 2.6)?.threshold).toBe(400);
    expect(pointAt(r.points, -3)?.threshold).toBe(0);
    expect(pointAt(r.points, 99)?.threshold).toBe(400);
    expect(pointAt([], 0)).toBeNull();
    expect(currentIndex(r.points, 350)).toBe(3);
  });
});
