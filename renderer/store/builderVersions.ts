/**
 * The saved side of the rule builder: versions (view one read-only, compare two — readable changes
 * and the members the newer one adds and removes or, for a scheme, moves between tiers, each shown
 * in the grid or exported), duplicating, and measurements (measure a version
 * on a snapshot or all, list the recorded history by the segment's id).
 */
import type { DefinitionDocument } from '../../shared/api/segmentsApi';
import { diffDefinitions } from '../../shared/segments/diff';
import { memberDiffOf } from '../../shared/segments/memberDiff';
import { isSchemeDefinition, type Definition } from '../../shared/segments/model';
import { recordsOfTarget } from './overTime/trends';
import { toUiError } from './errors';
import { versionDiffFilter, type VersionDiffRows } from './builder/versionDiffViews';
import type { GridSegmentFilter } from './gridSegments';
import type { SnapshotRef } from './overTime/targets';
import type { BuilderState, BuilderVersionsSlice, VersionMembersDiff } from './builderTypes';
import type { SliceCreator, WorkbenchState } from './types';

/** The snapshot a version diff runs on: the one the grid shows for the table, else the latest. */
function diffSnapshot(s: WorkbenchState, table: string): SnapshotRef | null {
  const snaps = s.tables.find((t) => t.name === table)?.snapshots ?? [];
  const shown = s.selectedTable === table ? s.selectedSnapshot : null;
  const chosen = shown ? snaps.find((x) => x.id === shown) : undefined;
  const snap = chosen ?? snaps.at(-1);
  return snap ? { id: snap.id, asOf: snap.asOf } : null;
}

export function historyOf(doc: DefinitionDocument): BuilderState['history'] {
  const versions = (doc.content as { versions?: { version: number; definition: Definition }[] }).versions ?? [];
  return { versions: doc.versions, definitions: Object.fromEntries(versions.map((v) => [v.version, v.definition])) };
}

export const createBuilderVersionsSlice: SliceCreator<BuilderVersionsSlice> = (deps) => (set, get) => {
  const patch = (p: Partial<BuilderState>) => {
    const b = get().builder;
    if (b) set({ builder: { ...b, ...p } });
  };
  /** The grid filter of some rows of the version comparison in hand (null when it is not ready). */
  const diffFilter = (rows: VersionDiffRows): GridSegmentFilter | null => {
    const b = get().builder;
    const c = b?.compare;
    const z = c ? b?.history?.definitions[c.to] : undefined;
    if (!b?.sourceFile || !c || !z || c.members?.status !== 'ready' || !c.members.snapshot) return null;
    const d = c.members.diff;
    const tiers = d?.kind === 'scheme' ? { tiersFrom: d.tiersFrom, tiersTo: d.tiersTo } : {};
    const name = b.savedMeta?.name ?? b.name;
    const scope = {
      file: b.sourceFile,
      name,
      entity: z.entity,
      from: c.from,
      to: c.to,
      snapshot: c.members.snapshot,
      ...tiers,
    };
    return versionDiffFilter(scope, rows);
  };
  return {
    async compareVersions(from, to) {
      const b = get().builder;
      const h = b?.history;
      const a = h?.definitions[from];
      const z = h?.definitions[to];
      if (!b || !b.sourceFile || !a || !z) return;
      const file = b.sourceFile;
      const snapshot = diffSnapshot(get(), z.entity.table);
      const members = { status: 'loading' as const, snapshot, diff: null, error: null };
      patch({ compare: { from, to, entries: diffDefinitions(a, z), members } });
      const stillCurrent = () => get().builder?.compare?.from === from && get().builder?.compare?.to === to;
      const settle = (m: Partial<VersionMembersDiff>) => {
        if (stillCurrent()) patch({ compare: { ...get().builder!.compare!, members: { ...members, ...m } } });
      };
      const fail = (message: string) => settle({ status: 'error', error: message });
      if (!snapshot)
        return fail(`The table '${z.entity.table}' is not in this workspace: import it to compare the members.`);
      if (a.entity.table !== z.entity.table) {
        return fail(
          `v${from} reads ${a.entity.table} and v${to} reads ${z.entity.table}: their members cannot be matched row by row.`,
        );
      }
      try {
        // One version against the other on one snapshot: the over-time flow with `versus` (from = to).
        const target = { file, version: from };
        const flow = await deps.api.segmentFlow({
          target,
          versus: { file, version: to },
          from: snapshot.id,
          to: snapshot.id,
        });
        settle({ status: 'ready', diff: memberDiffOf(flow) });
      } catch (err) {
        fail(toUiError(err).message);
      }
    },

    async showVersionDiffInGrid(rows) {
      const f = diffFilter(rows);
      if (!f) return;
      const latest = get()
        .tables.find((t) => t.name === f.table)
        ?.snapshots.at(-1)?.id;
      get().selectTable(f.table, f.snapshot === latest ? null : (f.snapshot ?? null));
      get().setGridSegment(f);
      set({ mainTab: 'grid' });
    },

    async exportVersionDiff(rows) {
      const f = diffFilter(rows);
      if (f) await get().openExportForGridFilter(f);
    },

    viewVersion(version) {
      const def = version === null ? undefined : get().builder?.history?.definitions[version];
      patch({ viewing: version !== null && def ? { version, definition: def } : null });
    },

    duplicateSegment() {
      const b = get().builder;
      if (!b) return;
      patch({
        file: null,
        sourceFile: null,
        segmentId: null,
        name: `${b.name} copy`,
        savedJson: null,
        savedMeta: null,
        history: null,
        compare: null,
        viewing: null,
        lastSaved: null,
        fileDiagnostics: [],
        measurements: { status: 'idle', records: [], error: null },
      });
    },

    async measureSegment(version, snapshot) {
      const b = get().builder;
      if (!b?.file) return;
      patch({ measurements: { ...b.measurements, status: 'measuring', error: null } });
      try {
        await deps.api.measureSegment({
          target: { file: b.file, ...(version ? { version } : {}) },
          ...(snapshot === 'all' ? { allSnapshots: true } : snapshot ? { snapshot } : {}),
          ...(b.measure ? { measures: [b.measure] } : {}),
        });
        await get().loadMeasurements();
      } catch (err) {
        const cur = get().builder;
        if (cur) patch({ measurements: { ...cur.measurements, status: 'error', error: toUiError(err) } });
      }
    },

    async loadMeasurements() {
      const b = get().builder;
      const id = b?.segmentId;
      if (!b?.file || !id) return;
      try {
        const all = await deps.api.listMeasurements({ segmentId: id });
        // A scheme's log also holds runs of single tiers (the Over time view measures tiers): its
        // history here is of the whole scheme, whose records carry every tier's count.
        const records = isSchemeDefinition(b.definition) ? recordsOfTarget(all, 'scheme', {}).own : all;
        if (get().builder?.segmentId === id) patch({ measurements: { status: 'ready', records, error: null } });
      } catch (err) {
        if (get().builder?.segmentId === id)
          patch({ measurements: { status: 'error', records: [], error: toUiError(err) } });
      }
    },
  };
};
