/**
 * Workspace and sources: the open workspace, its tables (with snapshots) and which one the grid shows.
 * Loading a workspace also lists its saved comparisons and brings back the one that was open.
 * Selecting a table resets the view (sort, filters) and bumps the grid epoch so cached blocks go.
 */
import type { SliceCreator } from './types';
import type { WorkspaceSlice } from './workspaceTypes';
import { toUiError } from './errors';

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (deps) => (set, get) => ({
  workspace: null,
  tables: [],
  selectedTable: null,
  selectedSnapshot: null,
  workspaceStatus: 'idle',
  workspaceError: null,

  async loadWorkspace() {
    set({ workspaceStatus: 'loading', workspaceError: null });
    try {
      const workspace = await deps.api.getWorkspace({});
      const tables = workspace ? await deps.api.listTables({}) : [];
      set({ workspace, tables, workspaceStatus: 'ready' });
      // The segments list names a comparison's columns and their tables: restoring waits for it.
      const segmentsLoaded = workspace
        ? get()
            .loadSegments()
            .catch(() => undefined)
        : Promise.resolve();
      if (workspace) void get().loadComparisons();
      const { selectedTable } = get();
      const keep = selectedTable !== null && tables.some((t) => t.name === selectedTable);
      if (!keep) {
        const first = tables[0];
        if (first) get().selectTable(first.name, null);
        else set({ selectedTable: null, selectedSnapshot: null });
      } else {
        get().invalidateView();
      }
      // A reload may bring new data (an import, an engine restart): an open comparison and the Over time view follow.
      get().refreshCompare();
      get().refreshOverTime();
      // After the grid's table is chosen (the comparison runs on the snapshot the grid shows) and the
      // segments list is in (it names the comparison's columns and their table).
      await segmentsLoaded;
      if (workspace) void get().restoreComparison();
    } catch (err) {
      set({ workspaceStatus: 'error', workspaceError: toUiError(err) });
    }
  },

  async openWorkspace(path, create = false) {
    set({ workspaceStatus: 'loading', workspaceError: null });
    try {
      await deps.api.openWorkspace({ path, ...(create ? { create: true } : {}) });
      set({
        builder: null,
        profile: null,
        selectedTable: null,
        selectedSnapshot: null,
        compare: null,
        compareSelection: [],
        compareAnchor: null,
        comparisons: [],
        mainTab: 'grid',
        gridSegment: null,
        overTime: null,
        stability: {},
        threshold: null,
      });
      await get().loadWorkspace();
    } catch (err) {
      set({ workspaceStatus: 'error', workspaceError: toUiError(err) });
    }
  },

  async recentWorkspaces() {
    return deps.api.recentWorkspaces({}).catch(() => []);
  },

  browseFolders(path) {
    return deps.api.browseFolders(path ? { path } : {});
  },

  async refreshAfterImport(table) {
    try {
      const tables = await deps.api.listTables({});
      set({ tables });
      // New snapshots change the pair the sidebar's stability compares and what the Over time view shows.
      void get().refreshStability();
      get().refreshOverTime();
    } catch (err) {
      set({ workspaceError: toUiError(err) });
    }
    // The grid shows the imported table at its new latest snapshot; cached blocks are stale either way.
    get().invalidateView();
    const s = get();
    if (s.selectedTable === table) set({ selectedSnapshot: null });
    else s.selectTable(table, null);
    void get().loadHeaderSummaries();
  },

  selectTable(name, snapshot = null) {
    const s = get();
    if (s.selectedTable === name && s.selectedSnapshot === snapshot) return;
    s.invalidateView();
    // A flow group or tier move is about one snapshot: on another it would mean nothing.
    const pinned = s.gridSegment?.snapshot;
    const shown = snapshot ?? s.tables.find((t) => t.name === name)?.snapshots.at(-1)?.id ?? null;
    if (pinned !== undefined && (s.gridSegment?.table !== name || pinned !== shown)) set({ gridSegment: null });
    set({
      selectedTable: name,
      selectedSnapshot: snapshot,
      sort: [],
      filters: [],
      viewTotal: null,
      shownView: null,
      viewError: null,
      headerSummaries: {},
      profile: null,
    });
    void get().loadHeaderSummaries();
    if (get().builder?.definition.entity.table === name) get().recount();
    // The comparison runs on the snapshot the grid shows for its table.
    if (get().compare?.table === name) get().refreshCompare();
  },
});
