/**
 * How a scheme's rows moved between its tiers from one snapshot to another (pure, tested without a
 * DOM), drawn two ways from one answer (docs/cli.md, SPEC §7 `flow` of a scheme):
 * - a heatmap: rows are the tiers at `from` and then the keys new at `to`, columns the tiers at `to`
 *   and then the keys gone; the colour is the share of the row (where that tier's rows went);
 * - a Sankey: tiers at `from` (and "new") on the left, tiers at `to` (and "gone") on the right.
 * Every cell and link carries (i, j) for the click that shows its rows in the grid: i = -1 for new
 * keys, j = -1 for gone ones. Rows (i) are `tiers`, columns (j) `toTiers` (the same tiers unless the
 * flow compared two versions).
 */
import type { SchemeFlow } from '../../shared/api/overTimeApi';
import { formatCount, formatPercent } from '../app/format';
import { toTiersOf } from '../store/overTime/gridViews';
import { axisStyle, baseOption, categoryLabels, tooltipStyle, type ChartOption } from './compareBase';
import type { ChartPalette } from './palette';

export const NEW_KEYS = 'new';
export const GONE_KEYS = 'gone';

export interface TierMove {
  i: number;
  j: number;
  count: number;
  /** "42 accounts moved Medium → High" */
  tip: string;
}

/** The noun for rows: a plural table name reads well ("accounts"), anything else is "rows". */
export function rowNoun(table: string): string {
  return /^[a-z][a-z_ ]*s$/i.test(table) ? table.replace(/_/g, ' ') : 'rows';
}

const dates = (f: SchemeFlow) => ({ from: f.fromAsOf.slice(0, 10), to: f.toAsOf.slice(0, 10) });

/** Every move with its count: tier → tier, new → tier, tier → gone (zeros included: the heatmap shows them). */
export function tierMoves(f: SchemeFlow): TierMove[] {
  const noun = rowNoun(f.table);
  const d = dates(f);
  const to = toTiersOf(f);
  const out: TierMove[] = [];
  const name = (k: number) => f.tiers[k] ?? '?';
  const toName = (k: number) => to[k] ?? '?';
  for (let i = 0; i < f.tiers.length; i++) {
    for (let j = 0; j < to.length; j++) {
      const count = f.matrix[i]?.[j] ?? 0;
      const verb = name(i) === toName(j) ? `stayed ${name(i)}` : `moved ${name(i)} → ${toName(j)}`;
      out.push({ i, j, count, tip: `${formatCount(count)} ${noun} ${verb} (${d.from} → ${d.to})` });
    }
    out.push({
      i,
      j: -1,
      count: f.gone[i] ?? 0,
      tip: `${formatCount(f.gone[i] ?? 0)} ${noun} in ${name(i)} as of ${d.from} are gone as of ${d.to}`,
    });
  }
  for (let j = 0; j < to.length; j++)
    out.push({
      i: -1,
      j,
      count: f.new[j] ?? 0,
      tip: `${formatCount(f.new[j] ?? 0)} ${noun} new as of ${d.to} are in ${toName(j)}`,
    });
  return out;
}

/** Rows at `from` per tier (matrix row + gone): what a heatmap row's shares are of. */
export function fromTotals(f: SchemeFlow): number[] {
  return f.tiers.map((_, i) => (f.matrix[i] ?? []).reduce((a, b) => a + b, 0) + (f.gone[i] ?? 0));
}

export interface HeatCell {
  value: [number, number, number];
  i: number;
  j: number;
  count: number;
  tip: string;
  label: { formatter: string; color: string };
}

