/**
 * "Unsaved changes", derived in one place from what was last saved (or opened): the builder's Save
 * button and note, its Ctrl+S, "compare with" and export (which use the saved file when the rule
 * is the file's), and the compare view's dot all ask here.
 */
import { comparisonStateOf, keyOf } from './compare/request';
import type { CompareView } from './compareTypes';
import type { BuilderState } from './builderTypes';

/** The rule differs from the file's latest version (always, for a draft never saved). */
export function ruleUnsaved(b: BuilderState): boolean {
  return b.savedJson !== JSON.stringify(b.definition);
}

/** The builder's file holds exactly this rule as its latest version: a run can name the file. */
export function savedRuleShown(b: BuilderState): b is BuilderState & { file: string } {
  return b.file !== null && !ruleUnsaved(b);
}

/**
 * What a name that follows the builder's rule carries: " (draft)" while the rule differs from its
 * file's latest version (or was never saved), nothing while it is that version (the same rows).
 */
export function draftSuffix(b: BuilderState | null): string {
  return b && savedRuleShown(b) ? '' : ' (draft)';
}

/** Unsaved changes in the builder: the rule, or the name and description (they save without a new version). */
export function isDirty(b: BuilderState): boolean {
  const m = b.savedMeta;
  return ruleUnsaved(b) || (m !== null && (m.name !== b.name || m.description !== b.description));
}

/** A saved comparison whose choices moved since it was saved (or opened); an unsaved one is not "dirty". */
export function isComparisonDirty(view: CompareView | null): boolean {
  return view?.saved ? keyOf(comparisonStateOf(view)) !== view.savedJson : false;
}
