/**
 * The rule builder's state and actions (builderSlice: editing, live feedback, saving; builderVersions).
 */
import type {
  ExplainResult,
  FunnelResult,
  MeasureValue,
  MeasurementRecord,
  SegmentDiagnostic,
  TierCount,
  VersionSummary,
} from '../../shared/api/segmentsApi';
import type { DialectName } from '../../shared/segments/dialectNames';
import type { DiffEntry } from '../../shared/segments/diff';
import type { MemberDiff } from '../../shared/segments/memberDiff';
import type { Definition, Diagnostic, Metric } from '../../shared/segments/model';
import type { PickedFile } from '../platform/files';
import type { FieldMapping } from './builder/remap';
import type { RuleEdit } from './builder/ruleEdit';
import type { RuleLocation } from './builder/ruleLocation';
import type { TierEdit } from './builder/tiers';
import type { VersionDiffRows } from './builder/versionDiffViews';
import type { UiError } from './errors';
import type { SnapshotRef } from './overTime/targets';

export interface LiveCount {
  status: 'idle' | 'invalid' | 'counting' | 'ready' | 'error';
  count: number | null;
  total: number | null;
  share: number | null;
  measures: MeasureValue[];
  elapsedMs: number | null;
  asOf: string | null;
  error: UiError | null;
  /** Schemes: rows per tier (then `otherwise`), first match wins. */
  tiers?: TierCount[];
}

export interface BuilderState {
  /** The saved file this edits, null for a new draft (or a teammate's file not yet saved here). */
  file: string | null;
  /** The file the definition was read from (a workspace file, or a shared one in staging). */
  sourceFile: string | null;
  /** The saved file's stable id (measurements are recorded by it). */
  segmentId: string | null;
  name: string;
  /** What the segment is for (the file's `description`; saved without a new version). */
  description: string;
  /** A segment (`where`) or a scheme (`tiers`, `otherwise`): isSchemeDefinition tells which. */
  definition: Definition;
  /** JSON of the definition as last opened/saved, to tell unsaved changes. */
  savedJson: string | null;
  /** Name and description as last opened/saved (null: not a saved file yet). */
  savedMeta: { name: string; description: string } | null;
  past: Definition[];
  future: Definition[];
  diagnostics: Diagnostic[];
  /** Numeric field whose sum/avg the live panel shows. */
  measure: string | null;
  live: LiveCount;
  funnel: FunnelResult | null;
  saving: boolean;
  saveError: UiError | null;
  lastSaved: { version: number; appended: boolean; metadataUpdated?: boolean } | null;
  explain: {
    key: string | number;
    status: 'loading' | 'ready' | 'error';
    result: ExplainResult | null;
    error: UiError | null;
  } | null;
  /** Problems the engine found in the opened file (hashes, schema, fields), and whether it has SQL. */
  fileDiagnostics: SegmentDiagnostic[];
  fileHasSql: boolean;
  /** Saved versions of the file (oldest first) with their definitions. */
  history: { versions: VersionSummary[]; definitions: Record<number, Definition> } | null;
  compare: VersionCompare | null;
  /** A saved version shown read-only instead of the draft. */
  viewing: { version: number; definition: Definition } | null;
  /** Recorded measurements of this segment (by its id), oldest first. */
  measurements: {
    status: 'idle' | 'loading' | 'measuring' | 'ready' | 'error';
    records: MeasurementRecord[];
    error: UiError | null;
  };
  /** SQL preview of the draft in a dialect (on demand). */
  sqlPreview: { dialect: DialectName; status: 'loading' | 'ready' | 'error'; sql: string; error: string | null } | null;
}

/** The members two versions differ by, on one snapshot (counted by the engine's version-vs-version flow). */
export interface VersionMembersDiff {
  status: 'loading' | 'ready' | 'error';
  /** The snapshot both versions ran on (the grid's for the table, else the latest). */
  snapshot: SnapshotRef | null;
  diff: MemberDiff | null;
  error: string | null;
}

export interface VersionCompare {
  from: number;
  to: number;
  entries: DiffEntry[];
  members: VersionMembersDiff | null;
}

export interface BuilderCoreSlice {
  builder: BuilderState | null;
  /**
   * Top values per field of the builder's table (text suggestions), loaded on demand; another table's by `table/field`.
   */
  suggestions: Record<string, string[]>;
  /** Load a field's suggestions: of the builder's table, or of `table` (an aggregate's filter). */
  loadSuggestions(field: string, table?: string): Promise<void>;
  newSegment(): void;
  /** Start a new scheme draft on the selected table: one tier, then `otherwise`. */
  newScheme(): void;
  /** Open a saved segment or scheme (its latest version) in the builder. */
  openSegment(file: string): Promise<void>;
  /** Open a definition file shared by a teammate: validated against this workspace, saved here only on Save. */
  openSharedFile(file: PickedFile): Promise<void>;
  closeBuilder(): void;
  /** Count the draft again (the grid switched snapshot, data changed). */
  recount(): void;
  /** Edit the rule at `at` (default: the segment's `where`). */
  editRule(edit: RuleEdit, at?: RuleLocation): void;
  /** Add, remove, reorder or rename a scheme's tiers, or name its `otherwise`. */
  editTiers(edit: TierEdit): void;
  /** Replace (metric) or remove (null) the metric at index; index = length appends. */
  editMetric(index: number, metric: Metric | null): void;
  /** Rewrite the draft for this workspace's tables and columns (templates, teammates' files). */
  applyMapping(mapping: FieldMapping): void;
  setBuilderName(name: string): void;
  setBuilderDescription(description: string): void;
  setMeasure(field: string | null): void;
  undo(): void;
  redo(): void;
  /** Resolves true when saved; false when refused (the reason in `saveError`) or failed. */
  saveSegment(note: string): Promise<boolean>;
  /** Why is this row (not) in the draft segment: pass/fail per rule node. */
  explainRow(key: string | number): Promise<void>;
  closeExplain(): void;
  previewSql(dialect: DialectName | null): Promise<void>;
}

export interface BuilderVersionsSlice {
  /** Readable diff of two saved versions and the members the newer one adds and removes. */
  compareVersions(from: number, to: number): Promise<void>;
  /** Show the rows of the version comparison's added / removed members or a tier move in the grid. */
  showVersionDiffInGrid(rows: VersionDiffRows): Promise<void>;
  /** Open the export dialog on exactly those rows. */
  exportVersionDiff(rows: VersionDiffRows): Promise<void>;
  viewVersion(version: number | null): void;
  /** Start a new unsaved copy of the open segment. */
  duplicateSegment(): void;
  /** Measure a version (default latest) on a snapshot or on all snapshots, then reload the history. */
  measureSegment(version: number | null, snapshot: string | 'all' | null): Promise<void>;
  loadMeasurements(): Promise<void>;
}

export type BuilderSlice = BuilderCoreSlice & BuilderVersionsSlice;
