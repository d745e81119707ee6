/**
 * The compare view's state and actions (docs/compare-and-over-time.md, SPEC §6 Compare, issue 8): what the sidebar has
 * chosen, the
 * view's columns and choices (measures, the breakdown's dimension, …), the KPIs and overlap of the
 * latest answer, and each on-demand part with the request it answers. Saved comparisons are listed
 * beside it. Kept apart from types.ts so each stays a readable size.
 */
import type {
  ApartResult,
  BreakdownResult,
  CompareResult,
  ComparisonState,
  ComparisonSummary,
  ConcentrationResult,
  DistributionResult,
} from '../../shared/api/compareApi';
import type { DefinitionTarget } from '../../shared/api/segmentsApi';
import type { CompareField } from './compare/fields';
import type { UiError } from './errors';

/**
 * The middle area: the grid, the compare view or the Over time view (both full width: the builder waits on the Grid
 * tab).
 */
export type MainTab = 'grid' | 'compare' | 'overTime';

/** The view's sections; KPIs and the overlap matrix (overview) come with every answer, the others on demand. */
export type CompareSection = 'overview' | 'breakdown' | 'distribution' | 'apart' | 'concentration';
export type ComparePart = 'breakdown' | 'distribution' | 'apart' | 'concentration';
export type BarLayout = 'grouped' | 'stacked' | 'percent';

export interface ComparePartResults {
  breakdown: BreakdownResult;
  distribution: DistributionResult;
  apart: ApartResult;
  concentration: ConcentrationResult;
}

export interface PartState<K extends ComparePart = ComparePart> {
  /** The request it answers (or is loading for). */
  key: string;
  status: 'loading' | 'ready' | 'error';
  /** While loading: the previous answer, shown dimmed. */
  result: ComparePartResults[K] | null;
  error: UiError | null;
}

export interface CompareView {
  /** What runs, in column order (a whole scheme is one target and one column per tier). */
  targets: DefinitionTarget[];
  /** Names to show before the first answer. */
  labels: string[];
  /** The entity table all targets are defined on. */
  table: string | null;
  measures: string[];
  section: CompareSection;
  breakdown: { column: string | null; value: 'count' | 'sum' | 'avg'; measure: string | null; layout: BarLayout };
  distribution: { measure: string | null; bins: number; chart: 'box' | 'histogram' };
  /** `hideOwn`: leave out the fields the definitions read (their effects restate the definition). */
  apart: { column: number; against: 'rest' | number; showAll: boolean; hideOwn: boolean };
  concentration: { measure: string | null };
  /** What the pickers offer: the table's columns and the definitions' metrics. */
  fields: CompareField[];
  /** KPIs and overlap of the latest answer, with the request key (targets, snapshot, measures) they answer. */
  base: { key: string; result: CompareResult } | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the KPIs could not be computed, for the request key it answers. */
  error: (UiError & { key: string }) | null;
  /** The request in flight. */
  pending: {
    jobId: string;
    baseKey: string;
    partKey: string | null;
    progress: { fraction: number | null; message: string } | null;
  } | null;
  parts: { [K in ComparePart]?: PartState<K> };
  /** The saved comparison this is (null: not saved yet). */
  saved: { file: string; name: string } | null;
  /** The saved state's JSON, to tell unsaved changes. */
  savedJson: string | null;
}

export interface CompareSlice {
  mainTab: MainTab;
  /** Sidebar choice (selection.ts keys, in sidebar order) and the last plain click (Shift-click ranges from it). */
  compareSelection: string[];
  compareAnchor: string | null;
  compare: CompareView | null;
  setMainTab(tab: MainTab): void;
  /** A checkbox or row click in the sidebar: toggle (plain, Ctrl/Cmd) or a range from the anchor (Shift). */
  selectForCompare(key: string, mode: 'toggle' | 'range'): void;
  clearCompareSelection(): void;
  /** Open the compare view on the sidebar's choice. */
  compareSelected(): void;
  /** Open the compare view on the builder's draft (or its saved file when unchanged) and the sidebar's choice. */
  compareWithDraft(): void;
  openCompare(targets: DefinitionTarget[], labels: string[]): void;
  /** Open a saved (or stored) comparison's state; `saved` names its file. */
  openComparisonState(state: ComparisonState, saved: { file: string; name: string } | null, tab?: MainTab): void;
  addCompareTarget(target: DefinitionTarget, label: string): void;
  removeCompareTarget(index: number): void;
  toggleCompareMeasure(name: string): void;
  setCompareSection(section: CompareSection): void;
  setBreakdown(patch: Partial<CompareView['breakdown']>): void;
  setDistribution(patch: Partial<CompareView['distribution']>): void;
  setApart(patch: Partial<CompareView['apart']>): void;
  setConcentration(patch: Partial<CompareView['concentration']>): void;
  /** Ask again for what failed or was cancelled. */
  retryCompare(): void;
  /** Ask for what the view shows if the answer in hand is stale (another snapshot, new data, a new version). */
  refreshCompare(): void;
  cancelCompare(): Promise<void>;
  closeCompare(): void;
  /** Show an overlap cell's rows in the grid: i ∩ j, or i without j (the diagonal: i). */
  showOverlapInGrid(i: number, j: number, mode: 'both' | 'without'): void;
  /** Every part at once, for the HTML report (its own request: the view's is not interrupted). */
  fetchCompareReport(): Promise<CompareResult>;
}

export interface ComparisonsSlice {
  comparisons: ComparisonSummary[];
  comparisonsError: UiError | null;
  loadComparisons(): Promise<void>;
  /** Save the view: over its file, or (asNew, or not saved yet) as a new one; the error to show, or null. */
  saveComparison(name: string, asNew?: boolean): Promise<UiError | null>;
  openComparison(file: string): Promise<void>;
  renameComparison(file: string, name: string): Promise<UiError | null>;
  deleteComparison(file: string): Promise<void>;
  /** After the workspace loads: bring back the comparison that was open (kept in storage). */
  restoreComparison(): Promise<void>;
}
