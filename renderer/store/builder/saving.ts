/**
 * Saving the builder's draft: refused here with the reason (errors, a name in use; the engine
 * refuses the same again), else written as a new version (or only the name and description when
 * the rule is unchanged), then the sidebar's list and the file's history reload.
 */
import { isSchemeDefinition } from '../../../shared/segments/model';
import { historyOf } from '../builderVersions';
import type { BuilderCoreSlice } from '../builderTypes';
import { toUiError } from '../errors';
import type { StoreDeps } from '../types';
import { patcher, type Get, type Set } from './draft';
import { saveBlocker } from './saveGate';

const SAVE_HINT = 'Nothing was saved. Fix what the message names, then save again; warnings (in amber) do not block.';

export function createSavingPart(deps: StoreDeps, set: Set, get: Get): Pick<BuilderCoreSlice, 'saveSegment'> {
  const patch = patcher(set, get);
  return {
    async saveSegment(note) {
      const b = get().builder;
      if (!b || b.saving) return false;
      // Refused here with the reason (Ctrl+S included); the engine refuses the same again on save.
      const blocked = saveBlocker(b, [...get().segments, ...get().schemes]);
      if (blocked) {
        patch({ saveError: { code: 'invalid_input', message: blocked, hint: SAVE_HINT } });
        return false;
      }
      patch({ saving: true, saveError: null });
      let file: string;
      try {
        // The description goes with every save of a file (clearing it is a change too), and with a new one when given.
        const description = b.file || b.description.trim() ? { description: b.description } : {};
        const r = await deps.api.saveDefinition({
          ...(b.file ? { file: b.file } : {}),
          kind: isSchemeDefinition(b.definition) ? 'scheme' : 'segment',
          name: b.name,
          ...description,
          definition: b.definition,
          note,
        });
        patch({
          segmentId: r.id,
          saving: false,
          file: r.file,
          sourceFile: r.file,
          savedJson: JSON.stringify(b.definition),
          savedMeta: { name: b.name, description: b.description },
          lastSaved: {
            version: r.version,
            appended: r.appended,
            ...(r.metadataUpdated ? { metadataUpdated: true } : {}),
          },
        });
        file = r.file;
        void get().loadSegments();
      } catch (err) {
        const e = toUiError(err);
        patch({ saving: false, saveError: e.code === 'invalid_input' ? { ...e, hint: SAVE_HINT } : e });
        return false;
      }
      try {
        const doc = await deps.api.readDefinition({ file });
        if (get().builder?.file === file) patch({ history: historyOf(doc) });
      } catch {
        // Saved; the history shows the new version on the next open.
      }
      return true;
    },
  };
}
