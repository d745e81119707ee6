/**
 * The Over time view's targets (pure): saved segments, whole schemes and scheme tiers, named the way
 * the sidebar names them, resolved to the version they are measured with, and turned into API
 * targets. Also which snapshots a flow compares (the latest pair unless two others are chosen) and
 * which segment or scheme a section shows when none is picked.
 */
import type { SnapshotInfo } from '../../../shared/api/dataApi';
import type { DefinitionSummary, DefinitionTarget } from '../../../shared/api/segmentsApi';
import type { OverTimeTarget, OverTimeViewState } from '../overTimeTypes';

export interface SnapshotRef {
  id: string;
  asOf: string;
}

export const keyOf = (x: unknown): string => JSON.stringify(x);

export const sameTarget = (a: OverTimeTarget, b: OverTimeTarget) => a.file === b.file && a.tier === b.tier;

/** The summary of a target's file (a segment's or a scheme's). */
export function summaryOf(
  defs: readonly DefinitionSummary[],
  t: Pick<OverTimeTarget, 'file'>,
): DefinitionSummary | undefined {
  return defs.find((d) => d.file === t.file);
}

/** "Activated", "Value tiers / High", "Value tiers" (a whole scheme: rows in any named tier). */
export function targetLabel(defs: readonly DefinitionSummary[], t: OverTimeTarget): string {
  const name = summaryOf(defs, t)?.name ?? t.file.replace(/^.*\//, '').replace(/\.(segment|scheme)\.json$/, '');
  return t.tier !== undefined ? `${name} / ${t.tier}` : name;
}

/** The version a target is measured with: the one chosen, else the file's latest (null: unknown or not valid). */
export function resolvedVersion(defs: readonly DefinitionSummary[], t: OverTimeTarget): number | null {
  return t.version ?? summaryOf(defs, t)?.latestVersion ?? null;
}

/** The API target of a view target at its resolved version. */
export function apiTarget(defs: readonly DefinitionSummary[], t: OverTimeTarget): DefinitionTarget {
  const version = resolvedVersion(defs, t);
  return { file: t.file, ...(version !== null ? { version } : {}), ...(t.tier !== undefined ? { tier: t.tier } : {}) };
}

/** The table's snapshots, oldest first, as id and as-of date. */
export function snapshotRefs(snapshots: readonly Pick<SnapshotInfo, 'id' | 'asOf'>[] | undefined): SnapshotRef[] {
  return (snapshots ?? []).map((s) => ({ id: s.id, asOf: s.asOf }));
}

/**
 * The two snapshots compared: the chosen ones while both exist and `from` is older than `to`; a
 * chosen `to` alone goes with the snapshot before it; otherwise the latest pair. Null with fewer
 * than two snapshots.
 */
export function resolvePair(
  snapshots: readonly SnapshotRef[],
  from: string | null,
  to: string | null,
): { from: SnapshotRef; to: SnapshotRef } | null {
  const n = snapshots.length;
  if (n < 2) return null;
  const at = (id: string | null) => (id === null ? -1 : snapshots.findIndex((s) => s.id === id));
  let ti = at(to);
  if (ti < 0) ti = n - 1;
  let fi = at(from);
  if (fi < 0) fi = ti - 1;
  if (fi < 0 || fi >= ti) {
    fi = n - 2;
    ti = n - 1;
  }
  return { from: snapshots[fi]!, to: snapshots[ti]! };
}

const valid = (d: DefinitionSummary, table: string | null) => d.valid && (table === null || d.entityTable === table);

/** A section's choice at the version the view measures that file with (its tiers share it). */
function atViewVersion(v: Pick<OverTimeViewState, 'targets'>, t: Omit<OverTimeTarget, 'version'>): OverTimeTarget {
  const version = v.targets.find((x) => x.file === t.file && x.version !== undefined)?.version;
  return {
    file: t.file,
    ...(t.tier !== undefined ? { tier: t.tier } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

/**
 * The segment (or tier) whose flow shows: the one chosen, else the view's first segment or tier, else the table's first
 * segment.
 */
export function flowTarget(
  v: Pick<OverTimeViewState, 'flow' | 'targets' | 'table'>,
  segments: readonly DefinitionSummary[],
  schemes: readonly DefinitionSummary[],
): OverTimeTarget | null {
  if (v.flow.target) return atViewVersion(v, v.flow.target);
  const isScheme = (file: string) => schemes.some((s) => s.file === file);
  const fromView = v.targets.find((t) => t.tier !== undefined || !isScheme(t.file));
  if (fromView) return fromView;
  const first = segments.find((s) => valid(s, v.table));
  return first ? { file: first.file } : null;
}

/**
 * The scheme whose tier movement and paths show: the one chosen, else the first scheme the view follows, else the
 * table's first.
 */
export function schemeTarget(
  v: Pick<OverTimeViewState, 'scheme' | 'targets' | 'table'>,
  schemes: readonly DefinitionSummary[],
): OverTimeTarget | null {
  if (v.scheme.file) return atViewVersion(v, { file: v.scheme.file });
  const fromView = v.targets.find((t) => schemes.some((s) => s.file === t.file));
  if (fromView) return atViewVersion(v, { file: fromView.file });
  const first = schemes.find((s) => valid(s, v.table));
  return first ? { file: first.file } : null;
}
