/**
 * What follows what, wired once when the store is made (store subscriptions, not component
 * effects, so it holds whichever panels are on screen):
 * - the draft's ✓ column, grid filter and metric columns follow the draft after a pause in editing;
 * - the grid's saved-segment filter and ✓ columns follow the segments list (renamed, deleted, new version);
 * - an open threshold explorer asks again when the draft or the grid's table or snapshot changes (after
 *   a pause of its own; nothing is asked when what the curve depends on is as it was).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { WorkbenchState } from './types';

/** Not per keystroke: the ✓ column rebuilds the view. */
export const DRAFT_SYNC_MS = 500;

/** Call `run` whenever one of the values `pick` reads from the state changes identity. */
type Store = StoreApi<WorkbenchState>;

function onChange(store: Store, pick: (s: WorkbenchState) => readonly unknown[], run: () => void): () => void {
  return store.subscribe((s, prev) => {
    const now = pick(s);
    const before = pick(prev);
    if (now.some((v, i) => v !== before[i])) run();
  });
}

/** Wires the subscriptions; returns their disposer. */
export function wireSyncing(store: Store): () => void {
  let draftTimer: ReturnType<typeof setTimeout> | null = null;
  const offs = [
    onChange(
      store,
      (s) => [s.builder?.definition],
      () => {
        if (draftTimer) clearTimeout(draftTimer);
        draftTimer = setTimeout(() => {
          draftTimer = null;
          store.getState().syncDraftColumns();
        }, DRAFT_SYNC_MS);
      },
    ),
    onChange(
      store,
      (s) => [s.segments],
      () => store.getState().syncSavedSegments(),
    ),
    onChange(
      store,
      (s) => [s.builder?.definition, s.selectedTable, s.selectedSnapshot],
      () => {
        store.getState().refreshThreshold();
      },
    ),
  ];
  return () => {
    if (draftTimer) clearTimeout(draftTimer);
    for (const off of offs) off();
  };
}
