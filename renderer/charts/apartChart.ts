/**
 * What sets a column apart, as horizontal bars of effect size (pure, tested without a DOM): the
 * largest first, top-down; numbers coloured by direction (higher or lower than the other side),
 * categories in a third colour. Numbers' effect is |standardized mean difference|, categories' the
 * largest |difference in share| of one value: the axis says so.
 */
import type { ApartFeature, ApartResult } from '../../shared/api/compareApi';
import type { CellValue } from '../../shared/api/dataApi';
import { formatCount, formatNumber, formatPercent } from '../app/format';
import { axisStyle, baseOption, categoryLabels, tooltipStyle, type ChartOption } from './compareBase';
import type { ChartPalette } from './palette';

export const APART_TOP = 15;

export const HIGHER = '#2da44e';
export const LOWER = '#e5534b';
export const CATEGORY = '#a371f7';

export function valueText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '(empty)';
  if (v === '') return '(empty)';
  return typeof v === 'number' ? formatNumber(v) : String(v);
}

const DAY_MS = 86_400_000;

/**
 * A number feature's mean as it reads: dates and timestamps arrive as days since 1970-01-01, shown
 * as the date (a timestamp's to the minute).
 */
export function meanText(f: Pick<ApartFeature, 'family'>, mean: number | null | undefined): string {
  if (mean === null || mean === undefined || !Number.isFinite(mean)) return '–';
  if (f.family === 'date') return new Date(Math.round(mean) * DAY_MS).toISOString().slice(0, 10);
  if (f.family === 'timestamp')
    return new Date(Math.round((mean * DAY_MS) / 60_000) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  return formatNumber(mean);
}

/** A standard deviation as it reads (in days for dates and timestamps). */
export function sdText(f: Pick<ApartFeature, 'family'>, sd: number | null | undefined): string {
  if (sd === null || sd === undefined) return '–';
  return f.family === 'date' || f.family === 'timestamp' ? `${formatNumber(sd)} days` : formatNumber(sd);
}

/** One line of how the two sides differ, e.g. "mean 412 vs 180" or "plan = pro: 41% vs 12%". */
export function featureSummary(f: ApartFeature): string {
  if (f.kind === 'number') return `mean ${meanText(f, f.a?.mean)} vs ${meanText(f, f.b?.mean)}`;
  return `${f.field} = ${valueText(f.value)}: ${f.shareA === undefined ? '–' : formatPercent(f.shareA)} vs ${f.shareB === undefined ? '–' : formatPercent(f.shareB)}`;
}

/**
 * The note above the chart: the sizes, what the effect and the three colours mean, and (while the
 * fields the definitions read are shown and some are) whose definitions the * stands for: the
 * column's, and the other column's when it is set apart from one rather than from the rest.
 */
export function apartNote(
  r: Pick<ApartResult, 'sizeA' | 'sizeB' | 'against'>,
  names: { a: string; b: string },
  marked: boolean,
): string {
  const of = (name: string) => (/s$/i.test(name) ? `${name}'` : `${name}'s`);
  const whose =
    r.against === 'rest' ? `${of(names.a)} definition reads` : `${of(names.a)} or ${of(names.b)} definition reads`;
  return (
    `${names.a}: ${formatCount(r.sizeA)} rows vs ${names.b}: ${formatCount(r.sizeB)}. ` +
    `Effect: |standardized mean difference| for numbers (green = higher, red = lower in ${names.a}); ` +
    `for text and yes/no (purple) the largest |difference in share| of one value.` +
    (marked ? ` * = a field ${whose}: its effect restates the definition.` : '')
  );
}

export function featureColor(f: ApartFeature): string {
  if (f.kind === 'category') return CATEGORY;
  return f.direction >= 0 ? HIGHER : LOWER;
}

export function apartChartOption(
  r: ApartResult,
  names: { a: string; b: string },
  p: ChartPalette,
  top = APART_TOP,
  background?: string,
): ChartOption {
  // Largest first reading top-down: ECharts draws category axes bottom-up, so reverse.
  const shown = r.features.slice(0, top).reverse();
  const axis = axisStyle(p);
  return {
    ...baseOption(p, background),
    grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
    tooltip: {
      ...tooltipStyle(p),
      trigger: 'item',
      formatter: (params: { data?: { tip: string } }) => params.data?.tip ?? '',
    },
    xAxis: { type: 'value', name: 'effect size', nameLocation: 'middle', nameGap: 22, ...axis },
    yAxis: {
      type: 'category',
      // * marks a field the definitions read (see the note under the chart).
      data: shown.map((f) => (f.inDefinition ? `${f.field} *` : f.field)),
      ...axis,
      axisLabel: { ...categoryLabels(p, 140), interval: 0 },
    },
    series: [
      {
        type: 'bar',
        name: 'effect',
        barMaxWidth: 16,
        label: {
          show: true,
          position: 'right',
          color: p.muted,
          fontSize: 10,
          formatter: (x: { value: number }) => x.value.toFixed(2),
        },
        data: shown.map((f) => ({
          value: f.effect,
          itemStyle: { color: featureColor(f) },
          tip: `${f.field}: effect ${f.effect.toFixed(2)}<br>${names.a} vs ${names.b}: ${featureSummary(f)}`,
        })),
      },
    ],
  };
}
