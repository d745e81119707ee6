/**
 * Where a rule lives in a definition, so one set of rule editors (and one RuleEdit) serves them all:
 * a segment's `where`, a scheme tier's `where`, and an aggregate metric's `where` filter. Pure.
 * Reading a location that does not exist gives undefined; writing one returns the input unchanged
 * (a stale location after a tier or metric was removed edits nothing).
 */
import { childPath, isSchemeDefinition, type Definition, type Metric, type Rule } from '../../../shared/segments/model';

export type RuleLocation =
  | { kind: 'where' }
  | { kind: 'tier'; index: number }
  /** The `where` of the aggregate metric at `index` of `metrics`. */
  | { kind: 'metric'; index: number };

export const WHERE: RuleLocation = { kind: 'where' };

/** The location's path as diagnostics print it: `where`, `tiers[1].where`, `metrics[0].where`. */
export function locationPath(at: RuleLocation): string {
  switch (at.kind) {
    case 'where':
      return 'where';
    case 'tier':
      return `${childPath('tiers', at.index)}.where`;
    case 'metric':
      return `${childPath('metrics', at.index)}.where`;
  }
}

/** A short id prefix for the location's controls (test ids, datalist ids): '' keeps the segment's ids as they were. */
export function locationIdPrefix(at: RuleLocation): string {
  return at.kind === 'where' ? '' : at.kind === 'tier' ? `tier${at.index}-` : `agg${at.index}-`;
}

export function ruleAt(def: Definition, at: RuleLocation): Rule | undefined {
  switch (at.kind) {
    case 'where':
      return isSchemeDefinition(def) ? undefined : def.where;
    case 'tier':
      return isSchemeDefinition(def) ? def.tiers[at.index]?.where : undefined;
    case 'metric': {
      const m = def.metrics?.[at.index];
      return m?.kind === 'aggregate' ? m.where : undefined;
    }
  }
}

/**
 * The definition with the rule at `at` replaced. `undefined` removes an aggregate's filter (a
 * segment's or tier's rule cannot be removed: the input comes back).
 */
export function withRuleAt(def: Definition, at: RuleLocation, rule: Rule | undefined): Definition {
  if (rule !== undefined && rule === ruleAt(def, at)) return def;
  switch (at.kind) {
    case 'where':
      return isSchemeDefinition(def) || rule === undefined ? def : { ...def, where: rule };
    case 'tier': {
      if (!isSchemeDefinition(def) || rule === undefined || !def.tiers[at.index]) return def;
      return { ...def, tiers: def.tiers.map((t, i) => (i === at.index ? { ...t, where: rule } : t)) };
    }
    case 'metric': {
      const m = def.metrics?.[at.index];
      if (!m || m.kind !== 'aggregate') return def;
      const { where: _old, ...rest } = m;
      const next: Metric = rule === undefined ? rest : { ...rest, where: rule };
      return { ...def, metrics: def.metrics!.map((x, i) => (i === at.index ? next : x)) };
    }
  }
}
