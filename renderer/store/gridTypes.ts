/**
 * The grid slice's state and actions. Rows never live in the store: the grid's datasource pages
 * them through the API; the store keeps the view (sort, filters), its total and the build's progress.
 */
import type { GridFilter, HeaderSummary, RowsPage, SortSpec, ViewSort, ViewSpec } from '../../shared/api/dataApi';
import type { DefinitionTarget } from '../../shared/api/segmentsApi';
import type { UiError } from './errors';
import type { GridSegmentsState } from './gridSegments';

export interface ViewBuild {
  jobId: string;
  fraction: number | null;
  message: string;
}

export interface PreparedView {
  table: string;
  snapshot?: string;
  /** Columns, and ✓ columns as their definitions' membership (gridSegments.memberViewParts). */
  sort: ViewSort;
  filters: GridFilter[];
  /** Segment filter (an overlap cell adds alsoIn / notIn) and per-page segment columns (gridSegments.ts). */
  segment?: DefinitionTarget;
  alsoIn?: DefinitionTarget[];
  notIn?: DefinitionTarget[];
  /** A flow group or tier move: keys (not) among another snapshot's members. */
  keysAt?: NonNullable<ViewSpec['keysAt']>;
  membership?: DefinitionTarget[];
  metrics?: { definition: DefinitionTarget; names: string[] };
}

export interface GridSlice extends GridSegmentsState {
  /** The last built view's sort and filters as the grid names them (column ids, ✓ columns included). */
  sort: SortSpec;
  filters: GridFilter[];
  /** The last built view (what the grid shows; the column profile follows it). */
  shownView: PreparedView | null;
  /** Rows of the current view after filters; null until prepared. */
  viewTotal: number | null;
  viewBuild: ViewBuild | null;
  viewError: UiError | null;
  /** Bumped when the grid must drop every cached block (table switch, engine restart). */
  gridEpoch: number;
  headerSummaries: Record<string, HeaderSummary>;
  /** Prepare (sort permutation, filters) once per view; concurrent calls for one view share the work. */
  prepareView(sort: SortSpec, filters: GridFilter[]): Promise<{ view: PreparedView; total: number }>;
  fetchRows(view: PreparedView, offset: number, limit: number): Promise<RowsPage>;
  cancelViewBuild(): Promise<void>;
  /** Drop prepared views and cached blocks (table switch, new snapshot, engine restart). */
  invalidateView(): void;
  loadHeaderSummaries(): Promise<void>;
}
