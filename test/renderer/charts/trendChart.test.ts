// The trend chart: x is every snapshot's as-of date; one solid line per target at its version;
// each other version recorded is its own dashed series with gaps where it never ran (never joined
// to another version's points) and its first point labelled with the version; share on a 0–100%
// axis, counts from zero.
import { describe, expect, it } from 'vitest';
import { markedValues, metricText, trendChartOption } from '../../../renderer/charts/trendChart';
import { palettes } from '../../../renderer/charts/palette';

const colors = ['#aa1111', '#11aa11'];
import type { TrendSeries } from '../../../renderer/store/overTime/trends';
import { refs } from '../overTimeFixtures';

const series: TrendSeries[] = [
  {
    label: 'Activated',
    version: 3,
    values: [80, 85, 90],
    points: [null, null, null],
    recorded: [
      { version: 1, values: [100, 120, null], points: [] },
      { version: 2, values: [null, null, 91], points: [] },
    ],
  },
  {
    label: 'Value tiers / High',
    version: 2,
    values: [null, 40, 55],
    points: [null, null, null],
    recorded: [{ version: 1, values: [null, null, null], points: [] }],
  },
];
type Line = { name: string; data: unknown[]; lineStyle: { type?: string; color: string }; connectNulls: boolean };
const opt = (asRecorded: boolean, metric: 'count' | 'share' = 'count') =>
  trendChartOption({ snapshots: refs, series, metric, asRecorded, colors }, palettes.light) as unknown as {
    xAxis: { data: string[] };
    yAxis: { name: string; min?: number; scale: boolean };
    series: Line[];
  };

describe('trend chart', () => {
  it('draws each target at its version solid, and every other version recorded dashed, never joined', () => {
    const o = opt(true);
    expect(o.xAxis.data).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    expect(o.series.map((s) => s.name)).toEqual([
      'Activated (v3)',
      'Activated v1 as recorded',
      'Activated v2 as recorded',
      'Value tiers / High (v2)',
    ]);
    expect(o.series[0]).toMatchObject({
      data: [80, 85, 90],
      connectNulls: false,
      lineStyle: { color: colors[0] },
    });
    expect(o.series[0]!.lineStyle.type).toBeUndefined();
    expect(o.series[1]!.lineStyle).toMatchObject({ type: 'dashed', color: colors[0] });
    // The version marker sits on the first point each version has; its gaps stay gaps.
    expect(o.series[1]!.data).toEqual([
      { value: 100, label: expect.objectContaining({ show: true, formatter: 'v1' }) },
      120,
      null,
    ]);
    expect(o.series[2]!.data).toEqual([null, null, { value: 91, label: expect.objectContaining({ formatter: 'v2' }) }]);
    expect(o.series.every((s) => s.connectNulls === false)).toBe(true);
    expect(o.series[3]).toMatchObject({ data: [null, 40, 55], lineStyle: { color: colors[1] } });
  });

  it('without "as recorded" shows the comparable trend only; share reads as a percentage from 0', () => {
    expect(opt(false).series.map((s) => s.name)).toEqual(['Activated (v3)', 'Value tiers / High (v2)']);
    expect(opt(false, 'share').yAxis).toMatchObject({ name: 'Share of the table', min: 0 });
    expect(opt(false, 'count').yAxis).toMatchObject({ name: 'Members', scale: false });
    expect(metricText('share', 0.1234)).toBe('12%');
    expect(metricText('count', 12345)).toBe('12,345');
    expect(metricText('avg:mrr', null)).toBe('–');
    expect(markedValues([null, null], 4, '#000')).toEqual([null, null]);
  });
});
