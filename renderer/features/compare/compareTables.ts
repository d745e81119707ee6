/**
 * The compare view's tables as data (pure): one model per table, drawn on screen, written to CSV
 * and into the HTML report, so all three hold the same numbers. Each cell has its text for reading
 * (thousands separators, sensible decimals) and its exact value (what JavaScript holds, for titles
 * and CSV). Columns marked `csvOnly` (file, hash, value counts) are kept out of the screen and the
 * report's narrower tables.
 */
import type {
  ApartResult,
  BreakdownResult,
  CompareResult,
  ConcentrationResult,
  DistributionResult,
  MeasureStats,
} from '../../../shared/api/compareApi';
import type { CellValue } from '../../../shared/api/dataApi';
import { withoutUnusedCategories } from '../../../shared/compare/breakdownCategories';
import { formatCount, formatExact, formatIndex, formatNumber, formatPercent } from '../../app/format';
import { meanText, sdText, valueText } from '../../charts/apartChart';
import { WHOLE_TABLE } from '../../charts/breakdownChart';

export interface TableCell {
  text: string;
  exact: string;
  numeric: boolean;
}

export interface TableColumn {
  label: string;
  /** A heading over several columns (a measure's sum, avg, median, index). */
  group?: string;
  csvOnly?: boolean;
}

export interface TableRow {
  cells: TableCell[];
  kind: 'baseline' | 'rest' | 'column';
  /** The column's colour (columns only). */
  color?: string;
}

export interface TableModel {
  columns: TableColumn[];
  rows: TableRow[];
}

export const text = (s: string): TableCell => ({ text: s, exact: s, numeric: false });
export const count = (n: number | null | undefined): TableCell => ({
  text: formatCount(n),
  exact: formatExact(n),
  numeric: true,
});
export const amount = (n: number | null | undefined): TableCell => ({
  text: formatNumber(n),
  exact: formatExact(n),
  numeric: true,
});
export const share = (n: number | null | undefined): TableCell => ({
  text: n === null || n === undefined ? '–' : formatPercent(n),
  exact: formatExact(n),
  numeric: true,
});
export const index = (n: number | null | undefined): TableCell => ({
  text: formatIndex(n),
  exact: formatExact(n),
  numeric: true,
});
const value = (v: CellValue | undefined): TableCell =>
  typeof v === 'number'
    ? amount(v)
    : { text: valueText(v), exact: v === null || v === undefined ? '' : String(v), numeric: false };

const none: MeasureStats = { values: 0, sum: null, avg: null, median: null, index: null };

/** Members, share and each measure's sum, avg, median and index, for the whole table, each column and the rest. */
/** `colors`: each column's (segmentColors.ts), in column order, for its dot. */
export function kpiTable(r: CompareResult, measures: readonly string[], colors: readonly string[]): TableModel {
  const columns: TableColumn[] = [
    { label: 'Segment' },
    { label: 'Kind', csvOnly: true },
    { label: 'Definition', csvOnly: true },
    { label: 'Version' },
    { label: 'Hash', csvOnly: true },
    { label: 'Members' },
    { label: 'Share' },
  ];
  for (const m of measures) {
    columns.push(
      { label: `${m} values`, group: m, csvOnly: true },
      { label: `${m} sum`, group: m },
      { label: `${m} avg`, group: m },
      { label: `${m} median`, group: m },
      { label: `${m} index`, group: m },
    );
  }
  const measureCells = (ms: Record<string, MeasureStats>) =>
    measures.flatMap((m) => {
      const s = ms[m] ?? none;
      return [count(s.values), amount(s.sum), amount(s.avg), amount(s.median), index(s.index)];
    });
  const rows: TableRow[] = [
    {
      kind: 'baseline',
      cells: [
        text(r.baseline.name || WHOLE_TABLE),
        text('baseline'),
        text(''),
        text(''),
        text(''),
        count(r.baseline.count),
        share(r.baseline.share),
        ...measureCells(r.baseline.measures),
      ],
    },
    ...r.segments.map((c, i): TableRow => ({
      kind: 'column',
      ...(colors[i] ? { color: colors[i] } : {}),
      cells: [
        text(c.name),
        text(c.kind),
        text(c.file ?? ''),
        {
          text: c.version === null ? (c.kind === 'draft' ? 'draft' : '') : `v${c.version}`,
          exact: c.version === null ? '' : String(c.version),
          numeric: false,
        },
        text(c.hash ?? ''),
        count(c.count),
        share(c.share),
        ...measureCells(c.measures),
      ],
    })),
  ];
  if (r.rest)
    rows.push({
      kind: 'rest',
      cells: [
        text(r.rest.name),
        text('rest'),
        text(''),
        text(''),
        text(''),
        count(r.rest.count),
        share(r.rest.share),
        ...measureCells(r.rest.measures),
      ],
    });
  return { columns, rows };
}

