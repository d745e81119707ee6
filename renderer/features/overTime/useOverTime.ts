/**
 * What a section of the Over time view shows: its answer (the previous one, dimmed, while a new one
 * is computed), whether it is being computed, why it failed, and — when it cannot be asked for at
 * all — the reason, from the same plan the store asks with (overTime/request.ts).
 */
import { planSection } from '../../store/overTime/request';
import { snapshotRefs, type SnapshotRef } from '../../store/overTime/targets';
import type { OverTimeResults, OverTimeSection } from '../../store/overTimeTypes';
import { useMemo } from 'react';
import { useWorkbench } from '../../store/react';
import type { WorkbenchState } from '../../store/types';

const NONE: SnapshotRef[] = [];

/** The view's table's snapshots, oldest first (the same array while the table's snapshots stay). */
export function useOverTimeSnapshots(): SnapshotRef[] {
  const snapshots = useWorkbench((s) => s.tables.find((x) => x.name === s.overTime?.table)?.snapshots ?? null);
  return useMemo(() => (snapshots ? snapshotRefs(snapshots) : NONE), [snapshots]);
}

function reasonOf(s: WorkbenchState, section: OverTimeSection): string | null {
  const v = s.overTime;
  if (!v) return null;
  const plan = planSection(
    { ...v, section },
    {
      segments: s.segments,
      schemes: s.schemes,
      snapshots: snapshotRefs(s.tables.find((t) => t.name === v.table)?.snapshots),
    },
  );
  return plan.key === null ? plan.reason : null;
}

export function useOverTimePart<K extends OverTimeSection>(
  section: K,
): { result: OverTimeResults[K] | null; busy: boolean; error: string | null; reason: string | null } {
  const part = useWorkbench((s) => s.overTime?.parts[section] ?? null);
  const reason = useWorkbench((s) => reasonOf(s, section));
  return {
    result: (part?.result ?? null) as OverTimeResults[K] | null,
    busy: part?.status === 'loading',
    error: part?.status === 'error' ? (part.error?.message ?? 'could not be computed') : null,
    reason,
  };
}
