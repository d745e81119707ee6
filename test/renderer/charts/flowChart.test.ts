// The flow chart: members at `from` as stayed + left + gone, at `to` as stayed + entered + new, one
// stacked bar each; every piece knows its group for the click, with its share of its bar's members.
import { describe, expect, it } from 'vitest';
import { FLOW_COLORS, flowChartOption, flowPieces } from '../../../renderer/charts/flowChart';
import { palettes } from '../../../renderer/charts/palette';
import { segmentFlow } from '../overTimeFixtures';

describe('flow chart', () => {
  const f = segmentFlow();

  it('splits each snapshot’s members into its groups, adding up to the members there', () => {
    const pieces = flowPieces(f);
    const at = (bar: 0 | 1) => pieces.map((p) => p.data[bar]).filter((x) => x !== null);
    expect(at(0).map((x) => [x!.group, x!.value])).toEqual([
      ['stayed', 200],
      ['left', 80],
      ['gone', 20],
    ]);
    expect(at(1).map((x) => [x!.group, x!.value])).toEqual([
      ['stayed', 200],
      ['entered', 60],
      ['new', 40],
    ]);
    expect(at(0).reduce((a, x) => a + x!.value, 0)).toBe(f.countFrom);
    expect(at(1).reduce((a, x) => a + x!.value, 0)).toBe(f.countTo);
    expect(at(0)[1]!.tip).toContain('left: 80 (27% of the members as of 2026-10-01)');
  });

  it('stacks the pieces in two bars, coloured per group, clickable', () => {
    const o = flowChartOption(f, palettes.dark) as unknown as {
      yAxis: { data: string[] };
      series: { name: string; stack: string; data: { value: number; group: string }[]; itemStyle: { color: string } }[];
    };
    expect(o.yAxis.data).toEqual(['as of 2026-10-01', 'as of 2026-11-01']);
    expect(o.series.map((s) => s.name)).toEqual(['stayed', 'left', 'gone keys', 'entered', 'new keys']);
    expect(new Set(o.series.map((s) => s.stack)).size).toBe(1);
    expect(o.series[3]!.data).toEqual([
      { value: 0, group: 'entered', tip: '' },
      expect.objectContaining({ value: 60, group: 'entered' }),
    ]);
    expect(o.series[3]!.itemStyle.color).toBe(FLOW_COLORS.entered);
  });
});