/** Members in common: row A, column B; the diagonal is each column's count. */
export function overlapTable(r: CompareResult, colors: readonly string[]): TableModel {
  return {
    columns: [
      { label: 'Segment' },
      { label: 'Members' },
      ...r.segments.map((c) => ({ label: c.name, group: 'also in' })),
    ],
    rows: r.segments.map((c, i) => ({
      kind: 'column',
      ...(colors[i] ? { color: colors[i] } : {}),
      cells: [text(c.name), count(c.count), ...r.segments.map((_, j) => count(r.overlap[i]?.[j] ?? 0))],
    })),
  };
}

/** Categories down, columns (and the whole table) across: members, and the measure's sum or average when asked. */
export function breakdownTable(result: BreakdownResult, names: readonly string[]): TableModel {
  // The same categories as the chart: none that no row falls in.
  const b = withoutUnusedCategories(result);
  const withValues = b.value !== 'count' && b.values !== undefined;
  const valueLabel = `${b.value} ${b.measure ?? ''}`.trim();
  const columns: TableColumn[] = [
    { label: b.column },
    { label: 'Kind', csvOnly: true },
    { label: 'From', csvOnly: true },
    { label: 'To', csvOnly: true },
  ];
  for (const n of [...names, WHOLE_TABLE]) {
    columns.push({ label: `${n} members`, group: n });
    if (withValues) columns.push({ label: `${n} ${valueLabel}`, group: n });
  }
  const rows = b.details.map((d, k): TableRow => {
    const cells = [text(d.label), text(d.kind), value(d.lo), value(d.hi)];
    names.forEach((_, s) => {
      cells.push(count(b.counts[s]?.[k] ?? 0));
      if (withValues) cells.push(amount(b.values![s]?.[k] ?? null));
    });
    cells.push(count(b.baseline.counts[k] ?? 0));
    if (withValues) cells.push(amount(b.baseline.values?.[k] ?? null));
    return { kind: 'column', cells };
  });
  return { columns, rows };
}

export function quartileTable(d: DistributionResult, names: readonly string[], colors: readonly string[]): TableModel {
  const all = [
    ...names.map((n, i) => ({ n, box: d.boxes[i], kind: 'column' as const, color: colors[i] })),
    { n: WHOLE_TABLE, box: d.baseline.box, kind: 'baseline' as const, color: undefined },
  ];
  return {
    columns: ['Segment', 'Values', 'Min', 'Q1', 'Median', 'Q3', 'Max'].map((label) => ({ label })),
    rows: all.map(({ n, box, kind, color }) => ({
      kind,
      ...(color ? { color } : {}),
      cells: [
        text(n),
        count(box?.values ?? 0),
        amount(box?.min),
        amount(box?.q1),
        amount(box?.median),
        amount(box?.q3),
        amount(box?.max),
      ],
    })),
  };
}

