/**
 * The workbench store's shape: one state built from slices (zustand slices pattern). Rows never live
 * here: the grid's datasource pages them through the API; the store keeps the view (sort, filters),
 * its total and the jobs' progress.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { WorkbenchClient } from '../../shared/api/contract';
import type {
  ColumnProfile,
  FileRef,
  GridFilter,
  HeaderSummary,
  ImportOptions,
  ImportReport,
  RejectRecord,
  RowsPage,
  SniffReport,
  SortSpec,
  FolderListing,
  ViewSort,
  TableInfo,
  ViewSpec,
  WorkspaceInfo,
} from '../../shared/api/dataApi';
import type { ApiEvent } from '../../shared/api/protocol';
import type { PgCountResult, SslMode } from '../../shared/api/postgresApi';
import type { GridSegmentFilter, GridSegmentsState } from './gridSegments';
import type { DefinitionSummary, DefinitionTarget, TrashEntry, ExplainResult, FunnelResult, MeasureValue, MeasurementRecord, SegmentDiagnostic, TierCount, VersionSummary } from '../../shared/api/segmentsApi';
import type { DialectName } from '../../shared/segments/dialectNames';
import type { DiffEntry } from '../../shared/segments/diff';
import type { MemberDiff } from '../../shared/segments/memberDiff';
import type { VersionDiffRows } from './builder/versionDiffViews';
import type { SnapshotRef } from './overTime/targets';
import type { Definition, Diagnostic, Metric } from '../../shared/segments/model';
import type { RuleEdit } from './builder/ruleEdit';
import type { RuleLocation } from './builder/ruleLocation';
import type { TierEdit } from './builder/tiers';
import type { FieldMapping } from './builder/remap';
import type { PickedFile } from '../platform/files';
import type { ConnectionState } from '../platform/rpc.ws';
import type { UiError } from './errors';
import type { ExportFormat } from '../../shared/api/segmentsApi';
import type { ExportHost } from '../platform/exports';
import type { CompareSlice, ComparisonsSlice } from './compareTypes';
import type { OverTimeSlice, ThresholdSlice } from './overTimeTypes';

export type ThemeName = 'light' | 'dark';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface StoreDeps {
  api: WorkbenchClient;
  stageFile: (file: PickedFile) => Promise<FileRef>;
  storage: KeyValueStorage | null;
  systemPrefersDark: () => boolean;
  newJobId: () => string;
}

export interface WorkspaceSlice {
  workspace: WorkspaceInfo | null;
  tables: TableInfo[];
  selectedTable: string | null;
  /** null = the latest snapshot. */
  selectedSnapshot: string | null;
  workspaceStatus: 'idle' | 'loading' | 'ready' | 'error';
  workspaceError: UiError | null;
  loadWorkspace(): Promise<void>;
  /** Open (or, with create, make) another workspace folder and show it. */
  openWorkspace(path: string, create?: boolean): Promise<void>;
  /** Workspaces opened before (the host's settings), newest first; [] when it keeps none. */
  recentWorkspaces(): Promise<string[]>;
  /** Sub-folders of a folder (default the home folder), for picking a workspace in a browser. */
  browseFolders(path?: string): Promise<FolderListing>;
  /**
   * The one refresh after an import into `table`: the tables (and so the sidebar's stability and Over
   * time), then the grid on that table's latest snapshot with its header summaries. The engine's
   * "workspace changed" event that follows reloads the rest (segments and their counts, comparisons).
   */
  refreshAfterImport(table: string): Promise<void>;
  selectTable(name: string, snapshot?: string | null): void;
}

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

export interface ProfileState {
  column: string;
  status: 'loading' | 'ready' | 'error';
  data: ColumnProfile | null;
  error: UiError | null;
  /** What narrows the profiled rows ("members of Activated · filtered"), or null for all rows. */
  scope?: string | null;
  /** The request (latest wins). */
  key?: string;
}

export interface ProfileSlice {
  profile: ProfileState | null;
  openProfile(column: string): Promise<void>;
  closeProfile(): void;
}

export type ImportPhase = 'choose' | 'staging' | 'sniffing' | 'ready' | 'importing' | 'done' | 'error';

/** The overrides the dialog offers (a subset of ImportOptions). */
export type ImportOverrides = Pick<ImportOptions, 'table' | 'delimiter' | 'header' | 'encoding' | 'sheet' | 'asOf' | 'columnTypes' | 'invalidValues'>;

