// Paths: one bar per path, most common on top (the engine's order), labelled with its tiers in
// order, its keys and share, coloured by the tier it ends in.
import { describe, expect, it } from 'vitest';
import { palettes } from '../../../renderer/charts/palette';

const tierColor = (t: string) => ({ High: '#aa1111', Medium: '#11aa11', Low: '#1111aa' })[t] ?? '#000000';
import { pathLabel, pathsChartOption } from '../../../renderer/charts/pathsChart';
import { paths } from '../overTimeFixtures';

describe('paths chart', () => {
  it('lists the paths top-down with keys, share and the colour of their last tier', () => {
    const o = pathsChartOption(paths(), tierColor, palettes.light) as unknown as {
      yAxis: { data: string[]; inverse: boolean };
      series: { data: { value: number; share: number; itemStyle: { color: string }; tip: string }[] }[];
    };
    expect(o.yAxis).toMatchObject({ data: ['Low', 'Medium', 'Low → Medium → High'], inverse: true });
    expect(o.series[0]!.data.map((d) => [d.value, d.share])).toEqual([
      [600, 0.6],
      [300, 0.3],
      [100, 0.1],
    ]);
    // Low → Medium → High ends in High: drawn in High's colour.
    expect(o.series[0]!.data[2]!.itemStyle.color).toBe('#aa1111');
    expect(o.series[0]!.data[0]!.itemStyle.color).toBe('#1111aa');
    expect(o.series[0]!.data[2]!.tip).toBe('Low → Medium → High: 100 keys (10% of 1,000)');
    expect(pathLabel(['Trial', 'Onboarding', 'Activated'])).toBe('Trial → Onboarding → Activated');
  });
});
