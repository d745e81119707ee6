/**
 * The saved side of the rule builder: versions (view one read-only, compare two — readable changes
 * and the members the newer one adds and removes), duplicating, and measurements (measure a version
 * on a snapshot or all, list the recorded history by the segment's id).
 */
import type { CellValue } from '../../shared/api/dataApi';
import type { DefinitionDocument } from '../../shared/api/segmentsApi';
import { diffDefinitions } from '../../shared/segments/diff';
import { isSchemeDefinition, type Definition } from '../../shared/segments/model';
import { recordsOfTarget } from './overTime/trends';
import { toUiError } from './errors';
import type { BuilderState, BuilderVersionsSlice, SliceCreator } from './types';

/** Member diffs page keys through the API; past this many members use the CLI export instead. */
const MEMBER_DIFF_LIMIT = 500_000;

export function historyOf(doc: DefinitionDocument): BuilderState['history'] {
  const versions = (doc.content as { versions?: { version: number; definition: Definition }[] }).versions ?? [];
  return { versions: doc.versions, definitions: Object.fromEntries(versions.map((v) => [v.version, v.definition])) };
}

export const createBuilderVersionsSlice: SliceCreator<BuilderVersionsSlice> = (deps) => (set, get) => {
  const patch = (p: Partial<BuilderState>) => {
    const b = get().builder;
    if (b) set({ builder: { ...b, ...p } });
  };
  return {
    async compareVersions(from, to) {
      const b = get().builder;
      const h = b?.history;
      const a = h?.definitions[from];
      const z = h?.definitions[to];
      if (!b || !b.sourceFile || !a || !z) return;
      const file = b.sourceFile;
      patch({ compare: { from, to, entries: diffDefinitions(a, z), members: { status: 'loading', added: [], removed: [], error: null } } });
      const stillCurrent = () => get().builder?.compare?.from === from && get().builder?.compare?.to === to;
      const keysOf = async (version: number) => {
        const keys = new Set<string | number>();
        let after: CellValue = null;
        for (;;) {
          const page = await deps.api.segmentMembers({ target: { file, version }, columns: [z.entity.key], limit: 5000, ...(after === null ? {} : { after: after as string | number }) });
          for (const row of page.rows) {
            const k = row[z.entity.key];
            if (typeof k === 'string' || typeof k === 'number') keys.add(k);
          }
          if (keys.size > MEMBER_DIFF_LIMIT) throw new Error(`more than ${MEMBER_DIFF_LIMIT.toLocaleString('en-US')} members: compare with the CLI export instead`);
          if (page.nextAfter === null || page.rows.length === 0) return keys;
          after = page.nextAfter;
        }
      };
      try {
        const [ka, kz] = await Promise.all([keysOf(from), keysOf(to)]);
        const added = [...kz].filter((k) => !ka.has(k));
        const removed = [...ka].filter((k) => !kz.has(k));
        if (stillCurrent()) patch({ compare: { ...get().builder!.compare!, members: { status: 'ready', added, removed, error: null } } });
      } catch (err) {
        if (stillCurrent()) patch({ compare: { ...get().builder!.compare!, members: { status: 'error', added: [], removed: [], error: toUiError(err).message } } });
      }
    },

    viewVersion(version) {
      const def = version === null ? undefined : get().builder?.history?.definitions[version];
      patch({ viewing: version !== null && def ? { version, definition: def } : null });
    },

    duplicateSegment() {
      const b = get().builder;
      if (!b) return;
      patch({ file: null, sourceFile: null, segmentId: null, name: `${b.name} copy`, savedJson: null, savedMeta: null, history: null, compare: null, viewing: null, lastSaved: null, fileDiagnostics: [], measurements: { status: 'idle', records: [], error: null } });
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
        if (get().builder?.segmentId === id) patch({ measurements: { status: 'error', records: [], error: toUiError(err) } });
      }
    },
  };
};