export interface ImportDialogState {
  open: boolean;
  phase: ImportPhase;
  fileName: string | null;
  fileRef: FileRef | null;
  sniff: SniffReport | null;
  options: ImportOverrides;
  jobId: string | null;
  progress: { fraction: number | null; message: string } | null;
  report: ImportReport | null;
  /** Rejects fetched beyond the report's first ones ("Show more"). */
  moreRejects: RejectRecord[];
  error: UiError | null;
}

export interface ImportSlice {
  importDialog: ImportDialogState;
  openImport(): void;
  closeImport(): void;
  chooseImportFile(file: PickedFile): Promise<void>;
  setImportOptions(patch: Partial<ImportOverrides>): Promise<void>;
  /** Load `column` as `type` (a DuckDB type), or as the sniffer found it (null). */
  setImportColumnType(column: string, type: string | null): void;
  runImport(): Promise<void>;
  cancelImport(): Promise<void>;
  /** Fetch the next page of the finished import's rejects. */
  loadMoreRejects(): Promise<void>;
  /** Files chosen together waiting after the dialog's current one (e.g. from File ▸ Import File…). */
  importQueue: PickedFile[];
  /** Open the dialog with these files as if picked in the window: the first now, the rest queued. */
  importFiles(files: readonly PickedFile[]): Promise<void>;
  /** Go on to the next queued file. */
  nextImportFile(): Promise<void>;
}

export interface EngineStatus {
  state: 'ok' | 'crashed' | 'restarted';
  message: string;
}

export interface UiSlice {
  theme: ThemeName;
  /** 'system' follows the OS until the user picks one. */
  themeSource: 'system' | 'user';
  engine: EngineStatus;
  connection: ConnectionState;
  /** The builder panel's width as the user dragged it (remembered), or null for the default. */
  builderWidth: number | null;
  /** The builder panel folded to a strip beside the grid (remembered). */
  builderCollapsed: boolean;
  toggleTheme(): void;
  setBuilderWidth(width: number | null): void;
  setBuilderCollapsed(collapsed: boolean): void;
  setSystemDark(dark: boolean): void;
  setConnection(state: ConnectionState): void;
  handleEvent(event: ApiEvent): void;
}

export interface SegmentCount {
  status: 'loading' | 'ready' | 'error';
  count: number | null;
  share: number | null;
  error: string | null;
  /** Schemes: rows per tier (then `otherwise`). */
  tiers?: TierCount[];
}

export interface SegmentsSlice {
  segments: DefinitionSummary[];
  schemes: DefinitionSummary[];
  segmentCounts: Record<string, SegmentCount>;
  segmentsError: UiError | null;
  /** Definitions deleted to the workspace's trash, newest first (loaded on demand). */
  trash: TrashEntry[];
  /** The last deletion, offered for undo until dismissed or restored. */
  lastDeleted: TrashEntry | null;
  /** The last rename/delete/restore failure (shown beside the list). */
  segmentActionError: UiError | null;
  loadSegments(): Promise<void>;
  /** Rename a segment or scheme (the file name follows); resolves to the error to show, or null. */
  renameSegment(file: string, name: string): Promise<UiError | null>;
  /** Move a definition to the trash; `lastDeleted` offers the undo. */
  deleteSegment(file: string): Promise<void>;
  /** Put a deleted definition back (an entry of `trash`, or `lastDeleted`). */
  restoreSegment(trashFile: string): Promise<void>;
  loadTrash(): Promise<void>;
  dismissDeleted(): void;
}

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
  explain: { key: string | number; status: 'loading' | 'ready' | 'error'; result: ExplainResult | null; error: UiError | null } | null;
  /** Problems the engine found in the opened file (hashes, schema, fields), and whether it has SQL. */
  fileDiagnostics: SegmentDiagnostic[];
  fileHasSql: boolean;
  /** Saved versions of the file (oldest first) with their definitions. */
  history: { versions: VersionSummary[]; definitions: Record<number, Definition> } | null;
  compare: VersionCompare | null;
  /** A saved version shown read-only instead of the draft. */
  viewing: { version: number; definition: Definition } | null;
  /** Recorded measurements of this segment (by its id), oldest first. */
  measurements: { status: 'idle' | 'loading' | 'measuring' | 'ready' | 'error'; records: MeasurementRecord[]; error: UiError | null };
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
  /** Top values per field of the builder's table (text suggestions), loaded on demand; another table's by `table/field`. */
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

