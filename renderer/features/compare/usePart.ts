/**
 * A compare section's part as the view shows it: the answer (the previous one, dimmed, while a new
 * one is computed), whether it is being computed, why it failed, the column names and colours.
 */
import { columnColorKey } from '../../charts/segmentColors';
import type { ComparePart, ComparePartResults } from '../../store/compareTypes';
import { useWorkbench, useWorkbenchShallow } from '../../store/react';
import { useViewColors } from '../segments/useSegmentColors';

const NO_NAMES: string[] = [];

export function usePart<K extends ComparePart>(
  part: K,
): { result: ComparePartResults[K] | null; busy: boolean; error: string | null; names: string[]; colors: string[] } {
  const state = useWorkbench((s) => s.compare?.parts[part] ?? null);
  const names = useWorkbenchShallow((s) => s.compare?.base?.result.segments.map((c) => c.name) ?? NO_NAMES);
  const colors = useCompareColors();
  return {
    result: (state?.result ?? null) as ComparePartResults[K] | null,
    busy: state?.status === 'loading',
    error: state?.status === 'error' ? (state.error?.message ?? 'could not be computed') : null,
    names,
    colors,
  };
}

/** The colour of each column of the comparison's answer, in column order (segmentColors.ts). */
export function useCompareColors(): string[] {
  const keys = useWorkbenchShallow((s) => s.compare?.base?.result.segments.map(columnColorKey) ?? NO_NAMES);
  return useViewColors(keys);
}
