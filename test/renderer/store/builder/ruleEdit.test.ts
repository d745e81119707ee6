import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../../shared/segments/model';
import { applyRuleEdit } from '../../../../renderer/store/builder/ruleEdit';

const a: Rule = { field: 'a', op: 'isTrue' };
const b: Rule = { field: 'b', op: 'isTrue' };
const c: Rule = { field: 'c', op: 'isTrue' };
const d: Rule = { field: 'd', op: 'isTrue' };
const tree: Rule = { all: [a, { any: [b, c] }, { not: d }] };

describe('rule edits from the builder', () => {
  it('a single-condition rule grows into a group with the new node', () => {
    expect(applyRuleEdit(a, { type: 'wrap', path: [], kind: 'all', add: { any: [] } })).toEqual({
      all: [a, { any: [] }],
    });
  });

  it('removing a single-condition rule leaves an empty group; a root group is never removed', () => {
    expect(applyRuleEdit(a, { type: 'remove', path: [] })).toEqual({ all: [] });
    expect(applyRuleEdit({ sql: 'x > 1' }, { type: 'remove', path: [] })).toEqual({ all: [] });
    expect(applyRuleEdit(tree, { type: 'remove', path: [] })).toBe(tree);
    expect(applyRuleEdit(tree, { type: 'remove', path: [0] })).toEqual({ all: [{ any: [b, c] }, { not: d }] });
  });
});
