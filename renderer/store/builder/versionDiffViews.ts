/**
 * A version diff's rows as grid filters (pure), on the snapshot the diff was measured on, by key as
 * the diff counts them (shared/segments/memberDiff.ts):
 *
 *   added    = members of the newer version, not of the older
 *   removed  = members of the older version, not of the newer
 *   i → j    = tier j of the newer version whose key is in tier i of the older
 *
 * Added and removed also require a non-NULL key (keysAt every row): a NULL key matches nothing, so
 * the grid shows exactly the rows the diff counts. The export dialog takes the same filters.
 */
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';
import type { GridSegmentFilter } from '../gridSegments';
import { everyRow } from '../overTime/gridViews';
import type { SnapshotRef } from '../overTime/targets';

export type VersionDiffRows = { kind: 'added' } | { kind: 'removed' } | { kind: 'move'; from: number; to: number };

export interface VersionDiffScope {
  file: string;
  /** The definition's name (labels, file names). */
  name: string;
  entity: { table: string; key: string };
  from: number;
  to: number;
  snapshot: SnapshotRef;
  /** A scheme's tier names in each version, `otherwise` last (moves only). */
  tiersFrom?: readonly string[];
  tiersTo?: readonly string[];
}

const at = (file: string, version: number, tier?: string): DefinitionTarget => ({ file, version, ...(tier !== undefined ? { tier } : {}) });

/** The grid filter of a diff's rows; null for a move between tiers the scope does not name. */
export function versionDiffFilter(scope: VersionDiffScope, rows: VersionDiffRows): GridSegmentFilter | null {
  const { file, from, to, snapshot, entity } = scope;
  const base = { table: entity.table, source: 'versions' as const, snapshot: snapshot.id };
  const when = `(v${from} → v${to}, as of ${snapshot.asOf})`;
  const keyed = [{ snapshot: snapshot.id, target: everyRow(entity), present: true }];
  if (rows.kind === 'added') {
    return { ...base, label: `${scope.name}: added in v${to} ${when}`, target: at(file, to), notIn: [at(file, from)], keysAt: keyed };
  }
  if (rows.kind === 'removed') {
    return { ...base, label: `${scope.name}: removed in v${to} ${when}`, target: at(file, from), notIn: [at(file, to)], keysAt: keyed };
  }
  const a = scope.tiersFrom?.[rows.from];
  const b = scope.tiersTo?.[rows.to];
  if (a === undefined || b === undefined) return null;
  return { ...base, label: `${scope.name}: ${a} → ${b} ${when}`, target: at(file, to, b), alsoIn: [at(file, from, a)] };
}
