/**
 * Saved comparisons (issue 8 §2): named files in the workspace holding what a comparison shows
 * (targets, measures, dimension, chart choices). Listed, opened, saved (over the open one, or as a
 * new one), renamed and deleted through the API; the open comparison follows a rename or deletion
 * of its file. After the workspace loads, the comparison that was open comes back (once per
 * workspace: a reconnect does not replace what is on screen).
 */
import { readLastComparison, writeLastComparison } from './compare/lastComparison';
import { comparisonStateOf, keyOf } from './compare/request';
import type { ComparisonsSlice } from './compareTypes';
import { toUiError } from './errors';
import type { SliceCreator } from './types';

export const createComparisonsSlice: SliceCreator<ComparisonsSlice> = (deps) => (set, get) => {
  let restoredFor: string | null = null;
  const persist = () => writeLastComparison(deps.storage, get().workspace?.path ?? null, get().compare, get().mainTab);
  const setSaved = (saved: { file: string; name: string } | null, savedJson: string | null) => {
    const v = get().compare;
    if (v) set({ compare: { ...v, saved, savedJson } });
    persist();
  };

  return {
    comparisons: [],
    comparisonsError: null,

    async loadComparisons() {
      try {
        set({ comparisons: await deps.api.listComparisons({}), comparisonsError: null });
      } catch (err) {
        set({ comparisonsError: toUiError(err) });
      }
    },

    async saveComparison(name, asNew = false) {
      const v = get().compare;
      if (!v || v.targets.length === 0) return null;
      const state = comparisonStateOf(v);
      const file = !asNew && v.saved ? v.saved.file : undefined;
      try {
        const r = await deps.api.saveComparison({ ...(file ? { file } : {}), name, state });
        // Edits made while saving stay unsaved changes: savedJson is what was saved.
        setSaved({ file: r.file, name: r.name }, keyOf(state));
        await get().loadComparisons();
        return null;
      } catch (err) {
        return toUiError(err);
      }
    },

    async openComparison(file) {
      try {
        const doc = await deps.api.readComparison({ file });
        get().openComparisonState(doc.state, { file: doc.file, name: doc.name });
        set({ comparisonsError: null });
      } catch (err) {
        set({ comparisonsError: toUiError(err) });
      }
    },

    async renameComparison(file, name) {
      try {
        const r = await deps.api.renameComparison({ file, name });
        const v = get().compare;
        if (v?.saved?.file === file) setSaved({ file: r.file, name: r.name }, v.savedJson);
        await get().loadComparisons();
        return null;
      } catch (err) {
        return toUiError(err);
      }
    },

    async deleteComparison(file) {
      try {
        await deps.api.deleteComparison({ file });
        // The open view stays, now unsaved.
        if (get().compare?.saved?.file === file) setSaved(null, null);
        set({ comparisonsError: null });
      } catch (err) {
        set({ comparisonsError: toUiError(err) });
      }
      await get().loadComparisons();
    },

    async restoreComparison() {
      const ws = get().workspace?.path;
      if (!ws || restoredFor === ws) return;
      restoredFor = ws;
      const last = readLastComparison(deps.storage, ws);
      if (!last || get().compare) return;
      if (last.file) {
        try {
          const doc = await deps.api.readComparison({ file: last.file });
          if (!get().compare) get().openComparisonState(doc.state, { file: doc.file, name: doc.name }, last.tab);
          return;
        } catch {
          // The file is gone or unreadable: fall back to the state kept with it.
        }
      }
      if (last.state && !get().compare) get().openComparisonState(last.state, null, last.tab);
    },
  };
};
