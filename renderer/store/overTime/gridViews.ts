/**
 * Flow groups and tier moves as grid filters (pure). A group's rows are read on the snapshot its
 * keys are in (stayed, entered and new on `to`; left and gone on `from`), filtered to the segment
 * there and, with `keysAt`, to keys that are (or are not) members, or rows at all, on the other
 * snapshot — exactly the docs/cli.md, SPEC §7 definitions, evaluated by the engine like the flow itself:
 *
 *   stayed  = in at to,   key in the segment at from
 *   entered = in at to,   key at from, not in the segment there
 *   new     = in at to,   key not at from at all
 *   left    = in at from, key at to, not in the segment there
 *   gone    = in at from, key not at to at all
 *
 * A tier move i → j is tier j at `to` with the key in tier i at `from`; new → j has no key at
 * `from`; i → gone no key at `to`.
 */
import type { ViewSpec } from '../../../shared/api/dataApi';
import type { SchemeFlow } from '../../../shared/api/overTimeApi';
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';
import type { GridSegmentFilter } from '../gridSegments';
import type { FlowGroup } from '../overTimeTypes';
import type { SnapshotRef } from './targets';

export type KeysAt = NonNullable<ViewSpec['keysAt']>[number];

export const FLOW_GROUPS: readonly FlowGroup[] = ['stayed', 'entered', 'left', 'new', 'gone'];

/** How a group is named in the view, the grid's chip and file names. */
export const GROUP_LABELS: Record<FlowGroup, string> = {
  stayed: 'stayed',
  entered: 'entered',
  left: 'left',
  new: 'new keys',
  gone: 'gone keys',
};

/** The tiers at `to` of a scheme's flow: its columns (an answer from before `versus` has only `tiers`). */
export const toTiersOf = (f: SchemeFlow): string[] => f.toTiers ?? f.tiers;

/** Every row of the entity table (on whichever snapshot it is evaluated): "the key is there". */
export function everyRow(entity: { table: string; key: string }): DefinitionTarget {
  return { definition: { entity, where: { all: [] } } };
}

/** The snapshot a group's rows are in, and the keysAt filters that pick them out of the segment's members there. */
export function flowGroupView(
  group: FlowGroup,
  target: DefinitionTarget,
  entity: { table: string; key: string },
  from: string,
  to: string,
): { snapshot: string; keysAt: KeysAt[] } {
  const all = everyRow(entity);
  switch (group) {
    case 'stayed':
      return { snapshot: to, keysAt: [{ snapshot: from, target, present: true }] };
    case 'entered':
      return {
        snapshot: to,
        keysAt: [
          { snapshot: from, target, present: false },
          { snapshot: from, target: all, present: true },
        ],
      };
    case 'new':
      return { snapshot: to, keysAt: [{ snapshot: from, target: all, present: false }] };
    case 'left':
      return {
        snapshot: from,
        keysAt: [
          { snapshot: to, target, present: false },
          { snapshot: to, target: all, present: true },
        ],
      };
    case 'gone':
      return { snapshot: from, keysAt: [{ snapshot: to, target: all, present: false }] };
  }
}

/** The grid filter of a flow group: "Activated: entered (2026-10-01 → 2026-11-01)". */
export function flowGroupFilter(
  group: FlowGroup,
  target: DefinitionTarget,
  name: string,
  entity: { table: string; key: string },
  from: SnapshotRef,
  to: SnapshotRef,
): GridSegmentFilter {
  const { snapshot, keysAt } = flowGroupView(group, target, entity, from.id, to.id);
  return {
    table: entity.table,
    source: 'overTime',
    label: `${name}: ${GROUP_LABELS[group]} (${from.asOf} → ${to.asOf})`,
    target,
    keysAt,
    snapshot,
  };
}

/** The grid filter of a transition-matrix cell: tier i at `from` → tier j at `to` (-1: new or gone). */
export function tierMoveFilter(
  scheme: { file: string; version?: number; name: string },
  tiers: { from: readonly string[]; to: readonly string[] },
  i: number,
  j: number,
  entity: { table: string; key: string },
  from: SnapshotRef,
  to: SnapshotRef,
): GridSegmentFilter | null {
  if (i < 0 && j < 0) return null;
  const tier = (names: readonly string[], k: number): DefinitionTarget | null =>
    names[k] === undefined
      ? null
      : { file: scheme.file, ...(scheme.version !== undefined ? { version: scheme.version } : {}), tier: names[k] };
  const when = `(${from.asOf} → ${to.asOf})`;
  const base = { table: entity.table, source: 'overTime' as const };
  if (i < 0) {
    const tj = tier(tiers.to, j);
    return (
      tj && {
        ...base,
        label: `${scheme.name}: new → ${tiers.to[j]} ${when}`,
        target: tj,
        keysAt: [{ snapshot: from.id, target: everyRow(entity), present: false }],
        snapshot: to.id,
      }
    );
  }
  const ti = tier(tiers.from, i);
  if (j < 0)
    return (
      ti && {
        ...base,
        label: `${scheme.name}: ${tiers.from[i]} → gone ${when}`,
        target: ti,
        keysAt: [{ snapshot: to.id, target: everyRow(entity), present: false }],
        snapshot: from.id,
      }
    );
  const tj = tier(tiers.to, j);
  return (
    ti &&
    tj && {
      ...base,
      label: `${scheme.name}: ${tiers.from[i]} → ${tiers.to[j]} ${when}`,
      target: tj,
      keysAt: [{ snapshot: from.id, target: ti, present: true }],
      snapshot: to.id,
    }
  );
}
