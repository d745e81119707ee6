/**
 * Scheme edits as data (docs/definition-files.md, SPEC §5: ordered tiers, first match wins, then `otherwise`), applied
 * by one
 * pure function like RuleEdit: add, remove, reorder and rename tiers, and name the `otherwise`
 * tier. A tier's rule is edited with RuleEdit at its location (ruleLocation.ts). Every edit returns
 * a new definition and leaves the input untouched; an edit that cannot apply returns the input.
 * A scheme keeps at least one tier.
 */
import type { Rule, SchemeDefinition, Tier } from '../../../shared/segments/model';

export type TierEdit =
  /** A new tier at `index` (default: the end) with a free name and `where` (default: an empty all group). */
  | { type: 'addTier'; index?: number; name?: string; where?: Rule }
  | { type: 'removeTier'; index: number }
  /** Move the tier at `from` so that it ends up at index `to`. */
  | { type: 'moveTier'; from: number; to: number }
  | { type: 'renameTier'; index: number; name: string }
  | { type: 'setOtherwise'; name: string };

/** `base N` with the smallest N ≥ 1 that no tier and not `otherwise` is called. */
export function freeTierName(def: Pick<SchemeDefinition, 'tiers' | 'otherwise'>, base = 'Tier'): string {
  const taken = new Set([...def.tiers.map((t) => t.name), def.otherwise]);
  for (let n = 1; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

export function applyTierEdit(def: SchemeDefinition, edit: TierEdit): SchemeDefinition {
  const tiers = def.tiers;
  switch (edit.type) {
    case 'addTier': {
      const at = edit.index === undefined ? tiers.length : Math.max(0, Math.min(edit.index, tiers.length));
      const tier: Tier = { name: edit.name ?? freeTierName(def), where: edit.where ?? { all: [] } };
      return { ...def, tiers: [...tiers.slice(0, at), tier, ...tiers.slice(at)] };
    }
    case 'removeTier':
      if (tiers.length <= 1 || !tiers[edit.index]) return def;
      return { ...def, tiers: tiers.filter((_, i) => i !== edit.index) };
    case 'moveTier': {
      const { from, to } = edit;
      if (from === to || !tiers[from] || to < 0 || to >= tiers.length) return def;
      const rest = tiers.filter((_, i) => i !== from);
      return { ...def, tiers: [...rest.slice(0, to), tiers[from]!, ...rest.slice(to)] };
    }
    case 'renameTier': {
      const t = tiers[edit.index];
      if (!t || t.name === edit.name) return def;
      return { ...def, tiers: tiers.map((x, i) => (i === edit.index ? { ...x, name: edit.name } : x)) };
    }
    case 'setOtherwise':
      return def.otherwise === edit.name ? def : { ...def, otherwise: edit.name };
  }
}
