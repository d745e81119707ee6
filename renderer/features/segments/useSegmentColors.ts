/**
 * The colours of segments, tiers and the draft in the current theme (charts/segmentColors.ts): the
 * workspace's slots, from the sidebar's lists, and a view's colours for its members' keys.
 */
import { useMemo } from 'react';
import { palettes } from '../../charts/palette';
import { slotColor, viewSlots, workspaceColorGroups, workspaceSlots } from '../../charts/segmentColors';
import { useWorkbench } from '../../store/react';

/** Each workspace key's slot (segments, then the tiers known so far, then the draft). */
export function useWorkspaceSlots(): ReadonlyMap<string, number> {
  const segments = useWorkbench((s) => s.segments);
  const schemes = useWorkbench((s) => s.schemes);
  const counts = useWorkbench((s) => s.segmentCounts);
  // Only the tier names matter: a key of them keeps the slots while counts change.
  const tierNames = JSON.stringify(schemes.map((s) => (counts[s.file]?.tiers ?? []).map((t) => t.name)));
  return useMemo(() => {
    const tiers: string[][] = JSON.parse(tierNames) as string[][];
    return workspaceSlots(
      workspaceColorGroups(
        segments,
        schemes.map((s, i) => ({ id: s.id, file: s.file, tiers: tiers[i] ?? [] })),
      ),
    );
  }, [segments, schemes, tierNames]);
}

/** The colour of each key as the workspace gives it (the sidebar: every key its own colour while slots last). */
export function useWorkspaceColor(): (key: string) => string {
  const slots = useWorkspaceSlots();
  const theme = useWorkbench((s) => s.theme);
  return useMemo(() => {
    const p = palettes[theme];
    return (key: string) => slotColor(viewSlots([key], slots)[0]!, p);
  }, [slots, theme]);
}

/** The colours of a view's members, in order: distinct while slots last, else as the workspace gives them. */
export function useViewColors(keys: readonly string[]): string[] {
  const slots = useWorkspaceSlots();
  const theme = useWorkbench((s) => s.theme);
  const joined = JSON.stringify(keys);
  return useMemo(() => {
    const p = palettes[theme];
    return viewSlots(JSON.parse(joined) as string[], slots).map((s) => slotColor(s, p));
  }, [joined, slots, theme]);
}
