/**
 * The report's chart images: each part's chart drawn off screen in the light palette on its paper
 * background. One chart per macrotask, so making a report never blocks the page for long.
 */
import type { CompareResult } from '../../../shared/api/compareApi';
import { apartChartOption } from '../../charts/apartChart';
import { breakdownChartOption } from '../../charts/breakdownChart';
import { concentrationChartOption } from '../../charts/concentrationChart';
import { boxChartOption, histogramChartOption } from '../../charts/distributionChart';
import { chartImage } from '../../charts/EChart';
import { overlapChartOption } from '../../charts/overlapChart';
import { palettes } from '../../charts/palette';
import type { BarLayout } from '../../store/compareTypes';
import type { ReportImage } from './reportHtml';

const pause = () => new Promise<void>((r) => setTimeout(r, 0));

/** `colors`: each column's colour in the light palette (segmentColors.ts), as the report's tables have them. */
export async function reportImages(
  r: CompareResult,
  layout: BarLayout,
  colors: readonly string[],
): Promise<Partial<Record<ReportImage, string>>> {
  const p = palettes.light;
  const bg = p.paper;
  const names = r.segments.map((c) => c.name);
  const jobs: [ReportImage, () => string][] = [
    ['overlap', () => chartImage(overlapChartOption(r, p, bg), 900, Math.min(560, 110 + names.length * 46), bg)],
  ];
  const { breakdown, distribution, apart, concentration } = r;
  if (breakdown)
    jobs.push([
      'breakdown',
      () => chartImage(breakdownChartOption(breakdown, names, colors, layout, p, bg), 900, 400, bg),
    ]);
  if (distribution) {
    jobs.push(['box', () => chartImage(boxChartOption(distribution, names, colors, p, bg), 900, 360, bg)]);
    jobs.push(['histogram', () => chartImage(histogramChartOption(distribution, names, colors, p, bg), 900, 360, bg)]);
  }
  if (apart) {
    const sides = {
      a: names[apart.column] ?? '?',
      b: apart.against === 'rest' ? 'the rest' : (names[apart.against] ?? '?'),
    };
    jobs.push([
      'apart',
      () =>
        chartImage(apartChartOption(apart, sides, p, 15, bg), 900, Math.min(15, apart.features.length) * 24 + 70, bg),
    ]);
  }
  if (concentration)
    jobs.push([
      'concentration',
      () => chartImage(concentrationChartOption(concentration, names, colors, p, bg), 900, 380, bg),
    ]);
  const out: Partial<Record<ReportImage, string>> = {};
  for (const [key, draw] of jobs) {
    await pause();
    out[key] = draw();
  }
  return out;
}
