/**
 * Data half of the API contract: workspaces, imports, snapshots, profiles, paged rows, jobs.
 * Request shapes are zod schemas (validated at every transport edge); results are plain types.
 * Wire values: numbers (BIGINT beyond ±2^53 as strings), DATE as 'YYYY-MM-DD', TIMESTAMP as ISO 8601
 * with 'Z', DECIMAL as number, NULL as null.
 */
import { z } from 'zod';
import { definitionTarget, memberFilters } from './definitionTarget';

export type CellValue = string | number | boolean | null;

export interface ColumnInfo {
  name: string;
  /** DuckDB type as DESCRIBE gives it, e.g. VARCHAR, DOUBLE, TIMESTAMP, DATE, BIGINT, BOOLEAN. */
  type: string;
}

export interface Fingerprint {
  rows: number;
  /** sha256 of the canonical schema (names and types in order). */
  schemaHash: string;
  /** Order-independent content hash. */
  contentHash: string;
}

export interface SnapshotInfo {
  id: string;
  table: string;
  /** As-of date, YYYY-MM-DD (default: the import's UTC date). */
  asOf: string;
  importedAt: string;
  sourceFile: string;
  rows: number;
  rejected: number;
  fingerprint: Fingerprint;
  /** DuckDB relation holding this snapshot's rows (quoted, schema-qualified). */
  relation: string;
}

export interface TableInfo {
  name: string;
  rows: number;
  columns: ColumnInfo[];
  /** Oldest first; the last one is what the table name shows. */
  snapshots: SnapshotInfo[];
}

export interface WorkspaceInfo {
  path: string;
  name: string;
  tables: TableInfo[];
}

export interface RejectRecord {
  /** Physical line (1-based) where the rejected record starts. */
  line: number | null;
  column: string | null;
  reason: string;
  raw: string | null;
}

/**
 * A text column most of whose values are of one type (docs/architecture.md, SPEC §10: a few bad values must not
 * silently
 * make a column text): "amount: 3 of 5,000 values are not numbers, lines 7, 19, 40".
 */
export interface TypeIssue {
  column: string;
  /** The type the other values have (BIGINT, DOUBLE, DATE or TIMESTAMP): the one to offer. */
  type: string;
  /** Non-blank values that are not of `type`, of `values` non-blank values. */
  bad: number;
  values: number;
  /** A few of those values and the lines (a sheet's rows) they are on, in file order. */
  examples: string[];
  lines: number[];
  /** Counted on the first rows only (a preview). */
  sampled: boolean;
}

export interface ImportReport {
  table: string;
  snapshot: SnapshotInfo;
  /** Records found in the file (loaded + rejected). */
  records: number;
  rows: number;
  rejected: number;
  /** First rejects (all are kept in the workspace; see getRejects). */
  rejects: RejectRecord[];
  warnings: string[];
  columns: ColumnInfo[];
  /** Blank or whitespace-only cells read as NULL, per column (only non-zero entries). */
  blanksAsNull: Record<string, number>;
  /** Duplicate values of the key column, when a key was given or guessed. */
  duplicateKeys?: { column: string; count: number; examples: string[] };
  /** Columns loaded as text because of a few values of another kind (choose a type to change that). */
  typeIssues?: TypeIssue[];
  /** Values of a chosen type's column that did not fit it and were loaded as NULL (`invalidValues: 'null'`). */
  invalidAsNull?: Record<string, number>;
}

export interface SniffReport {
  format: ImportFormat;
  encoding: Encoding;
  delimiter?: string;
  quote?: string;
  header?: boolean;
  sheets?: string[];
  columns: ColumnInfo[];
  preview: Record<string, CellValue>[];
  warnings: string[];
  /** Text columns that hold a few values of another kind than the rest (see TypeIssue). */
  typeIssues?: TypeIssue[];
}

export interface ColumnProfile {
  name: string;
  type: string;
  rows: number;
  nulls: number;
  /** Exact count of distinct non-NULL values. */
  distinct: number;
  min: CellValue;
  max: CellValue;
  histogram?: { lo: CellValue; hi: CellValue; count: number }[];
  top?: { value: CellValue; count: number }[];
}

