/**
 * The KPI table of a comparison as rows of exact values (docs/compare-and-over-time.md, SPEC §6, §7 `compare --csv`):
 * one row per
 * column (segment or tier), then the whole table (and the rest, with one column). For each measure:
 * sum, avg, median and the average's index to the whole table's. Shared by `segwb compare --csv` and
 * the app's CSV export so both print the same table.
 */
import type { CompareGroup, CompareResult, MeasureStats } from '../api/compareApi';

export type KpiCell = string | number | null;

export interface KpiTable {
  header: string[];
  rows: KpiCell[][];
}

export function kpiTable(result: CompareResult): KpiTable {
  const measures = Object.keys(result.segments[0]?.measures ?? result.baseline.measures);
  const header = [
    'segment',
    'version',
    'hash',
    'count',
    'share',
    ...measures.flatMap((m) => [`${m} sum`, `${m} avg`, `${m} median`, `${m} index`]),
  ];
  const stats = (s: Record<string, MeasureStats>): KpiCell[] =>
    measures.flatMap((m) => {
      const x = s[m];
      return [x?.sum ?? null, x?.avg ?? null, x?.median ?? null, x?.index ?? null];
    });
  const group = (g: CompareGroup): KpiCell[] => [g.name, null, null, g.count, g.share, ...stats(g.measures)];
  const rows: KpiCell[][] = result.segments.map((s) => [
    s.name,
    s.version,
    s.hash,
    s.count,
    s.share,
    ...stats(s.measures),
  ]);
  if (result.rest) rows.push(group(result.rest));
  rows.push(group(result.baseline));
  return { header, rows };
}
