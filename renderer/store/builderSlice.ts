/**
 * The rule builder's draft, a segment or a scheme, as one slice composed of parts by job: starting
 * and opening a draft (here), editing with undo (builder/editing.ts), live feedback — diagnostics,
 * count, funnel, explanation, SQL preview (builder/live.ts) — and saving (builder/saving.ts).
 * Versions, duplicating and measurements are the builderVersions slice.
 */
import { ApiError } from '../../shared/api/protocol';
import {
  isSchemeDefinition,
  type Definition,
  type SchemeDefinition,
  type SegmentDefinition,
} from '../../shared/segments/model';
import { guessKey } from './builder/conditions';
import { aboutFields, draftState, patcher } from './builder/draft';
import { createEditingPart } from './builder/editing';
import { createLivePart } from './builder/live';
import { createSavingPart } from './builder/saving';
import { historyOf } from './builderVersions';
import type { BuilderCoreSlice } from './builderTypes';
import { toUiError } from './errors';
import type { SliceCreator } from './types';

export const createBuilderSlice: SliceCreator<BuilderCoreSlice> = (deps) => (set, get) => {
  const patch = patcher(set, get);
  const live = createLivePart(deps, set, get);
  const editing = createEditingPart(deps, set, get, live.refresh);

  return {
    builder: null,
    suggestions: {},
    ...live.actions,
    ...editing.actions,
    ...createSavingPart(deps, set, get),

    newSegment() {
      const s = get();
      const table = s.tables.find((t) => t.name === s.selectedTable) ?? s.tables[0];
      if (!table) return;
      const definition: SegmentDefinition = {
        entity: { table: table.name, key: guessKey(table.name, table.columns) },
        asOf: { kind: 'snapshot' },
        where: { all: [] },
      };
      editing.newUndoStep();
      set({ suggestions: {}, builder: draftState(s, definition, 'New segment'), threshold: null });
      void live.refresh();
    },

    newScheme() {
      const s = get();
      const table = s.tables.find((t) => t.name === s.selectedTable) ?? s.tables[0];
      if (!table) return;
      const definition: SchemeDefinition = {
        entity: { table: table.name, key: guessKey(table.name, table.columns) },
        asOf: { kind: 'snapshot' },
        tiers: [{ name: 'Tier 1', where: { all: [] } }],
        otherwise: 'Other',
      };
      editing.newUndoStep();
      set({ suggestions: {}, builder: draftState(s, definition, 'New scheme'), threshold: null });
      void live.refresh();
    },

    async openSharedFile(picked) {
      try {
        const ref = await deps.stageFile(picked);
        const file = ref.kind === 'path' ? ref.path : `.staging/${ref.name}`;
        await get().openSegment(file);
        const b = get().builder;
        // Not a workspace file: Save writes a new one under segments/.
        if (b && b.sourceFile === file) {
          patch({
            file: null,
            segmentId: null,
            savedJson: null,
            savedMeta: null,
            measurements: { status: 'idle', records: [], error: null },
          });
        }
      } catch (err) {
        set({ segmentsError: toUiError(err) });
      }
    },

    async openSegment(file) {
      try {
        const doc = await deps.api.readDefinition({ file });
        // A file the engine could not use (duplicate keys, numbers JSON cannot hold, not a definition)
        // has no content: say why, by path, rather than open a guess of what it means (§5).
        if (!doc.content) {
          const errors = doc.diagnostics.filter((d) => d.severity === 'error');
          const head =
            errors
              .slice(0, 3)
              .map((d) => d.message)
              .join('; ') || 'not a Segment Workbench definition file';
          throw new ApiError(
            'invalid_input',
            `${file} cannot be opened: ${head}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}. Fix the file and open it again.`,
            { diagnostics: errors },
          );
        }
        const versions = (doc.content as { versions?: { definition: Definition }[] }).versions ?? [];
        const definition = versions[versions.length - 1]?.definition;
        const editable =
          definition && (isSchemeDefinition(definition) ? Array.isArray(definition.tiers) : 'where' in definition);
        if (!definition || !editable) throw new Error(`${file} has no segment or scheme version to edit`);
        editing.newUndoStep();
        const meta = { name: doc.name, description: doc.description ?? '' };
        set({
          threshold: null,
          suggestions: {},
          builder: {
            ...draftState(get(), definition, doc.name),
            file: doc.file,
            sourceFile: doc.file,
            description: meta.description,
            savedMeta: meta,
            savedJson: JSON.stringify(definition),
          },
        });
        patch({
          history: historyOf(doc),
          fileDiagnostics: doc.diagnostics.filter((d) => !aboutFields(d)),
          fileHasSql: doc.hasSql,
          segmentId: doc.id,
        });
        void get().loadMeasurements();
        if (
          get().selectedTable !== definition.entity.table &&
          get().tables.some((t) => t.name === definition.entity.table)
        )
          get().selectTable(definition.entity.table, null);
        void live.refresh();
      } catch (err) {
        set({ segmentsError: toUiError(err) });
      }
    },

    closeBuilder() {
      live.stop();
      set({ builder: null, threshold: null });
    },
  };
};