/** A column's most frequent values (builder suggestions), exact on small tables, else from a sample. */
export interface TopValues {
  /** Most frequent first; on a sample, only values seen more than once (so a unique id column has none). */
  values: { value: CellValue; count: number }[];
  /** Rows the counts come from: the table's rows, or the sample's when `sampled`. */
  rows: number;
  sampled: boolean;
}

/** A small per-header distribution from a sample (docs/architecture.md, SPEC §11.5: never a whole-table SUMMARIZE). */
export interface HeaderSummary {
  name: string;
  type: string;
  /** Normalised bar heights 0..1, at most 12 bars. */
  bars: number[];
  nullShare: number;
}

export interface RowsPage {
  offset: number;
  rows: Record<string, CellValue>[];
  /** Rows of the view (after filters). */
  total: number;
  /** With `view.membership`: per row, whether it is a member of each listed definition (in order). */
  membership?: boolean[][];
  /** With `view.metrics`: per row, the named metrics' values (metric name → value). */
  metrics?: Record<string, CellValue>[];
}

/** A folder's sub-folders, for picking a workspace in a browser (the web host's folder picker). */
export interface FolderListing {
  path: string;
  /** null at the top of what may be browsed. */
  parent: string | null;
  /** This folder is a workspace (has workspace.json). */
  workspace: boolean;
  folders: { name: string; path: string; workspace: boolean }[];
  /** More folders than listed. */
  truncated: boolean;
}

export const importFormats = ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];
export const encodings = ['utf-8', 'utf-16le', 'utf-16be', 'latin-1', 'windows-1252'] as const;
export type Encoding = (typeof encodings)[number];

const name = z.string().min(1).max(255);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const jobId = z.string().min(1).max(100).optional();

/** A file to import: a path the Node side may read, or a file already uploaded into staging. */
export const fileRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('staged'), name: z.string().min(1).max(255) }),
]);
export type FileRef = z.infer<typeof fileRef>;

export const importOptions = z.object({
  table: name.optional(),
  asOf: isoDate.optional(),
  format: z.enum(importFormats).optional(),
  delimiter: z.string().min(1).max(4).optional(),
  quote: z.string().max(1).optional(),
  header: z.boolean().optional(),
  encoding: z.enum(encodings).optional(),
  sheet: z.string().max(255).optional(),
  nullTokens: z.array(z.string().max(100)).max(50).optional(),
  decimalComma: z.boolean().optional(),
  dateFormat: z.string().max(100).optional(),
  columnTypes: z.record(z.string(), z.string().max(100)).optional(),
  /**
   * What a value that does not fit its column's chosen type (`columnTypes`) becomes: its record is
   * rejected with the line and value (default), or the cell is loaded as NULL and counted. Blank and
   * whitespace-only cells are NULL either way.
   */
  invalidValues: z.enum(['reject', 'null']).optional(),
  /** Column to check for uniqueness. */
  key: name.optional(),
  /** Any reject fails the import and loads nothing. */
  strict: z.boolean().optional(),
});
export type ImportOptions = z.infer<typeof importOptions>;

/** Grid column filter: the same shape as a rule Condition (docs/rules.md, SPEC §3), restricted to simple ops. */
export const gridFilter = z.object({
  field: name,
  op: z.enum([
    'eq',
    'neq',
    'lt',
    'lte',
    'gt',
    'gte',
    'contains',
    'notContains',
    'startsWith',
    'endsWith',
    'isEmpty',
    'isNotEmpty',
    'in',
    'between',
  ]),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  values: z.array(z.union([z.string(), z.number()])).optional(),
  min: z.union([z.string(), z.number()]).optional(),
  max: z.union([z.string(), z.number()]).optional(),
});
export type GridFilter = z.infer<typeof gridFilter>;

const sortDir = z.enum(['asc', 'desc']);
export const sortSpec = z.array(z.object({ column: name, dir: sortDir })).max(8);
/** Sort by columns of the table. */
export type SortSpec = z.infer<typeof sortSpec>;
/**
 * A view's sort: columns of the table, or a definition's membership (a ✓ column: members last
 * ascending, as false sorts before true).
 */
export const viewSort = z
  .array(z.union([z.object({ column: name, dir: sortDir }), z.object({ member: definitionTarget, dir: sortDir })]))
  .max(8);
export type ViewSort = z.infer<typeof viewSort>;

