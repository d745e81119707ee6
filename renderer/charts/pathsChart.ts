/**
 * The commonest paths through a scheme's tiers over several snapshots (pure, tested without a DOM):
 * one horizontal bar per path (repeats collapsed: Trial → Onboarding → Activated), most common on
 * top, its keys and share of every key seen; the bar takes the colour of the tier it ends in.
 */
import type { PathsResult } from '../../shared/api/overTimeApi';
import { formatCount, formatPercent } from '../app/format';
import { amountLabel, axisStyle, baseOption, categoryLabels, tooltipStyle, type ChartOption } from './compareBase';
import type { ChartPalette } from './palette';

export const pathLabel = (tiers: readonly string[]) => tiers.join(' → ');

/** `tierColor`: a tier's colour by name (segmentColors.ts); a path is drawn in the colour of the tier it ends in. */
export function pathsChartOption(
  r: PathsResult,
  tierColor: (tier: string) => string,
  p: ChartPalette,
  background?: string,
): ChartOption {
  const axis = axisStyle(p);
  const data = r.paths.map((x) => {
    const end = r.tiers.indexOf(x.tiers[x.tiers.length - 1] ?? '');
    return {
      value: x.keys,
      share: x.share,
      path: pathLabel(x.tiers),
      itemStyle: { color: end < 0 ? p.bar : tierColor(r.tiers[end]!) },
      tip: `${pathLabel(x.tiers)}: ${formatCount(x.keys)} keys (${formatPercent(x.share)} of ${formatCount(r.keys)})${x.tiers.length === 1 ? '\nin that tier at every snapshot it was in' : ''}`,
    };
  });
  return {
    ...baseOption(p, background),
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipStyle(p),
      trigger: 'item',
      formatter: (params: { data?: { tip?: string } }) => (params.data?.tip ?? '').replace(/\n/g, '<br>'),
    },
    xAxis: { type: 'value', ...axis, axisLabel: { ...axis.axisLabel, formatter: amountLabel } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: r.paths.map((x) => pathLabel(x.tiers)),
      ...axis,
      axisLabel: { ...categoryLabels(p, 260), interval: 0 },
    },
    series: [
      {
        type: 'bar',
        name: 'keys',
        data,
        barMaxWidth: 18,
        label: {
          show: true,
          position: 'right',
          color: p.muted,
          fontSize: 11,
          formatter: (x: { data: { value: number; share: number } }) =>
            `${formatCount(x.data.value)} · ${formatPercent(x.data.share)}`,
        },
      },
    ],
  };
}
