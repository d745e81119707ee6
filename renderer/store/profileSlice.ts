/**
 * Column profile panel: one column at a time (docs/architecture.md, SPEC §11.5), the latest request wins. It profiles
 * the
 * rows the grid shows: with a filter, members-only view or ✓ filter, only those rows (the view's
 * permutation, reused by the engine), and it follows the grid when its view changes (gridSlice).
 */
import { toUiError } from './errors';
import type { PreparedView } from './gridTypes';
import type { ProfileSlice } from './profileTypes';
import type { SliceCreator, WorkbenchState } from './types';
import { viewSummary } from './viewSummary';

/** The grid's view when it narrows the rows of the selected table (sort kept: its build is reused). */
function narrowing(s: WorkbenchState): PreparedView | null {
  const v = s.shownView;
  if (!v || v.table !== s.selectedTable || (v.snapshot ?? null) !== (s.selectedSnapshot ?? null)) return null;
  if (!v.filters.length && !v.segment && !v.alsoIn?.length && !v.notIn?.length && !v.keysAt?.length) return null;
  // Per-page extras do not change which rows the view has.
  const { membership: _membership, metrics: _metrics, ...rows } = v;
  return rows;
}

export const createProfileSlice: SliceCreator<ProfileSlice> = (deps) => (set, get) => ({
  profile: null,

  async openProfile(column) {
    const { selectedTable, selectedSnapshot } = get();
    if (!selectedTable) return;
    const view = narrowing(get());
    const scope = view ? (viewSummary(get())?.qualifiers.join(' · ') ?? null) : null;
    const req = {
      table: selectedTable,
      column,
      ...(selectedSnapshot ? { snapshot: selectedSnapshot } : {}),
      ...(view ? { view } : {}),
    };
    const key = JSON.stringify(req);
    set({ profile: { column, status: 'loading', data: null, error: null, scope, key } });
    const isCurrent = () => get().profile?.key === key && get().selectedTable === selectedTable;
    try {
      const data = await deps.api.profileColumn(req);
      if (isCurrent()) set({ profile: { column, status: 'ready', data, error: null, scope, key } });
    } catch (err) {
      if (isCurrent()) set({ profile: { column, status: 'error', data: null, error: toUiError(err), scope, key } });
    }
  },

  closeProfile() {
    set({ profile: null });
  },
});
