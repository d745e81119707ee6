/**
 * Whether the builder's draft may be saved, and if not why, in words the Save button's tooltip, the
 * line under it and a refused Ctrl+S all show (issue 11 item 3). Errors block, warnings do not; the
 * name must be free among the workspace's segments and schemes (one namespace, names.ts). The engine
 * checks the same again on save, so no client can bypass it.
 */
import type { DefinitionSummary } from '../../../shared/api/segmentsApi';
import { nameProblem } from '../../../shared/segments/names';
import type { BuilderState } from '../builderTypes';

export function saveBlocker(b: BuilderState, definitions: readonly DefinitionSummary[]): string | null {
  const errors = b.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const what = errors.length === 1 ? 'the error' : `the ${errors.length} errors`;
    return `Cannot save yet: fix ${what} marked in red first. ${errors[0]!.message}`;
  }
  const name = nameProblem(b.name, definitions, b.file);
  return name ? `Cannot save under this name: ${name}.` : null;
}
