/**
 * Segments in the grid (issue 4 §4): the state the grid slice adds — a members-only filter (the
 * builder's draft, a saved definition, an overlap cell of the compare view: A ∩ B, A without B, or
 * a flow group or tier move of the Over time view, pinned to its snapshot), membership columns (✓ per chosen saved
 * segment) and metric
 * columns (the builder's metrics; the draft itself can be a ✓ column too) — and the pure helpers that turn it into a
 * view. Each entry records
 * its table; entries about another table than the grid's are left out of the view (never an error),
 * and the draft's entries go once the draft is about another table (they were an earlier draft's).
 */
import type { GridFilter, SortSpec, ViewSort, ViewSpec } from '../../shared/api/dataApi';
import type { DefinitionSummary, DefinitionTarget } from '../../shared/api/segmentsApi';
import type { Definition, SegmentDefinition } from '../../shared/segments/model';
import type { PreparedView } from './gridTypes';

export interface GridSegmentFilter {
  table: string;
  /**
   * 'draft' follows the builder's draft; 'file' is a saved definition; 'compare' an overlap cell of the compare view;
   * 'overTime' a flow group or tier move; 'versions' the members a version adds, removes or moves between tiers.
   */
  source: 'draft' | 'file' | 'compare' | 'overTime' | 'versions';
  label: string;
  target: DefinitionTarget;
  /** An overlap cell: rows of `target` also in each of these (A ∩ B)… */
  alsoIn?: DefinitionTarget[];
  /** …or in none of these (A without B). */
  notIn?: DefinitionTarget[];
  /** Keys (not) among another snapshot's members (flow groups, tier moves: overTime/gridViews.ts). */
  keysAt?: NonNullable<ViewSpec['keysAt']>;
  /**
   * The snapshot the filter is about: it applies only while the grid shows that one (a flow group means nothing on
   * another).
   */
  snapshot?: string;
  /** Saved definitions: the latest version's hash when chosen (a new version rebuilds the view). */
  hash?: string | null;
  /** Saved definitions: the stable id (a rename changes the file, not the id). */
  id?: string | null;
}

/** A filter showing some rows of a view (an overlap cell, a flow group, a version's changes), not members. */
export const isRowsView = (source: GridSegmentFilter['source']): boolean =>
  source === 'compare' || source === 'overTime' || source === 'versions';

/** The `file` of the ✓ column that follows the builder's draft (no saved file has this name). */
export const DRAFT_COLUMN = '(draft)';

export interface MembershipColumn {
  table: string;
  /** The saved definition's file, or DRAFT_COLUMN. */
  file: string;
  /** The draft's definition (DRAFT_COLUMN only), kept in step with edits by syncDraftColumns. */
  draft?: Definition;
  label: string;
  hash?: string | null;
  id?: string | null;
}

export interface GridMetricColumns {
  table: string;
  /** The builder's entity, as-of and metrics (no rule: editing conditions keeps the columns). */
  target: DefinitionTarget;
  names: string[];
}

export interface GridSegmentsState {
  gridSegment: GridSegmentFilter | null;
  membershipColumns: MembershipColumn[];
  gridMetrics: GridMetricColumns | null;
  /** Filter the grid to members (null: all rows). The view is rebuilt. */
  setGridSegment(filter: GridSegmentFilter | null): void;
  /** Show or hide the ✓ column of a saved segment. */
  toggleMembershipColumn(column: MembershipColumn): void;
  /** Show or hide a builder metric as a grid column. */
  toggleMetricColumn(name: string): void;
  /** Follow the builder's draft (members-only on the draft, metric columns): call after edits. */
  syncDraftColumns(): void;
  /** Follow the saved segments list: drop deleted/renamed files, rebuild on a new version. */
  syncSavedSegments(): void;
}

/**
 * Where a saved entry went after the segments list changed: its summary (by file, else by id after a
 * rename), or null when it is gone; `same` when nothing the grid shows changed.
 */
export function followSaved(
  entry: { hash?: string | null; id?: string | null; label: string },
  file: string,
  list: readonly DefinitionSummary[],
): { summary: DefinitionSummary; same: boolean } | null {
  const s = list.find((x) => x.file === file) ?? (entry.id ? list.find((x) => x.id === entry.id) : undefined);
  if (!s) return null;
  return { summary: s, same: s.file === file && s.hash === (entry.hash ?? null) && s.name === entry.label };
}

/**
 * The grid state without the draft's filter and ✓ column when they are on another table than the
 * draft's (null when there are none): those were built from an earlier draft and would show its rows.
 */
