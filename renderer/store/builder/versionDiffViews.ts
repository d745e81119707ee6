/**
 * A version diff's rows as grid filters (pure): the selection of shared/segments/memberDiff.ts
 * (added, removed, a move between tiers), labelled and pinned to the snapshot the diff was measured
 * on. The export dialog takes the same filters (exactly the rows the grid shows).
 */
import { memberDiffSelection, type MemberDiffRows, type MemberDiffScope } from '../../../shared/segments/memberDiff';
import type { GridSegmentFilter } from '../gridSegments';
import type { SnapshotRef } from '../overTime/targets';

export type VersionDiffRows = MemberDiffRows;

export interface VersionDiffScope extends Omit<MemberDiffScope, 'snapshot'> {
  /** The definition's name (labels, file names). */
  name: string;
  snapshot: SnapshotRef;
}

/** The grid filter of a diff's rows; null for a move between tiers the scope does not name. */
export function versionDiffFilter(scope: VersionDiffScope, rows: VersionDiffRows): GridSegmentFilter | null {
  const selection = memberDiffSelection({ ...scope, snapshot: scope.snapshot.id }, rows);
  if (!selection) return null;
  const when = `(v${scope.from} → v${scope.to}, as of ${scope.snapshot.asOf})`;
  const what =
    rows.kind === 'added'
      ? `added in v${scope.to}`
      : rows.kind === 'removed'
        ? `removed in v${scope.to}`
        : `${scope.tiersFrom?.[rows.from]} → ${scope.tiersTo?.[rows.to]}`;
  const label = `${scope.name}: ${what} ${when}`;
  return { table: scope.entity.table, source: 'versions', snapshot: scope.snapshot.id, label, ...selection };
}
