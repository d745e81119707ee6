/**
 * A definition target (file, text or unsaved draft) loaded and prepared for a run, for callers
 * outside the segments service (the grid's views: segment filter, membership and metric columns).
 * Same steps as segmentsService's load/prepare: resolve, parse, prepare at a snapshot, lookup checks.
 */
import type { DefinitionTarget } from '../../../../shared/api/segmentsApi';
import type { Workspace } from '../../workspace/workspace';
import { checkLookups } from './compileAdapter';
import { draftDefinition, loadDefinitionText, tierOf, type LoadedDefinition } from '../definitions/definitionSource';
import { readText, resolveForRead } from '../definitions/definitionStore';
import { prepareRun, type RunContext } from './runContext';
import { workspaceRunner } from '../../sqlGuard/runners';

/**
 * Load a target (a file, a file's text or a draft; a scheme's `tier` as a segment). `ws` may be null for absolute
 * files.
 */
export function loadTarget(ws: Workspace | null, target: DefinitionTarget): LoadedDefinition {
  const loaded =
    target.definition !== undefined
      ? draftDefinition(target.definition)
      : target.text !== undefined
        ? loadDefinitionText(target.text, target.name ?? 'definition', target.version)
        : loadDefinitionText(readText(resolveForRead(ws, target.file!)), target.file!, target.version);
  return target.tier === undefined ? loaded : tierOf(loaded, target.tier);
}

export async function prepareLoaded(ws: Workspace, loaded: LoadedDefinition, snapshot: string): Promise<RunContext> {
  const ctx = await prepareRun(ws, workspaceRunner(ws), loaded, { snapshot });
  await checkLookups(ws, ctx);
  return ctx;
}