export const viewSpec = z.object({
  table: name,
  snapshot: z.string().optional(),
  sort: viewSort.default([]),
  filters: z.array(gridFilter).max(100).default([]),
  /** Only the members of this segment (or a scheme's named tiers); its entity table must be `table`. */
  segment: definitionTarget.optional(),
  /** Rows also / never in other definitions, or (not) among another snapshot's members (memberFilters). */
  ...memberFilters,
  /** Membership flags of these definitions, computed on each page's rows only (docs/architecture.md, SPEC §11.4). */
  membership: z.array(definitionTarget).max(16).optional(),
  /** Values of a definition's metrics for each page's rows (extra grid columns). */
  metrics: z.object({ definition: definitionTarget, names: z.array(name).min(1).max(50) }).optional(),
});
export type ViewSpec = z.input<typeof viewSpec>;

export const dataMethods = {
  getWorkspace: z.object({}),
  openWorkspace: z.object({ path: z.string().min(1).max(4096), create: z.boolean().optional() }),
  createDemoWorkspace: z.object({
    path: z.string().min(1).max(4096),
    rows: z.number().int().positive().max(50_000_000).optional(),
  }),
  /** Workspaces opened before, newest first, that still exist (kept in the app's settings). */
  recentWorkspaces: z.object({}),
  /** Sub-folders of `path` (default the home folder), inside the home folder only. */
  browseFolders: z.object({ path: z.string().min(1).max(4096).optional() }),
  listTables: z.object({}),
  sniffFile: z.object({ file: fileRef, options: importOptions.optional() }),
  importFile: z.object({ file: fileRef, options: importOptions.optional(), jobId }),
  getRejects: z.object({
    table: name,
    snapshot: z.string().optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(10_000).default(100),
  }),
  /** With `view` (the grid's view of `table`): only the rows it shows, after its filters and members. */
  profileColumn: z.object({
    table: name,
    snapshot: z.string().optional(),
    column: name,
    view: viewSpec.optional(),
    jobId,
  }),
  headerSummaries: z.object({ table: name, snapshot: z.string().optional() }),
  /** The column's most frequent non-NULL values: cheap at any size (a sample past 200,000 rows). */
  topValues: z.object({
    table: name,
    snapshot: z.string().optional(),
    column: name,
    limit: z.number().int().min(1).max(100).default(20),
    jobId,
  }),
  /** Prepare a view (sort permutation, filter) so any page is fast; returns its row count. Long: has progress. */
  prepareView: z.object({ view: viewSpec, jobId }),
  getRows: z.object({ view: viewSpec, offset: z.number().int().min(0), limit: z.number().int().min(1).max(5000) }),
  cancelJob: z.object({ jobId: z.string().min(1).max(100) }),
} as const;

export interface DataApi {
  getWorkspace(req: z.input<typeof dataMethods.getWorkspace>): Promise<WorkspaceInfo | null>;
  openWorkspace(req: z.input<typeof dataMethods.openWorkspace>): Promise<WorkspaceInfo>;
  createDemoWorkspace(req: z.input<typeof dataMethods.createDemoWorkspace>): Promise<WorkspaceInfo>;
  recentWorkspaces(req: z.input<typeof dataMethods.recentWorkspaces>): Promise<string[]>;
  browseFolders(req: z.input<typeof dataMethods.browseFolders>): Promise<FolderListing>;
  listTables(req: z.input<typeof dataMethods.listTables>): Promise<TableInfo[]>;
  sniffFile(req: z.input<typeof dataMethods.sniffFile>): Promise<SniffReport>;
  importFile(req: z.input<typeof dataMethods.importFile>): Promise<ImportReport>;
  getRejects(req: z.input<typeof dataMethods.getRejects>): Promise<{ total: number; rejects: RejectRecord[] }>;
  profileColumn(req: z.input<typeof dataMethods.profileColumn>): Promise<ColumnProfile>;
  headerSummaries(req: z.input<typeof dataMethods.headerSummaries>): Promise<HeaderSummary[]>;
  topValues(req: z.input<typeof dataMethods.topValues>): Promise<TopValues>;
  prepareView(req: z.input<typeof dataMethods.prepareView>): Promise<{ total: number }>;
  getRows(req: z.input<typeof dataMethods.getRows>): Promise<RowsPage>;
  cancelJob(req: z.input<typeof dataMethods.cancelJob>): Promise<{ cancelled: boolean }>;
}