export type WorkbenchState = WorkspaceSlice & GridSlice & ProfileSlice & ImportSlice & UiSlice & SegmentsSlice & BuilderSlice & ExportSlice & CompareSlice & ComparisonsSlice & PostgresSlice & OverTimeSlice & ThresholdSlice;

export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<WorkbenchState, [], [], T>;

/** A column the export dialog offers: the entity table's columns, then the definition's metrics. */
export interface ExportColumn {
  name: string;
  /** DuckDB type of a table column; null for a metric. */
  type: string | null;
  kind: 'column' | 'metric';
  /** The entity key. */
  key: boolean;
  checked: boolean;
}

export interface ExportDialogState {
  open: boolean;
  phase: 'loading' | 'choose' | 'exporting' | 'done' | 'error';
  /** The segment's or scheme's name. */
  name: string;
  /** What runs: a saved file at a version, or the builder's draft. */
  target: DefinitionTarget | null;
  /** "version 3", "unsaved draft", … */
  versionLabel: string;
  /** Schemes export every row with its tier as a last column. */
  scheme: boolean;
  /** The members narrowed to the rows a grid filter shows (an overlap cell, a flow group, a tier move), named for the user. */
  narrow: { label: string; alsoIn?: DefinitionTarget[]; notIn?: DefinitionTarget[]; keysAt?: NonNullable<ViewSpec['keysAt']> } | null;
  table: string | null;
  /** The snapshot the grid shows for that table; null for the latest. */
  snapshot: string | null;
  snapshotLabel: string;
  format: ExportFormat;
  columns: ExportColumn[];
  jobId: string | null;
  progress: { fraction: number | null; message: string } | null;
  /** Where the members come from: the workspace (a snapshot), or the PostgreSQL server of pgDialog. */
  source: 'workspace' | 'postgres';
  /** Rows written, the columns as written, and where the file went (a path, or the downloaded name). */
  result: { rows: number; columns: string[]; format: ExportFormat; where: string } | null;
  error: UiError | null;
}

/** Fields of the "Run on PostgreSQL…" form (the port as typed); the password is held apart. */
export interface PgForm {
  host: string;
  port: string;
  database: string;
  user: string;
  schema: string;
  sslmode: SslMode;
  /**
   * The as-of to run at (YYYY-MM-DD), blank for the definition's own. A definition as of its
   * snapshot starts at the workspace snapshot's date, so the two counts side by side are comparable.
   */
  asOf: string;
}

export interface PgDialogState {
  open: boolean;
  phase: 'loading' | 'choose' | 'counting' | 'done' | 'error';
  file: string | null;
  name: string;
  scheme: boolean;
  form: PgForm;
  /** The count in the workspace (latest snapshot), as the sidebar shows it. */
  local: SegmentCount | null;
  /** The count on the server, once run. */
  remote: PgCountResult | null;
  jobId: string | null;
  error: UiError | null;
  /** The server asked for a password (or refused it): the form points at the password field. */
  needsPassword: boolean;
}

export interface PostgresSlice {
  pgDialog: PgDialogState;
  /**
   * The server password, in memory only: never saved, never in workspace.json, forgotten when the
   * window closes. Kept across dialogs so a second run does not ask again.
   */
  pgPassword: string;
  /** Open "Run on PostgreSQL…" for a saved definition, with the workspace's saved connection. */
  openPostgresRun(file: string): Promise<void>;
  closePostgresRun(): void;
  setPgField(field: keyof PgForm, value: string): void;
  setPgPassword(password: string): void;
  /** Save the connection (without the password) in the workspace, then count on the server. */
  runPostgresCount(): Promise<void>;
  cancelPostgresCount(): Promise<void>;
  /** Open the export dialog for the members on the server (after a count there). */
  openExportFromPostgres(): Promise<void>;
}

export interface ExportSlice {
  exportDialog: ExportDialogState;
  /** Export what the builder shows: a version viewed read-only, the saved file when unchanged, else the draft. */
  openExportFromBuilder(): void;
  /** Export a saved segment or scheme at its latest version. */
  openExportForFile(file: string): Promise<void>;
  /** Export exactly the rows a grid filter shows (an overlap cell, a flow group, a tier move), on its snapshot. */
  openExportForGridFilter(filter: GridSegmentFilter): Promise<void>;
  closeExport(): void;
  setExportFormat(format: ExportFormat): void;
  toggleExportColumn(name: string): void;
  setAllExportColumns(checked: boolean): void;
  /** Ask the platform where the file goes, then export there with progress; cancellable. */
  runExport(host: ExportHost): Promise<void>;
  cancelExport(): Promise<void>;
}
