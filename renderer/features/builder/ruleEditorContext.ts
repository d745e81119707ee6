/**
 * The rule a set of rule editors works on: its location in the definition (a segment's `where`, a
 * tier's, an aggregate's filter), the rule itself (diagnostic paths are computed from it), the
 * prefix of the controls' ids, the table its conditions read, and the edit that applies a RuleEdit
 * there. Given by RuleEditor; GroupView, ConditionRow, SqlRuleRow, ValueEditor and MoveButtons read
 * it instead of assuming the segment's `where`.
 */
import { createContext, useContext } from 'react';
import type { Rule } from '../../../shared/segments/model';
import type { RuleEdit } from '../../store/builder/ruleEdit';
import type { RuleLocation } from '../../store/builder/ruleLocation';
import type { RulePath } from '../../../shared/segments/ruleTree';

export interface RuleEditorScope {
  at: RuleLocation;
  root: Rule;
  /** The location as diagnostics print it (`where`, `tiers[1].where`, `metrics[0].where`). */
  rootPath: string;
  idPrefix: string;
  /** The table the conditions read when it is not the entity's (an aggregate's related table). */
  table: string | null;
  edit(edit: RuleEdit): void;
}

const RuleEditorContext = createContext<RuleEditorScope | null>(null);

export const RuleEditorProvider = RuleEditorContext.Provider;

export function useRuleEditor(): RuleEditorScope {
  const scope = useContext(RuleEditorContext);
  if (!scope) throw new Error('rule editors must be inside a RuleEditor');
  return scope;
}

/** The related table of the rule being edited, or null (the entity's table, or outside a rule). */
export function useRuleTable(): string | null {
  return useContext(RuleEditorContext)?.table ?? null;
}

/** A control's id at `path`: `field-1-0`, `tier0-field-1-0`, `group-root`, … */
export function controlId(scope: Pick<RuleEditorScope, 'idPrefix'>, name: string, path: RulePath): string {
  return `${scope.idPrefix}${name}-${path.join('-') || 'root'}`;
}
