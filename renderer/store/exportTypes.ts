/**
 * The export dialog slice's state and actions.
 */
import type { ViewSpec } from '../../shared/api/dataApi';
import type { DefinitionTarget, ExportFormat } from '../../shared/api/segmentsApi';
import type { ExportHost } from '../platform/exports';
import type { UiError } from './errors';
import type { GridSegmentFilter } from './gridSegments';

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
  /**
   * The members narrowed to the rows a grid filter shows (an overlap cell, a flow group, a tier move), named for the
   * user.
   */
  narrow: {
    label: string;
    alsoIn?: DefinitionTarget[];
    notIn?: DefinitionTarget[];
    keysAt?: NonNullable<ViewSpec['keysAt']>;
  } | null;
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
