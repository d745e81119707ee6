/**
 * Which diagnostics belong beside which node: a condition owns its path and its operands'
 * (`where.all[1]`, `where.all[1].value`); a group only its own path (children show their own).
 * Diagnostics of rules, tiers and `otherwise` show beside them; the rest at the top of the builder.
 */
import type { Diagnostic } from '../../../shared/segments/model';

export function diagnosticsFor(all: Diagnostic[], path: string, leaf: boolean): Diagnostic[] {
  return all.filter(
    (d) => d.path === path || (leaf && (d.path.startsWith(`${path}.`) || d.path.startsWith(`${path}[`))),
  );
}

/** True for a path the rule editors show beside a rule, a tier or `otherwise` (not in the general list). */
export function shownBesideRules(path: string): boolean {
  return /^(where|tiers|otherwise|metrics\[\d+\]\.where)(?=$|[.[])/.test(path);
}
