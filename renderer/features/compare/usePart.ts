/**
 * A compare section's part as the view shows it: the answer (the previous one, dimmed, while a new
 * one is computed), whether it is being computed, why it failed, and the column names.
 */
import type { ComparePart, ComparePartResults } from '../../store/compareTypes';
import { useWorkbench, useWorkbenchShallow } from '../../store/react';

const NO_NAMES: string[] = [];

export function usePart<K extends ComparePart>(
  part: K,
): { result: ComparePartResults[K] | null; busy: boolean; error: string | null; names: string[] } {
  const state = useWorkbench((s) => s.compare?.parts[part] ?? null);
  const names = useWorkbenchShallow((s) => s.compare?.base?.result.segments.map((c) => c.name) ?? NO_NAMES);
  return {
    result: (state?.result ?? null) as ComparePartResults[K] | null,
    busy: state?.status === 'loading',
    error: state?.status === 'error' ? (state.error?.message ?? 'could not be computed') : null,
    names,
  };
}
