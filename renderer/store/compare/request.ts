/**
 * From the compare view's state to `compareSegments` requests and back (pure). The base of every
 * request (targets, snapshot, measures) gives the KPIs and the overlap matrix; the section shown adds
 * its one part (breakdown, distribution, what sets a column apart, concentration), so a section not
 * shown is never computed. Keys (JSON of what was asked) tell whether an answer is still current.
 * Also: the target behind each result column (for overlap cells in the grid), and the saved form of
 * a view (`ComparisonState`).
 */
import {
  BREAKDOWN_TOP,
  type CompareColumn,
  type CompareRequest,
  type ComparisonState,
} from '../../../shared/api/compareApi';
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';
import type { ComparePart, CompareSection, CompareView } from '../compareTypes';
import { defaultMeasure, measureFields } from './fields';

export const BREAKDOWN_BINS = 10;
export const DISTRIBUTION_BINS = 20;
export const SECTIONS: readonly CompareSection[] = ['overview', 'breakdown', 'distribution', 'apart', 'concentration'];
export const PARTS: readonly ComparePart[] = ['breakdown', 'distribution', 'apart', 'concentration'];

export const keyOf = (x: unknown): string => JSON.stringify(x);

export function partOf(section: CompareSection): ComparePart | null {
  return section === 'overview' ? null : section;
}

/** A part's own measure, else the first measure of the KPIs, else the default measure. */
export function effectiveMeasure(v: Pick<CompareView, 'measures' | 'fields'>, chosen: string | null): string | null {
  return chosen ?? v.measures[0] ?? defaultMeasure(v.fields);
}

export function baseRequest(
  v: Pick<CompareView, 'targets' | 'measures'>,
  snapshot: string | null,
): Pick<CompareRequest, 'targets' | 'measures' | 'snapshot'> {
  return { targets: v.targets, measures: v.measures, ...(snapshot ? { snapshot } : {}) };
}

type PartSpecs = Required<Pick<CompareRequest, ComparePart>>;

/** What a part asks for, or null when it lacks a choice (no dimension or measure to use). */
export function partSpec<K extends ComparePart>(v: CompareView, part: K): PartSpecs[K] | null;
export function partSpec(v: CompareView, part: ComparePart): PartSpecs[ComparePart] | null {
  switch (part) {
    case 'breakdown': {
      const b = v.breakdown;
      if (!b.column) return null;
      const measure = b.value === 'count' ? null : effectiveMeasure(v, b.measure);
      return {
        column: b.column,
        mode: 'auto',
        top: BREAKDOWN_TOP,
        bins: BREAKDOWN_BINS,
        value: measure ? b.value : 'count',
        ...(measure ? { measure } : {}),
      };
    }
    case 'distribution': {
      const measure = effectiveMeasure(v, v.distribution.measure);
      return measure ? { measure, bins: v.distribution.bins } : null;
    }
    case 'apart':
      return { column: v.apart.column, against: v.apart.against };
    case 'concentration': {
      const measure = effectiveMeasure(v, v.concentration.measure);
      return measure ? { measure } : null;
    }
  }
}

export interface ViewRequest {
  request: CompareRequest;
  baseKey: string;
  part: ComparePart | null;
  /** null when the section asks for no part. */
  partKey: string | null;
}

/**
 * The request for what the view shows now (base + the shown section's part). `data` stands for what
 * the answer also depends on but the request does not name (the latest snapshot, the definitions'
 * latest hashes): when it changes, the answer in hand is stale.
 */
export function viewRequest(v: CompareView, snapshot: string | null, data: unknown = null): ViewRequest {
  const base = baseRequest(v, snapshot);
  const baseKey = data === null ? keyOf(base) : keyOf([base, data]);
  const part = partOf(v.section);
  const spec = part ? partSpec(v, part) : null;
  if (!part || !spec) return { request: base, baseKey, part: null, partKey: null };
  return { request: { ...base, [part]: spec }, baseKey, part, partKey: keyOf([baseKey, part, spec]) };
}

/** The key a part's answer carries, for the view as it is (null: the part cannot be asked now). */
export function partKeyFor(v: CompareView, part: ComparePart, snapshot: string | null): string | null {
  const spec = partSpec(v, part);
  return spec ? keyOf([keyOf(baseRequest(v, snapshot)), part, spec]) : null;
}

/** Every part at once (the HTML report), each with the view's choices. */
export function reportRequest(v: CompareView, snapshot: string | null): CompareRequest {
  const out: CompareRequest = { ...baseRequest(v, snapshot) };
  for (const part of PARTS) {
    const spec = partSpec(v, part);
    if (spec) Object.assign(out, { [part]: spec });
  }
  return out;
}