export function dropOtherTableDraft(
  s: Pick<GridSegmentsState, 'gridSegment' | 'membershipColumns'>,
  draftTable: string,
): Partial<Pick<GridSegmentsState, 'gridSegment' | 'membershipColumns'>> | null {
  const out: Partial<Pick<GridSegmentsState, 'gridSegment' | 'membershipColumns'>> = {};
  if (s.gridSegment?.source === 'draft' && s.gridSegment.table !== draftTable) out.gridSegment = null;
  const cols = s.membershipColumns.filter((c) => !(c.draft && c.table !== draftTable));
  if (cols.length !== s.membershipColumns.length) out.membershipColumns = cols;
  return Object.keys(out).length ? out : null;
}

/**
 * The builder's entity table when the grid shows another one (null when they agree, or either is
 * missing): the grid's draft ✓ column, members-only filter and "explain this row" work only on the
 * draft's own table, so the builder says so and offers to show it (`canShow`: it is in the workspace).
 */
export function builderTableMismatch(
  draftTable: string | null,
  gridTable: string | null,
  tables: readonly { name: string }[],
): { gridTable: string; draftTable: string; canShow: boolean } | null {
  if (!draftTable || !gridTable || draftTable === gridTable) return null;
  return { gridTable, draftTable, canShow: tables.some((t) => t.name === draftTable) };
}

/** The metrics part of a draft (a segment's or a scheme's): what metric columns are computed from. */
export function metricsTarget(def: Pick<SegmentDefinition, 'entity' | 'asOf' | 'metrics'>): DefinitionTarget {
  const definition: Record<string, unknown> = { entity: def.entity, metrics: def.metrics ?? [], where: { all: [] } };
  if (def.asOf) definition.asOf = def.asOf;
  return { definition };
}

/**
 * Whether the grid filter applies to the grid's table at the snapshot it shows (`snapshot`: the resolved id, the
 * latest's for null).
 */
export function filterApplies(
  f: GridSegmentFilter | null,
  table: string | null,
  snapshot: string | null,
): f is GridSegmentFilter {
  return f !== null && f.table === table && (f.snapshot === undefined || f.snapshot === snapshot);
}

type SegmentParts = Pick<PreparedView, 'segment' | 'alsoIn' | 'notIn' | 'keysAt' | 'membership' | 'metrics'>;

/** The view's segment parts for the grid's table (at `snapshot`, resolved: a pinned filter applies only there). */
export function segmentParts(
  table: string,
  s: Pick<GridSegmentsState, 'gridSegment' | 'membershipColumns' | 'gridMetrics'>,
  snapshot: string | null = null,
): SegmentParts {
  const out: SegmentParts = {};
  if (filterApplies(s.gridSegment, table, snapshot)) {
    out.segment = s.gridSegment.target;
    if (s.gridSegment.alsoIn?.length) out.alsoIn = s.gridSegment.alsoIn;
    if (s.gridSegment.notIn?.length) out.notIn = s.gridSegment.notIn;
    if (s.gridSegment.keysAt?.length) out.keysAt = s.gridSegment.keysAt;
  }
  const cols = s.membershipColumns.filter((c) => c.table === table);
  if (cols.length) out.membership = cols.map(memberTarget);
  if (s.gridMetrics?.table === table && s.gridMetrics.names.length)
    out.metrics = { definition: s.gridMetrics.target, names: s.gridMetrics.names };
  return out;
}

/** The grid's column id of a ✓ membership column (the sort and filter models name it). */
export const MEMBER_COL_PREFIX = 'segment:';
export const memberColId = (c: Pick<MembershipColumn, 'file'>) => `${MEMBER_COL_PREFIX}${c.file}`;

function memberTarget(c: MembershipColumn): DefinitionTarget {
  return c.draft ? { definition: c.draft } : { file: c.file };
}

/**
 * The grid's sort and filter models (column ids) as the view's parts: a ✓ column sorts by membership
 * and filters to members (alsoIn) or non-members (notIn); a ✓ column no longer shown is dropped.
 */
export interface MemberViewParts {
  sort: ViewSort;
  filters: GridFilter[];
  alsoIn: DefinitionTarget[];
  notIn: DefinitionTarget[];
}

export function memberViewParts(
  table: string,
  sort: SortSpec,
  filters: readonly GridFilter[],
  columns: readonly MembershipColumn[],
): MemberViewParts {
  const byId = new Map(columns.filter((c) => c.table === table).map((c) => [memberColId(c), c]));
  const out: MemberViewParts = { sort: [], filters: [], alsoIn: [], notIn: [] };
  for (const s of sort) {
    if (!s.column.startsWith(MEMBER_COL_PREFIX)) out.sort.push(s);
    else {
      const c = byId.get(s.column);
      if (c) out.sort.push({ member: memberTarget(c), dir: s.dir });
    }
  }
  for (const f of filters) {
    if (!f.field.startsWith(MEMBER_COL_PREFIX)) out.filters.push(f);
    else {
      const c = byId.get(f.field);
      if (c && f.op === 'eq' && typeof f.value === 'boolean') (f.value ? out.alsoIn : out.notIn).push(memberTarget(c));
    }
  }
  return out;
}
