/**
 * What a section of the Over time view shows: its answer (the previous one, dimmed, while a new one
 * is computed), whether it is being computed, why it failed, and — when it cannot be asked for at
 * all — the reason, from the same plan the store asks with (overTime/request.ts).
 */
import { planSection } from '../../store/overTime/request';
import { palettes } from '../../charts/palette';
import { tierColorKey } from '../../charts/segmentColors';
import { schemeTarget, snapshotRefs, type SnapshotRef } from '../../store/overTime/targets';
import { useViewColors } from '../segments/useSegmentColors';
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

/**
 * The colour of each tier of the scheme the tier sections show (segmentColors.ts: the scheme's id and
 * the tier's name), for the tiers named in `tiers` (both sides of a transition matrix), by name.
 */
export function useTierColors(tiers: readonly string[]): (tier: string) => string {
  const schemes = useWorkbench((s) => s.schemes);
  const file = useWorkbench((s) => (s.overTime ? (schemeTarget(s.overTime, s.schemes)?.file ?? null) : null));
  const scheme = schemes.find((s) => s.file === file);
  const names = [...new Set(tiers)];
  const colors = useViewColors(names.map((t) => tierColorKey({ id: scheme?.id ?? null, file }, t)));
  // One function while the tiers and their colours stay, so charts built from it are not rebuilt.
  const pairs = JSON.stringify(names.map((t, i) => [t, colors[i]]));
  return useMemo(() => {
    const byName = new Map(JSON.parse(pairs) as [string, string][]);
    return (tier: string) => byName.get(tier) ?? palettes.light.baseline;
  }, [pairs]);
}
