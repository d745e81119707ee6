/**
 * The comparison that was open, kept in the store's storage so a reload brings it back: the
 * workspace it belongs to, the saved file (read again from disk on restore) or, for one not saved,
 * its state, and whether the Compare tab was showing.
 */
import { comparisonState, type ComparisonState } from '../../../shared/api/compareApi';
import type { CompareView, MainTab } from '../compareTypes';
import type { KeyValueStorage } from '../types';
import { comparisonStateOf } from './request';

export const LAST_COMPARISON_KEY = 'segwb.compare.last';

export interface LastComparison {
  workspace: string;
  tab: MainTab;
  file: string | null;
  state: ComparisonState | null;
}

export function writeLastComparison(
  storage: KeyValueStorage | null,
  workspace: string | null,
  view: CompareView | null,
  tab: MainTab,
): void {
  if (!storage || !workspace) return;
  const has = view !== null && view.targets.length > 0;
  const last: LastComparison = {
    workspace,
    tab: has ? tab : 'grid',
    file: has ? (view.saved?.file ?? null) : null,
    state: has ? comparisonStateOf(view) : null,
  };
  try {
    storage.setItem(LAST_COMPARISON_KEY, JSON.stringify(last));
  } catch {
    // Storage full or denied: only the restore after a reload is lost.
  }
}

/** The stored comparison of this workspace, validated (a stale or edited entry is ignored). */
export function readLastComparison(storage: KeyValueStorage | null, workspace: string): LastComparison | null {
  const text = storage?.getItem(LAST_COMPARISON_KEY);
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as Partial<LastComparison>;
    if (raw.workspace !== workspace) return null;
    const state = raw.state ? comparisonState.safeParse(raw.state) : null;
    return {
      workspace,
      tab: raw.tab === 'compare' ? 'compare' : 'grid',
      file: typeof raw.file === 'string' ? raw.file : null,
      state: state?.success ? state.data : null,
    };
  } catch {
    return null;
  }
}
