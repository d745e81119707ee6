/**
 * Column profile panel: one column at a time (SPEC §11.5), the latest request wins.
 */
import { toUiError } from './errors';
import type { ProfileSlice, SliceCreator } from './types';

export const createProfileSlice: SliceCreator<ProfileSlice> = (deps) => (set, get) => ({
  profile: null,

  async openProfile(column) {
    const { selectedTable, selectedSnapshot } = get();
    if (!selectedTable) return;
    set({ profile: { column, status: 'loading', data: null, error: null } });
    const isCurrent = () => get().profile?.column === column && get().selectedTable === selectedTable;
    try {
      const data = await deps.api.profileColumn({ table: selectedTable, column, ...(selectedSnapshot ? { snapshot: selectedSnapshot } : {}) });
      if (isCurrent()) set({ profile: { column, status: 'ready', data, error: null } });
    } catch (err) {
      if (isCurrent()) set({ profile: { column, status: 'error', data: null, error: toUiError(err) } });
    }
  },

  closeProfile() {
    set({ profile: null });
  },
});
