/**
 * The Over time view's state and actions (docs/compare-and-over-time.md, SPEC §6 Over time, issue 10): which saved
 * segments and
 * scheme tiers it follows (each at one chosen version: the latest unless picked), the shown section
 * (Trends, Flow, Tier movement, Paths) and each section's choices, and per section the answer with
 * the request key it answers. Only the shown section is ever asked for. Also the sidebar's stability
 * figure per segment and the rule builder's threshold explorer. Kept apart from types.ts so each stays
 * a readable size.
 */
import type { FlowResult, PathsResult, SchemeFlow, SegmentFlow, ThresholdResult } from '../../shared/api/overTimeApi';
import type { MeasurementRecord } from '../../shared/api/segmentsApi';
import type { UiError } from './errors';

export type OverTimeSection = 'trends' | 'flow' | 'tiers' | 'paths';

/** A saved definition the view follows: a segment, a whole scheme, or one tier of a scheme. */
export interface OverTimeTarget {
  file: string;
  tier?: string;
  /** The version measured on every snapshot (undefined: the latest). */
  version?: number;
}

/** What the trend chart plots: members, share, or a measure's sum or average (`sum:mrr`, `avg:mrr`). */
export type TrendMetric = 'count' | 'share' | `sum:${string}` | `avg:${string}`;

/** A flow group (docs/cli.md, SPEC §7): which keys, and on which snapshot its rows are. */
export type FlowGroup = 'stayed' | 'entered' | 'left' | 'new' | 'gone';

/** One target's recorded measurements, with the version the trend measures it with. */
export interface TrendTargetData {
  target: OverTimeTarget;
  label: string;
  segmentId: string | null;
  /** The version measured on every snapshot (resolved: a number). */
  version: number;
  /** Its measurements as recorded (this target's kind only: a tier's, or the segment's), oldest first. */
  records: MeasurementRecord[];
  /** A whole scheme's records carry its tiers' counts: read for a tier's count history too. */
  schemeRecords: MeasurementRecord[];
}

export interface TrendsResult {
  table: string;
  /** The table's snapshots, oldest first. */
  snapshots: { id: string; asOf: string }[];
  measures: string[];
  targets: TrendTargetData[];
  /** Measurements recorded by this request (0: the log already had every snapshot at the chosen versions). */
  measured: number;
}

export interface OverTimeResults {
  trends: TrendsResult;
  flow: SegmentFlow;
  tiers: SchemeFlow;
  paths: PathsResult;
}

export interface OverTimePart<K extends OverTimeSection = OverTimeSection> {
  /** The request it answers (or is loading for). */
  key: string;
  status: 'loading' | 'ready' | 'error';
  /** While loading: the previous answer, shown dimmed. */
  result: OverTimeResults[K] | null;
  error: UiError | null;
}

export interface OverTimeViewState {
  targets: OverTimeTarget[];
  labels: string[];
  /** The entity table of the targets (or the grid's, before any is chosen). */
  table: string | null;
  section: OverTimeSection;
  /** Numeric columns measured with each trend point (sum and average per member). */
  measures: string[];
  trend: { metric: TrendMetric; asRecorded: boolean };
  /**
   * The segment (or tier) whose flow shows, and the two snapshots (null: the latest pair); its version is the view's
   * for that file.
   */
  flow: { target: Omit<OverTimeTarget, 'version'> | null; from: string | null; to: string | null };
  /** The scheme whose tier movement and paths show (null: the first scheme of the view or of the table). */
  scheme: { file: string | null };
  tiers: { from: string | null; to: string | null; chart: 'heatmap' | 'sankey' };
  parts: { [K in OverTimeSection]?: OverTimePart<K> };
  /** The request in flight (only the shown section's). */
  pending: {
    section: OverTimeSection;
    key: string;
    jobId: string;
    progress: { fraction: number | null; message: string } | null;
  } | null;
}

export interface StabilityFigure {
  /** File hash and snapshot pair it was computed for. */
  key: string;
  status: 'loading' | 'ready' | 'error';
  from: string;
  to: string;
  fromAsOf: string;
  toAsOf: string;
  retention: number | null;
  stayed: number | null;
  countFrom: number | null;
  error: string | null;
}

export interface OverTimeSlice {
  overTime: OverTimeViewState | null;
  /** Open the Over time tab on these saved definitions (replacing what it followed). */
  openOverTime(targets: OverTimeTarget[]): void;
  /** Open it on the sidebar's choice (the compare view's selection). */
  overTimeFromSelection(): void;
  /** Open it on the compare view's columns (saved ones: a draft has no recorded history). */
  overTimeFromCompare(): void;
  addOverTimeTarget(target: OverTimeTarget): void;
  removeOverTimeTarget(index: number): void;
  /** Measure a target with another version (null: the latest). */
  setOverTimeVersion(index: number, version: number | null): void;
  setOverTimeSection(section: OverTimeSection): void;
  toggleOverTimeMeasure(name: string): void;
  setTrend(patch: Partial<OverTimeViewState['trend']>): void;
  setFlow(patch: Partial<OverTimeViewState['flow']>): void;
  setOverTimeScheme(file: string | null): void;
  setTiers(patch: Partial<OverTimeViewState['tiers']>): void;
  /** Ask for the shown section unless the answer in hand is current (the data or a definition may have changed). */
  refreshOverTime(): void;
  /** Ask again for what failed or was cancelled (Trends: measure every snapshot again). */
  retryOverTime(): void;
  cancelOverTime(): Promise<void>;
  closeOverTime(): void;
  /** Show a flow group's rows in the grid (on the snapshot they are in). */
  showFlowGroupInGrid(group: FlowGroup): Promise<void>;
  /** Show the rows that moved from tier i (at `from`) to tier j (at `to`); i = -1: new keys, j = -1: gone ones. */
  showTierMoveInGrid(i: number, j: number): Promise<void>;
  /** Open the export dialog on a flow group's rows (any format, chosen columns; on the snapshot they are in). */
  exportFlowGroup(group: FlowGroup): Promise<void>;

  /**
   * Sidebar: the latest pair's retention per saved segment (one segmentFlow each, when the table has two snapshots or
   * more).
   */
  stability: Record<string, StabilityFigure>;
  refreshStability(): Promise<void>;
}

export type ThresholdOutcome =
  | { kind: 'none' }
  | { kind: 'segment'; file: string; snapshot: 'same' | 'next' }
  | { kind: 'measure'; measure: string };

export interface ThresholdExplorerState {
  /** The condition explored: its path in the segment's `where` (`where.all[1]`) and its rule path. */
  path: string;
  rulePath: number[];
  outcome: ThresholdOutcome;
  /** The snapshot explored (null: the one the builder counts on). */
  snapshot: string | null;
  key: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  result: ThresholdResult | null;
  error: UiError | null;
}

export interface ThresholdSlice {
  threshold: ThresholdExplorerState | null;
  /** Open the explorer on a numeric condition of the builder's segment (a second click on its button closes it). */
  toggleThresholdExplorer(rulePath: readonly number[], path: string): void;
  closeThresholdExplorer(): void;
  setThresholdOutcome(outcome: ThresholdOutcome): void;
  setThresholdSnapshot(snapshot: string | null): void;
  /** Ask for the curve again if the draft (other conditions, metrics) changed. */
  refreshThreshold(): void;
  /** Set the condition's threshold through the builder's edit path (one undo step); the live count follows. */
  applyThreshold(value: number): void;
}

export type { FlowResult };
