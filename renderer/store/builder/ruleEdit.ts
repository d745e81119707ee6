/**
 * Rule-builder edits as data (named actions: undo/redo and keyboard shortcuts reuse them), applied
 * by one pure function over the rule tree.
 */
import type { Condition, Rule } from '../../../shared/segments/model';
import {
  getAt,
  insertAt,
  isGroup,
  moveNode,
  removeAt,
  setGroupKind,
  toggleNot,
  updateAt,
  wrapAt,
  type GroupKind,
  type RulePath,
} from '../../../shared/segments/ruleTree';

export type RuleEdit =
  | { type: 'add'; group: RulePath; rule: Rule; index?: number }
  | { type: 'remove'; path: RulePath }
  | { type: 'replace'; path: RulePath; rule: Rule }
  | { type: 'patchCondition'; path: RulePath; patch: Partial<Condition> }
  | { type: 'move'; from: RulePath; toGroup: RulePath; index: number }
  | { type: 'setKind'; path: RulePath; kind: GroupKind }
  | { type: 'toggleNot'; path: RulePath }
  /** Group the node at `path` (with `add` after it): a single-condition root grows into a group. */
  | { type: 'wrap'; path: RulePath; kind: GroupKind; add?: Rule };

export function applyRuleEdit(rule: Rule, edit: RuleEdit): Rule {
  switch (edit.type) {
    case 'add':
      return insertAt(rule, edit.group, edit.rule, edit.index);
    case 'remove':
      // A rule that is one condition (a tier's, a filter's) empties to a group rather than vanish.
      return edit.path.length === 0 && !isGroup(rule) ? { all: [] } : removeAt(rule, edit.path);
    case 'replace':
      return updateAt(rule, edit.path, () => edit.rule);
    case 'patchCondition':
      return updateAt(rule, edit.path, (n) => {
        if (!('field' in n)) return n;
        const next: Record<string, unknown> = { ...n, ...edit.patch };
        // An operand set to undefined is removed, not written as a key.
        for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
        return next as unknown as Condition;
      });
    case 'move':
      return moveNode(rule, edit.from, edit.toGroup, edit.index);
    case 'setKind':
      return setGroupKind(rule, edit.path, edit.kind);
    case 'toggleNot':
      return toggleNot(rule, edit.path);
    case 'wrap':
      return wrapAt(rule, edit.path, edit.kind, edit.add);
  }
}

export { getAt };
