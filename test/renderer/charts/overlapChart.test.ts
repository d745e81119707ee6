// The overlap heatmap's option: rows and columns in column order (rows top-down), each cell the
// members in common as a count and as a share of its row (the colour), the diagonal 100%; each cell
// knows its row and column for the click, and says what a click shows.
import { describe, expect, it } from 'vitest';
import { overlapCells, overlapChartOption, overlapShare } from '../../../renderer/charts/overlapChart';
import { palettes } from '../../../renderer/charts/palette';
import { threeColumns } from '../compareFixtures';

describe('overlap chart', () => {
  const r = threeColumns();

  it('puts every pair in a cell: count, share of the row, indexes for the click', () => {
    const cells = overlapCells(r, palettes.light);
    expect(cells).toHaveLength(9);
    const ab = cells.find((c) => c.i === 0 && c.j === 2)!;
    // Activated (300) ∩ Advocates = 80: 26.7% of Activated; the other way 80% of Advocates (100).
    expect(ab).toMatchObject({ value: [2, 0, 80 / 300], count: 80, label: { formatter: '80\n27%' } });
    expect(cells.find((c) => c.i === 2 && c.j === 0)!.value[2]).toBe(0.8);
    expect(cells.filter((c) => c.i === c.j).map((c) => [c.count, c.value[2]])).toEqual([
      [300, 1],
      [200, 1],
      [100, 1],
    ]);
    expect(ab.tip).toContain('Activated ∩ Advocates: 80 (27% of Activated)');
    expect(ab.tip).toContain('Activated without Advocates: 220');
    // Light text only on dark (high-share) cells.
    expect(cells.find((c) => c.i === 0 && c.j === 0)!.label.color).toBe('#ffffff');
    expect(ab.label.color).toBe(palettes.light.text);
  });

  it('reads rows top-down and colours by share, with the theme', () => {
    const o = overlapChartOption(r, palettes.dark) as unknown as {
      xAxis: { data: string[] };
      yAxis: { data: string[]; inverse: boolean };
      visualMap: { min: number; max: number; inRange: { color: string[] } };
      series: { type: string; data: unknown[] }[];
      backgroundColor: string;
      animation: boolean;
    };
    expect(o.xAxis.data).toEqual(['Activated', 'At risk', 'Advocates']);
    expect(o.yAxis).toMatchObject({ data: ['Activated', 'At risk', 'Advocates'], inverse: true });
    expect(o.visualMap).toMatchObject({
      min: 0,
      max: 1,
      inRange: { color: [palettes.dark.heatLow, palettes.dark.heatHigh] },
    });
    expect(o.series[0]!.type).toBe('heatmap');
    expect(o.series[0]!.data).toHaveLength(9);
    expect(o.backgroundColor).toBe('transparent');
    expect(o.animation).toBe(false);
    expect((overlapChartOption(r, palettes.light, '#ffffff') as { backgroundColor: string }).backgroundColor).toBe(
      '#ffffff',
    );
  });

  it('an empty column shares nothing instead of dividing by zero', () => {
    const empty = { segments: [{ ...r.segments[0]!, count: 0 }], overlap: [[0]] };
    expect(overlapShare(empty, 0, 0)).toBe(0);
  });
});
