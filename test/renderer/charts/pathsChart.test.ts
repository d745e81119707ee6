// Paths: one bar per path, most common on top (the engine's order), labelled with its tiers in
// order, its keys and share, coloured by the tier it ends in.
import { describe, expect, it } from 'vitest';
import { compareColor, palettes } from '../../../renderer/charts/palette';
import { pathLabel, pathsChartOption } from '../../../renderer/charts/pathsChart';
import { paths } from '../overTimeFixtures';

describe('paths chart', () => {
  it('lists the paths top-down with keys, share and the colour of their last tier', () => {
    const o = pathsChartOption(paths(), palettes.light) as unknown as {
      yAxis: { data: string[]; inverse: boolean };
      series: { data: { value: number; share: number; itemStyle: { color: string }; tip: string }[] }[];
    };
    expect(o.yAxis).toMatchObject({ data: ['Low', 'Medium', 'Low → Medium → High'], inverse: true });
    expect(o.series[0]!.data.map((d) => [d.value, d.share])).toEqual([
      [600, 0.6],
      [300, 0.3],
      [100, 0.1],
    ]);
    expect(o.series[0]!.data[2]!.itemStyle.color).toBe(compareColor(0));
    expect(o.series[0]!.data[2]!.tip).toBe('Low → Medium → High: 100 keys (10% of 1,000)');
    expect(pathLabel(['Trial', 'Onboarding', 'Activated'])).toBe('Trial → Onboarding → Activated');
  });
});
