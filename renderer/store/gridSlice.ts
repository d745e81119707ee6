/**
 * The grid's view: sort and filters pushed down to DuckDB through prepareView (built once per view,
 * with progress and cancel) and getRows (one block at a time). A newer view cancels the build of an
 * older one, so quick successive sorts never queue work. Rows are returned, never stored.
 * Segment parts (gridSegments.ts: members-only filter, membership and metric columns) are part of
 * the view; changing them drops the grid's blocks (a new epoch).
 */
import type { GridFilter, SortSpec } from '../../shared/api/dataApi';
import { isInterrupted, toUiError } from './errors';
import { dropOtherTableDraft, followSaved, memberViewParts, metricsTarget, segmentParts } from './gridSegments';
import type { GridSlice, PreparedView } from './gridTypes';
import type { SliceCreator } from './types';

export function viewKey(view: PreparedView): string {
  return JSON.stringify([
    view.table,
    view.snapshot ?? null,
    view.sort,
    view.filters,
    view.segment ?? null,
    view.alsoIn ?? null,
    view.notIn ?? null,
    view.keysAt ?? null,
    view.membership ?? null,
    view.metrics ?? null,
  ]);
}

export const createGridSlice: SliceCreator<GridSlice> = (deps) => (set, get) => {
  // Per-store caches (closure, not state: promises are not UI data).
  let inflight: { key: string; jobId: string; promise: Promise<{ view: PreparedView; total: number }> } | null = null;
  let prepared: { key: string; total: number } | null = null;

  return {
    sort: [],
    filters: [],
    viewTotal: null,
    shownView: null,
    viewBuild: null,
    viewError: null,
    gridEpoch: 0,
    headerSummaries: {},
    gridSegment: null,
    membershipColumns: [],
    gridMetrics: null,

    setGridSegment(filter) {
      if (JSON.stringify(filter) === JSON.stringify(get().gridSegment)) return;
      set({ gridSegment: filter });
      get().invalidateView();
    },

    toggleMembershipColumn(column) {
      const cols = get().membershipColumns;
      // The draft has one ✓ column: on another table it is another (older) draft's, so it is replaced.
      const on = cols.some((c) => c.file === column.file && c.table === column.table);
      const others = cols.filter((c) => c.file !== column.file);
      set({ membershipColumns: on ? others : [...others, column] });
      get().invalidateView();
    },

    toggleMetricColumn(name) {
      const b = get().builder;
      if (!b) return;
      const table = b.definition.entity.table;
      const current = get().gridMetrics?.table === table ? get().gridMetrics!.names : [];
      const names = current.includes(name) ? current.filter((n) => n !== name) : [...current, name];
      set({ gridMetrics: names.length ? { table, target: metricsTarget(b.definition), names } : null });
      get().invalidateView();
    },

    syncDraftColumns() {
      const { builder: b, gridMetrics } = get();
      if (!b) return;
      const table = b.definition.entity.table;
      // The draft's filter and ✓ column on another table than the draft's are an earlier draft's (the
      // builder opened another definition, or the entity changed): they cannot follow, so they go.
      const stale = dropOtherTableDraft(get(), table);
      if (stale) set(stale);
      // A draft with errors would only fail the view: the grid keeps the last valid draft.
      if (b.diagnostics.some((d) => d.severity === 'error')) {
        if (stale) get().invalidateView();
        return;
      }
      const { gridSegment } = get();
      const definition = b.definition;
      let changed = stale !== null;
      /** Apply `next` when it differs from `current` (one view rebuild for all the parts that moved). */
      const follow = <T>(current: T, next: T, apply: (v: T) => void) => {
        if (JSON.stringify(next) === JSON.stringify(current)) return;
        apply(next);
        changed = true;
      };
      if (gridSegment?.source === 'draft' && gridSegment.table === table) {
        follow(gridSegment, { ...gridSegment, label: b.name, target: { definition } }, (next) =>
          set({ gridSegment: next }),
        );
      }
      const cols = get().membershipColumns;
      const draftCol = cols.find((c) => c.draft);
      if (draftCol && draftCol.table === table) {
        follow(draftCol, { ...draftCol, label: b.name, draft: definition }, (next) =>
          set({ membershipColumns: cols.map((c) => (c === draftCol ? next : c)) }),
        );
      }
      if (gridMetrics?.table === table) {
        const present = new Set((b.definition.metrics ?? []).map((m) => m.name));
        const names = gridMetrics.names.filter((n) => present.has(n));
        follow<typeof gridMetrics | null>(
          gridMetrics,
          names.length ? { table, target: metricsTarget(b.definition), names } : null,
          (next) => set({ gridMetrics: next }),
        );
      }
      if (changed) get().invalidateView();
    },

    syncSavedSegments() {
      const { segments, gridSegment, membershipColumns } = get();
      let changed = false;
      if (gridSegment?.source === 'file' && gridSegment.target.file) {
        const f = followSaved(gridSegment, gridSegment.target.file, segments);
        if (!f || !f.same) {
          const s = f?.summary;
          set({ gridSegment: s ? { ...gridSegment, label: s.name, hash: s.hash, target: { file: s.file } } : null });
          changed = true;
        }
      }
      const cols = membershipColumns.flatMap((c) => {
        if (c.draft) return [c];
        const f = followSaved(c, c.file, segments);
        if (!f) return [];
        return [f.same ? c : { ...c, file: f.summary.file, label: f.summary.name, hash: f.summary.hash }];
      });
      if (cols.length !== membershipColumns.length || cols.some((c, i) => c !== membershipColumns[i])) {
        set({ membershipColumns: cols });
        changed = true;
      }
      if (changed) get().invalidateView();
    },

    prepareView(sort: SortSpec, filters: GridFilter[]) {
      const { selectedTable, selectedSnapshot } = get();
      if (!selectedTable) return Promise.reject(new Error('no table selected'));
      const shown =
        selectedSnapshot ??
        get()
          .tables.find((t) => t.name === selectedTable)
          ?.snapshots.at(-1)?.id ??
        null;
      const parts = segmentParts(selectedTable, get(), shown);
      const members = memberViewParts(selectedTable, sort, filters, get().membershipColumns);
      const alsoIn = [...(parts.alsoIn ?? []), ...members.alsoIn];
      const notIn = [...(parts.notIn ?? []), ...members.notIn];
      const view: PreparedView = {
        table: selectedTable,
        ...(selectedSnapshot ? { snapshot: selectedSnapshot } : {}),
        ...parts,
        sort: members.sort,
        filters: members.filters,
        ...(alsoIn.length ? { alsoIn } : {}),
        ...(notIn.length ? { notIn } : {}),
      };
      const key = viewKey(view);
      if (prepared?.key === key) {
        const last = get().shownView;
        if (!last || viewKey(last) !== key) set({ viewTotal: prepared.total, sort, filters, shownView: view });
        return Promise.resolve({ view, total: prepared.total });
      }
      if (inflight?.key === key) return inflight.promise;
      if (inflight) void deps.api.cancelJob({ jobId: inflight.jobId }).catch(() => undefined);
      const jobId = deps.newJobId();
      set({ viewBuild: { jobId, fraction: null, message: 'Preparing view' }, viewError: null });
      const promise = deps.api.prepareView({ view, jobId }).then(
        ({ total }) => {
          if (inflight?.jobId === jobId) inflight = null;
          prepared = { key, total };
          // sort/filters record the last view that was built: a cancelled build reverts the grid to them.
          if (get().viewBuild?.jobId === jobId) {
            set({ viewBuild: null, viewTotal: total, sort, filters, shownView: view });
            // The open column profile follows the rows the grid shows.
            const open = get().profile;
            if (open) void get().openProfile(open.column);
          }
          return { view, total };
        },
        (err: unknown) => {
          if (inflight?.jobId === jobId) inflight = null;
          if (get().viewBuild?.jobId === jobId) set({ viewBuild: null, viewError: toUiError(err) });
          throw err;
        },
      );
      inflight = { key, jobId, promise };
      return promise;
    },

    async fetchRows(view, offset, limit) {
      try {
        return await deps.api.getRows({ view, offset, limit });
      } catch (err) {
        if (!isInterrupted(err)) set({ viewError: toUiError(err) });
        throw err;
      }
    },

    async cancelViewBuild() {
      const build = get().viewBuild;
      if (!build) return;
      await deps.api.cancelJob({ jobId: build.jobId }).catch(() => undefined);
    },

    invalidateView() {
      if (inflight) void deps.api.cancelJob({ jobId: inflight.jobId }).catch(() => undefined);
      inflight = null;
      prepared = null;
      set((s) => ({ gridEpoch: s.gridEpoch + 1, viewBuild: null, viewError: null }));
    },

    async loadHeaderSummaries() {
      const { selectedTable, selectedSnapshot } = get();
      if (!selectedTable) return;
      try {
        const list = await deps.api.headerSummaries({
          table: selectedTable,
          ...(selectedSnapshot ? { snapshot: selectedSnapshot } : {}),
        });
        if (get().selectedTable !== selectedTable || get().selectedSnapshot !== selectedSnapshot) return;
        set({ headerSummaries: Object.fromEntries(list.map((h) => [h.name, h])) });
      } catch {
        // Header sparklines are decoration: the grid works without them.
      }
    },
  };
};
