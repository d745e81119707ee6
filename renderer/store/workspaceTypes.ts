/**
 * The workspace slice's state and actions: the open workspace, its tables, the table the grid shows.
 */
import type { FolderListing, TableInfo, WorkspaceInfo } from '../../shared/api/dataApi';
import type { UiError } from './errors';

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
