/**
 * From the Over time view's state to the one request its shown section needs (pure), or the reason
 * there is none ("choose a segment", "the table has one snapshot"). A plan's key is the JSON of what
 * it asks — the resolved versions (so a new version of a file is a new request) and the snapshots'
 * ids (so new data is) — and tells whether the answer in hand is still current.
 */
import type { DefinitionSummary, DefinitionTarget } from '../../../shared/api/segmentsApi';
import type { OverTimeSection, OverTimeTarget, OverTimeViewState } from '../overTimeTypes';
import { apiTarget, flowTarget, keyOf, resolvePair, schemeTarget, targetLabel, type SnapshotRef } from './targets';

/** Paths through the tiers say more than one transition matrix from three snapshots on. */
export const PATHS_MIN_SNAPSHOTS = 3;
/** The engine's limit of snapshots per paths request: the latest ones are taken. */
export const PATHS_MAX_SNAPSHOTS = 36;
export const PATHS_LIMIT = 20;

export interface PlanContext {
  segments: readonly DefinitionSummary[];
  schemes: readonly DefinitionSummary[];
  /** The view's table's snapshots, oldest first. */
  snapshots: readonly SnapshotRef[];
}

export type SectionPlan =
  | {
      section: 'trends';
      key: string;
      targets: {
        target: OverTimeTarget;
        api: DefinitionTarget;
        label: string;
        version: number;
        kind: 'segment' | 'scheme';
        segmentId: string | null;
      }[];
      measures: string[];
    }
  | { section: 'flow'; key: string; target: DefinitionTarget; label: string; from: SnapshotRef; to: SnapshotRef }
  | { section: 'tiers'; key: string; target: DefinitionTarget; label: string; from: SnapshotRef; to: SnapshotRef }
  | { section: 'paths'; key: string; target: DefinitionTarget; label: string; snapshots: SnapshotRef[] };

export type Plan = SectionPlan | { section: OverTimeSection; key: null; reason: string };

const blocked = (section: OverTimeSection, reason: string): Plan => ({ section, key: null, reason });

export function planSection(v: OverTimeViewState, c: PlanContext): Plan {
  const defs = [...c.segments, ...c.schemes];
  const ids = c.snapshots.map((s) => s.id);
  switch (v.section) {
    case 'trends': {
      if (v.targets.length === 0)
        return blocked(
          'trends',
          'Choose segments or scheme tiers to follow: tick them in the sidebar, or take the compare view’s columns.',
        );
      if (c.snapshots.length === 0) return blocked('trends', `Table ${v.table ?? ''} has no snapshot.`);
      const targets = [];
      for (const t of v.targets) {
        const d = defs.find((x) => x.file === t.file);
        const version = t.version ?? d?.latestVersion ?? null;
        if (!d || !d.valid || version === null)
          return blocked(
            'trends',
            `${targetLabel(defs, t)} cannot be measured: the file is missing or not valid. Remove it from the view.`,
          );
        targets.push({
          target: t,
          api: apiTarget(defs, t),
          label: targetLabel(defs, t),
          version,
          kind: d.kind === 'scheme' ? ('scheme' as const) : ('segment' as const),
          segmentId: d.id,
        });
      }
      return {
        section: 'trends',
        key: keyOf(['trends', v.table, ids, targets.map((t) => t.api), v.measures]),
        targets,
        measures: v.measures,
      };
    }
    case 'flow': {
      const t = flowTarget(v, c.segments, c.schemes);
      if (!t) return blocked('flow', 'There is no saved segment on this table to follow.');
      const pair = resolvePair(c.snapshots, v.flow.from, v.flow.to);
      if (!pair) return blocked('flow', twoSnapshots(v.table, c.snapshots.length));
      const target = apiTarget(defs, t);
      return {
        section: 'flow',
        key: keyOf(['flow', target, pair.from.id, pair.to.id]),
        target,
        label: targetLabel(defs, t),
        ...pair,
      };
    }
    case 'tiers': {
      const t = schemeTarget(v, c.schemes);
      if (!t)
        return blocked(
          'tiers',
          'There is no saved scheme on this table (tiers such as Value tiers or Lifecycle stages).',
        );
      const pair = resolvePair(c.snapshots, v.tiers.from, v.tiers.to);
      if (!pair) return blocked('tiers', twoSnapshots(v.table, c.snapshots.length));
      const target = apiTarget(defs, t);
      return {
        section: 'tiers',
        key: keyOf(['tiers', target, pair.from.id, pair.to.id]),
        target,
        label: targetLabel(defs, t),
        ...pair,
      };
    }
    case 'paths': {
      const t = schemeTarget(v, c.schemes);
      if (!t) return blocked('paths', 'There is no saved scheme on this table to follow through its tiers.');
      if (c.snapshots.length < PATHS_MIN_SNAPSHOTS) {
        return blocked(
          'paths',
          `Paths through the tiers need ${PATHS_MIN_SNAPSHOTS} snapshots or more; ${v.table ?? 'the table'} has ${c.snapshots.length}. Between two, Tier movement shows every move. Import the next export of the table to add a snapshot.`,
        );
      }
      const snapshots = c.snapshots.slice(-PATHS_MAX_SNAPSHOTS);
      const target = apiTarget(defs, t);
      return {
        section: 'paths',
        key: keyOf(['paths', target, snapshots.map((s) => s.id)]),
        target,
        label: targetLabel(defs, t),
        snapshots,
      };
    }
  }
}

function twoSnapshots(table: string | null, n: number): string {
  return `Flows compare two snapshots; ${table ?? 'the table'} has ${n}. Import the next export of the same source to add one.`;
}
