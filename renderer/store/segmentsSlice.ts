/**
 * The workspace's segment and scheme definitions with their counts (schemes: per tier) on the
 * latest snapshot. Counts arrive after
 * the list (one countSegments call), so the list shows at once and numbers fill in.
 * Rename, delete (to the workspace's trash, with the last deletion kept for undo) and restore; an
 * open builder follows a rename of its file and closes when its file is deleted.
 */
import { toUiError } from './errors';
import type { SegmentCount, SegmentsSlice } from './segmentsTypes';
import type { SliceCreator } from './types';

export const createSegmentsSlice: SliceCreator<SegmentsSlice> = (deps) => (set, get) => {
  let seq = 0;
  return {
    segments: [],
    schemes: [],
    segmentCounts: {},
    segmentsError: null,
    trash: [],
    lastDeleted: null,
    segmentActionError: null,

    async loadSegments() {
      const mine = ++seq;
      try {
        const all = await deps.api.listDefinitions({});
        const segments = all.filter((d) => d.kind === 'segment');
        const schemes = all.filter((d) => d.kind === 'scheme');
        if (mine !== seq) return;
        const loading: Record<string, SegmentCount> = {};
        for (const s of [...segments, ...schemes])
          loading[s.file] = {
            status: s.valid ? 'loading' : 'error',
            count: null,
            share: null,
            error: s.valid ? null : `${s.errors} problem(s) in the file`,
          };
        const hasTable = (s: { entityTable: string | null }) => get().tables.some((t) => t.name === s.entityTable);
        for (const s of [...segments, ...schemes]) {
          if (s.valid && !hasTable(s))
            loading[s.file] = {
              status: 'error',
              count: null,
              share: null,
              error: `table '${s.entityTable ?? '?'}' is not in this workspace`,
            };
        }
        set({ segments, schemes, segmentCounts: loading, segmentsError: null });
        // A compared definition may have a new version (or be gone): the comparison and the Over time view follow.
        get().refreshCompare();
        get().refreshOverTime();
        const runnable = [...segments, ...schemes].filter((s) => s.valid && hasTable(s));
        if (runnable.length === 0) return;
        const results = await Promise.allSettled(
          runnable.map((s) => deps.api.countSegment({ target: { file: s.file } })),
        );
        if (mine !== seq) return;
        const counts = { ...get().segmentCounts };
        runnable.forEach((s, i) => {
          const r = results[i]!;
          counts[s.file] =
            r.status === 'fulfilled'
              ? {
                  status: 'ready',
                  count: r.value.count,
                  share: r.value.share,
                  error: null,
                  ...(r.value.tiers ? { tiers: r.value.tiers } : {}),
                }
              : { status: 'error', count: null, share: null, error: toUiError(r.reason).message };
        });
        set({ segmentCounts: counts });
        // After the counts: the stability figures are the sidebar's second line of news.
        void get().refreshStability();
      } catch (err) {
        if (mine === seq) set({ segmentsError: toUiError(err) });
      }
    },

    async renameSegment(file, name) {
      const current = [...get().segments, ...get().schemes].find((s) => s.file === file);
      if (current && current.name === name.trim()) return null;
      try {
        const r = await deps.api.renameDefinition({ file, name });
        const b = get().builder;
        if (b && (b.file === r.previousFile || b.sourceFile === r.previousFile)) {
          const savedMeta = b.savedMeta ? { ...b.savedMeta, name: r.name } : null;
          set({
            builder: {
              ...b,
              file: b.file === r.previousFile ? r.file : b.file,
              sourceFile: b.sourceFile === r.previousFile ? r.file : b.sourceFile,
              name: r.name,
              savedMeta,
            },
          });
        }
        set({ segmentActionError: null });
        await get().loadSegments();
        return null;
      } catch (err) {
        return toUiError(err);
      }
    },

    async deleteSegment(file) {
      try {
        const entry = await deps.api.deleteDefinition({ file });
        if (get().builder?.file === file) get().closeBuilder();
        set({
          lastDeleted: entry,
          segmentActionError: null,
          trash: [entry, ...get().trash.filter((t) => t.trashFile !== entry.trashFile)],
        });
      } catch (err) {
        set({ segmentActionError: toUiError(err) });
      }
      await get().loadSegments();
    },

    async restoreSegment(trashFile) {
      try {
        await deps.api.restoreDefinition({ trashFile });
        set({
          segmentActionError: null,
          trash: get().trash.filter((t) => t.trashFile !== trashFile),
          ...(get().lastDeleted?.trashFile === trashFile ? { lastDeleted: null } : {}),
        });
      } catch (err) {
        set({ segmentActionError: toUiError(err) });
      }
      await get().loadSegments();
    },

    async loadTrash() {
      try {
        set({ trash: await deps.api.listTrash({}) });
      } catch (err) {
        set({ segmentActionError: toUiError(err) });
      }
    },

    dismissDeleted() {
      set({ lastDeleted: null });
    },
  };
};
