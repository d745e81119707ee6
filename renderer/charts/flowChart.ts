/**
 * A segment's membership flow between two snapshots as two stacked bars (pure, tested without a
 * DOM): the members at `from` split into stayed, left and gone, the members at `to` into stayed,
 * entered and new. Every piece carries its group for the click that shows those rows in the grid.
 */
import type { SegmentFlow } from '../../shared/api/overTimeApi';
import { formatCount, formatPercent } from '../app/format';
import type { FlowGroup } from '../store/overTimeTypes';
import { GROUP_LABELS } from '../store/overTime/gridViews';
import { amountLabel, axisStyle, baseOption, legendStyle, tooltipStyle, type ChartOption } from './compareBase';
import type { ChartPalette } from './palette';

export const FLOW_COLORS: Record<FlowGroup, string> = {
  stayed: '#4e79a7',
  left: '#f28e2b',
  gone: '#e15759',
  entered: '#59a14f',
  new: '#76b7b2',
};

/** What each group means, in the words of the view (tooltips, the table). */
export const GROUP_MEANING: Record<FlowGroup, string> = {
  stayed: 'members at both snapshots',
  entered: 'members only at the later snapshot (the key was in the table before)',
  left: 'members only at the earlier snapshot (the key is still in the table)',
  new: 'keys new in the table, members there',
  gone: 'keys no longer in the table, members before',
};

export interface FlowPiece {
  value: number;
  group: FlowGroup;
  tip: string;
}

/** [from bar, to bar] per group; a group not on a bar is null there. */
export function flowPieces(f: SegmentFlow): { group: FlowGroup; data: (FlowPiece | null)[] }[] {
  const fromAsOf = f.fromAsOf.slice(0, 10);
  const toAsOf = f.toAsOf.slice(0, 10);
  const piece = (group: FlowGroup, base: number, at: string): FlowPiece => ({
    value: f[group],
    group,
    tip: `${GROUP_LABELS[group]}: ${formatCount(f[group])}${base > 0 ? ` (${formatPercent(f[group] / base)} of the members as of ${at})` : ''}\n${GROUP_MEANING[group]}\nClick: show them in the grid`,
  });
  const from = (g: FlowGroup) => piece(g, f.countFrom, fromAsOf);
  const to = (g: FlowGroup) => piece(g, f.countTo, toAsOf);
  return [
    { group: 'stayed', data: [from('stayed'), to('stayed')] },
    { group: 'left', data: [from('left'), null] },
    { group: 'gone', data: [from('gone'), null] },
    { group: 'entered', data: [null, to('entered')] },
    { group: 'new', data: [null, to('new')] },
  ];
}

export function flowChartOption(f: SegmentFlow, p: ChartPalette, background?: string): ChartOption {
  const axis = axisStyle(p);
  return {
    ...baseOption(p, background),
    legend: legendStyle(p),
    grid: { left: 8, right: 24, top: 8, bottom: 34, containLabel: true },
    tooltip: {
      ...tooltipStyle(p),
      trigger: 'item',
      formatter: (params: { data?: FlowPiece | null }) => (params.data?.tip ?? '').replace(/\n/g, '<br>'),
    },
    xAxis: { type: 'value', ...axis, axisLabel: { ...axis.axisLabel, formatter: amountLabel } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [`as of ${f.fromAsOf.slice(0, 10)}`, `as of ${f.toAsOf.slice(0, 10)}`],
      ...axis,
    },
    series: flowPieces(f).map((s) => ({
      type: 'bar',
      name: GROUP_LABELS[s.group],
      stack: 'members',
      barWidth: 34,
      cursor: 'pointer',
      data: s.data.map((d) => d ?? { value: 0, group: s.group, tip: '' }),
      itemStyle: { color: FLOW_COLORS[s.group], borderColor: p.paper, borderWidth: 1 },
      label: {
        show: true,
        position: 'inside',
        color: '#ffffff',
        fontSize: 11,
        formatter: (x: { value: number }) => (x.value > 0 ? formatCount(x.value) : ''),
      },
      labelLayout: { hideOverlap: true },
      emphasis: { focus: 'series' },
    })),
  };
}