/**
 * Which target each result column came from: a segment or single tier gives one column, a whole
 * scheme one per tier in a row (each tier once; a single tier of the same scheme may follow it).
 */
export function columnOwners(targets: readonly DefinitionTarget[], columns: readonly CompareColumn[]): number[] {
  const out: number[] = [];
  let t = 0;
  let seen = new Set<string>();
  for (let i = 0; i < columns.length && t < targets.length; i++) {
    const col = columns[i]!;
    out.push(t);
    const wholeScheme = targets[t]!.tier === undefined && col.tier !== undefined;
    if (wholeScheme) seen.add(col.tier!);
    const next = columns[i + 1];
    const sameScheme =
      wholeScheme &&
      next?.tier !== undefined &&
      next.scheme === col.scheme &&
      next.file === col.file &&
      !seen.has(next.tier);
    if (!sameScheme) {
      t++;
      seen = new Set();
    }
  }
  return out;
}

/**
 * The target behind each result column, so a column can be run on its own (the grid's overlap
 * filter): a segment or single tier is its target; a whole scheme gives one tier target per column.
 * Saved columns are pinned to the version the comparison ran.
 */
export function columnTargets(
  targets: readonly DefinitionTarget[],
  columns: readonly CompareColumn[],
): DefinitionTarget[] {
  return columnOwners(targets, columns).map((t, i) => {
    const col = columns[i]!;
    const target = targets[t]!;
    const own = target.tier === undefined && col.tier !== undefined ? { ...target, tier: col.tier } : target;
    return own.file !== undefined && own.version === undefined && col.version !== null
      ? { ...own, version: col.version }
      : own;
  });
}

/** The apart choice kept valid for `columns` columns: an index out of range goes back to 0 / the rest. */
export function clampApart(apart: CompareView['apart'], columns: number): CompareView['apart'] {
  const column = apart.column < columns ? apart.column : 0;
  const against =
    typeof apart.against === 'number' && (apart.against >= columns || apart.against === column)
      ? 'rest'
      : apart.against;
  return { ...apart, column, against };
}

/** What a saved comparison keeps (chart choices in `view`). */
export function comparisonStateOf(v: CompareView): ComparisonState {
  const b = partSpec(v, 'breakdown');
  return {
    targets: v.targets,
    measures: v.measures,
    ...(b ? { breakdown: b } : {}),
    ...(v.distribution.measure ? { distribution: { measure: v.distribution.measure, bins: v.distribution.bins } } : {}),
    apart: { column: v.apart.column, against: v.apart.against },
    ...(v.concentration.measure ? { concentration: { measure: v.concentration.measure } } : {}),
    view: {
      section: v.section,
      layout: v.breakdown.layout,
      distributionChart: v.distribution.chart,
      apartShowAll: v.apart.showAll,
      apartHideOwn: v.apart.hideOwn,
      breakdownValue: v.breakdown.value,
    },
  };
}

/** The view's choices from a saved state (defaults for what it leaves out). */
export function choicesFromState(
  state: ComparisonState,
  fields: CompareView['fields'],
): Pick<CompareView, 'targets' | 'measures' | 'section' | 'breakdown' | 'distribution' | 'apart' | 'concentration'> {
  const view = state.view ?? {};
  const section = SECTIONS.find((s) => s === view.section) ?? 'overview';
  const layout = view.layout === 'stacked' || view.layout === 'percent' ? view.layout : 'grouped';
  const value =
    state.breakdown?.value ??
    (view.breakdownValue === 'sum' || view.breakdownValue === 'avg' ? view.breakdownValue : 'count');
  const measures = state.measures ?? [];
  const fallback = measures.length ? null : defaultMeasure(fields);
  return {
    targets: state.targets,
    measures: measures.length ? measures : fallback && measureFields(fields).length ? [fallback] : [],
    section,
    breakdown: { column: state.breakdown?.column ?? null, value, measure: state.breakdown?.measure ?? null, layout },
    distribution: {
      measure: state.distribution?.measure ?? null,
      bins: state.distribution?.bins ?? DISTRIBUTION_BINS,
      chart: view.distributionChart === 'histogram' ? 'histogram' : 'box',
    },
    apart: {
      column: state.apart?.column ?? 0,
      against: state.apart?.against ?? 'rest',
      showAll: view.apartShowAll === true,
      hideOwn: view.apartHideOwn === true,
    },
    concentration: { measure: state.concentration?.measure ?? null },
  };
}