export function tierHeatmapOption(f: SchemeFlow, p: ChartPalette, background?: string): ChartOption {
  const n = f.tiers.length;
  const mCols = toTiersOf(f).length;
  const d = dates(f);
  const rows = [...f.tiers, NEW_KEYS];
  const cols = [...toTiersOf(f), GONE_KEYS];
  const totals = fromTotals(f);
  const newTotal = f.new.reduce((a, b) => a + b, 0);
  const axis = axisStyle(p);
  const cells: HeatCell[] = tierMoves(f).map((m) => {
    const row = m.i < 0 ? n : m.i;
    const col = m.j < 0 ? mCols : m.j;
    const base = m.i < 0 ? newTotal : (totals[m.i] ?? 0);
    const share = base > 0 ? m.count / base : 0;
    return {
      value: [col, row, share],
      i: m.i,
      j: m.j,
      count: m.count,
      tip: `${m.tip}\n${formatPercent(share)} of the row\nClick: show them in the grid`,
      label: {
        formatter: `${formatCount(m.count)}\n${formatPercent(share)}`,
        color: share > 0.55 ? '#ffffff' : p.text,
      },
    };
  });
  return {
    ...baseOption(p, background),
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipStyle(p),
      formatter: (params: { data?: HeatCell }) => (params.data?.tip ?? '').replace(/\n/g, '<br>'),
    },
    xAxis: {
      type: 'category',
      data: cols,
      position: 'top',
      name: `to: as of ${d.to}`,
      nameLocation: 'middle',
      nameGap: 24,
      ...axis,
      axisLabel: { ...categoryLabels(p, 100), interval: 0 },
      splitArea: { show: false },
    },
    // Rows are the tiers at `from` (the note above the chart says so): an axis name there would crowd the top-left
    // corner.
    yAxis: {
      type: 'category',
      data: rows,
      inverse: true,
      ...axis,
      axisLabel: { ...categoryLabels(p, 130), interval: 0 },
    },
    visualMap: { show: false, min: 0, max: 1, dimension: 2, inRange: { color: [p.heatLow, p.heatHigh] } },
    series: [
      {
        type: 'heatmap',
        name: 'moves',
        data: cells,
        label: { show: true, fontSize: n > 6 ? 10 : 11, lineHeight: 14 },
        itemStyle: { borderColor: p.paper, borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } },
        cursor: 'pointer',
      },
    ],
  };
}

export interface SankeyLink {
  source: string;
  target: string;
  value: number;
  i: number;
  j: number;
  tip: string;
}

/**
 * Node names: each side's tiers by name and date (a node's name is its id in a Sankey), new on the left, gone on the
 * right.
 */
export function sankeyNodes(f: SchemeFlow): { from: string[]; to: string[]; fresh: string; gone: string } {
  const d = dates(f);
  return {
    from: f.tiers.map((t) => `${t} · ${d.from}`),
    to: toTiersOf(f).map((t) => `${t} · ${d.to}`),
    fresh: `${NEW_KEYS} · ${d.to}`,
    gone: `${GONE_KEYS} · ${d.from}`,
  };
}

/** `tierColor`: a tier's colour by name (segmentColors.ts), the same on both sides. */
export function tierSankeyOption(
  f: SchemeFlow,
  tierColor: (tier: string) => string,
  p: ChartPalette,
  background?: string,
): ChartOption {
  const names = sankeyNodes(f);
  const links: SankeyLink[] = tierMoves(f)
    .filter((m) => m.count > 0)
    .map((m) => ({
      source: m.i < 0 ? names.fresh : names.from[m.i]!,
      target: m.j < 0 ? names.gone : names.to[m.j]!,
      value: m.count,
      i: m.i,
      j: m.j,
      tip: `${m.tip}\nClick: show them in the grid`,
    }));
  const used = new Set(links.flatMap((l) => [l.source, l.target]));
  // A node without links makes no sense in a Sankey (and ECharts cannot place it).
  const node = (name: string, color: string, depth: number) => ({
    name,
    depth,
    itemStyle: { color, borderColor: color },
  });
  const nodes = [
    ...names.from.map((n, i) => node(n, tierColor(f.tiers[i]!), 0)),
    node(names.fresh, p.other, 0),
    // A tier keeps its colour on both sides (by name: a compared version may order them otherwise).
    ...names.to.map((n, i) => node(n, tierColor(toTiersOf(f)[i]!), 1)),
    node(names.gone, p.other, 1),
  ].filter((n) => used.has(n.name));
  return {
    ...baseOption(p, background),
    tooltip: {
      ...tooltipStyle(p),
      trigger: 'item',
      formatter: (params: { dataType?: string; data?: SankeyLink | { name: string }; value?: number }) =>
        params.dataType === 'edge'
          ? ((params.data as SankeyLink).tip ?? '').replace(/\n/g, '<br>')
          : `${(params.data as { name: string } | undefined)?.name ?? ''}: ${formatCount(params.value ?? 0)}`,
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 130,
        top: 12,
        bottom: 12,
        nodeWidth: 14,
        nodeGap: 10,
        draggable: false,
        layoutIterations: 0,
        data: nodes,
        links,
        label: { color: p.text, fontSize: 11 },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        emphasis: { focus: 'adjacency', lineStyle: { opacity: 0.6 } },
        cursor: 'pointer',
      },
    ],
  };
}
