/**
 * Which diagnostics belong beside which node: a condition owns its path and its operands'
 * (`where.all[1]`, `where.all[1].value`); a group only its own path (children show their own).
 */
import type { Diagnostic } from '../../../shared/segments/model';

export function diagnosticsFor(all: Diagnostic[], path: string, leaf: boolean): Diagnostic[] {
  return all.filter((d) => d.path === path || (leaf && (d.path.startsWith(`${path}.`) || d.path.startsWith(`${path}[`))));
}