export function histogramTable(d: DistributionResult, names: readonly string[]): TableModel {
  const rows: TableRow[] = [];
  for (let b = 0; b + 1 < d.edges.length; b++) {
    rows.push({
      kind: 'column',
      cells: [
        amount(d.edges[b]),
        amount(d.edges[b + 1]),
        ...names.map((_, i) => count(d.histograms[i]?.[b] ?? 0)),
        count(d.baseline.histogram[b] ?? 0),
      ],
    });
  }
  return {
    columns: [
      { label: `${d.measure} from` },
      { label: `${d.measure} to` },
      ...[...names, WHOLE_TABLE].map((label) => ({ label, group: 'members' })),
    ],
    rows,
  };
}

/**
 * Features largest effect first (the first `limit`); numbers with both sides' mean and sd, categories with the value
 * and both shares.
 */
export function apartTable(a: ApartResult, sides: { a: string; b: string }, limit = Infinity): TableModel {
  return {
    columns: [
      { label: 'Field' },
      { label: 'Kind', csvOnly: true },
      { label: 'Family', csvOnly: true },
      { label: 'Effect' },
      { label: 'Direction', csvOnly: true },
      { label: `${sides.a}`, group: 'mean or share' },
      { label: `${sides.b}`, group: 'mean or share' },
      { label: `${sides.a} sd`, csvOnly: true },
      { label: `${sides.b} sd`, csvOnly: true },
      { label: `${sides.a} values`, csvOnly: true },
      { label: `${sides.b} values`, csvOnly: true },
      { label: 'Value' },
      { label: 'In the definition' },
    ],
    rows: a.features.slice(0, limit).map((f): TableRow => {
      const num = f.kind === 'number';
      // Dates' means and SDs are days since 1970-01-01 (exact in CSV), read as dates on screen.
      const mean = (m: number | null | undefined): TableCell => ({
        text: meanText(f, m),
        exact: formatExact(m),
        numeric: true,
      });
      const sd = (x: number | null | undefined): TableCell => ({
        text: sdText(f, x),
        exact: formatExact(x),
        numeric: true,
      });
      return {
        kind: 'column',
        cells: [
          text(f.field),
          text(f.kind),
          text(f.family ?? ''),
          amount(f.effect),
          {
            text: f.direction > 0 ? 'higher' : f.direction < 0 ? 'lower' : '',
            exact: String(f.direction),
            numeric: false,
          },
          num ? mean(f.a?.mean) : share(f.shareA),
          num ? mean(f.b?.mean) : share(f.shareB),
          sd(f.a?.sd),
          sd(f.b?.sd),
          count(f.a?.values),
          count(f.b?.values),
          num ? text('') : value(f.value),
          text(f.inDefinition ? 'yes' : ''),
        ],
      };
    }),
  };
}

/** The features shown: all, or without those the definitions read (`hideOwn`); ranks unchanged otherwise. */
export function apartShown(a: ApartResult, hideOwn: boolean): ApartResult {
  return hideOwn ? { ...a, features: a.features.filter((f) => !f.inDefinition) } : a;
}

export function concentrationTable(
  c: ConcentrationResult,
  names: readonly string[],
  colors: readonly string[],
): TableModel {
  const row = (
    n: string,
    kind: TableRow['kind'],
    total: number | null | undefined,
    top: ConcentrationResult['top'][number] | undefined,
    color?: string,
  ): TableRow => ({
    kind,
    ...(color ? { color } : {}),
    cells: [text(n), amount(total), share(top?.p10), share(top?.p20), share(top?.p50)],
  });
  return {
    columns: [
      { label: 'Segment' },
      { label: `${c.measure} total` },
      { label: 'Top 10%', group: 'share held by' },
      { label: 'Top 20%', group: 'share held by' },
      { label: 'Top 50%', group: 'share held by' },
    ],
    rows: [
      ...names.map((n, i) => row(n, 'column', c.totals[i], c.top[i], colors[i])),
      row(WHOLE_TABLE, 'baseline', c.baseline.total, c.baseline.top),
    ],
  };
}

/** The columns a screen or report shows (csvOnly dropped), with their cells. */
export function visibleModel(m: TableModel): TableModel {
  const keep = m.columns.map((c) => !c.csvOnly);
  return {
    columns: m.columns.filter((_, i) => keep[i]),
    rows: m.rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => keep[i]) })),
  };
}
