/**
 * A definition target (file, text or unsaved draft) loaded and prepared for a run, for callers
 * outside the segments service (the grid's views: segment filter, membership and metric columns).
 * Same steps as segmentsService's load/prepare: resolve, parse, prepare at a snapshot, lookup checks.
 */
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';
import type { Workspace } from '../workspace';
import { checkLookups } from './compileAdapter';
import { draftDefinition, loadDefinitionText, type LoadedDefinition } from './definitionSource';
import { readText, resolveForRead } from './definitionStore';
import { prepareRun, type RunContext } from './runContext';
import { workspaceRunner } from './runners';

export function loadTarget(ws: Workspace, target: DefinitionTarget): LoadedDefinition {
  if (target.definition !== undefined) return draftDefinition(target.definition);
  if (target.text !== undefined) return loadDefinitionText(target.text, target.name ?? 'definition', target.version);
  return loadDefinitionText(readText(resolveForRead(ws, target.file!)), target.file!, target.version);
}

export async function prepareLoaded(ws: Workspace, loaded: LoadedDefinition, snapshot: string): Promise<RunContext> {
  const ctx = await prepareRun(ws, workspaceRunner(ws), loaded, { snapshot });
  await checkLookups(ws, ctx);
  return ctx;
}
