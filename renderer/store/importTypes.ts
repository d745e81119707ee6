/**
 * The import dialog slice's state and actions.
 */
import type { FileRef, ImportOptions, ImportReport, RejectRecord, SniffReport } from '../../shared/api/dataApi';
import type { PickedFile } from '../platform/files';
import type { UiError } from './errors';

export type ImportPhase = 'choose' | 'staging' | 'sniffing' | 'ready' | 'importing' | 'done' | 'error';

/** The overrides the dialog offers (a subset of ImportOptions). */
export type ImportOverrides = Pick<
  ImportOptions,
  'table' | 'delimiter' | 'header' | 'encoding' | 'sheet' | 'asOf' | 'columnTypes' | 'invalidValues'
>;

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
