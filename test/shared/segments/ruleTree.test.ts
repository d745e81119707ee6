import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Rule } from '../../../shared/segments/model';
import {
  diagnosticPath,
  foldConstants,
  getAt,
  insertAt,
  moveNode,
  parseDiagnosticPath,
  removeAt,
  setGroupKind,
  toggleNot,
  updateAt,
  wrapAt,
} from '../../../shared/segments/ruleTree';

const a: Rule = { field: 'a', op: 'isTrue' };
const b: Rule = { field: 'b', op: 'isTrue' };
const c: Rule = { field: 'c', op: 'isTrue' };
const d: Rule = { field: 'd', op: 'isTrue' };
const tree: Rule = { all: [a, { any: [b, c] }, { not: d }] };

describe('rule tree edits', () => {
  it('reads nodes by path, through not groups', () => {
    expect(getAt(tree, [])).toBe(tree);
    expect(getAt(tree, [1, 1])).toBe(c);
    expect(getAt(tree, [2, 0])).toBe(d);
    expect(getAt(tree, [5])).toBeUndefined();
    expect(getAt(tree, [0, 0])).toBeUndefined();
  });

  it('inserts, updates and removes immutably', () => {
    const frozen = JSON.stringify(tree);
    expect(insertAt(tree, [1], a, 1)).toEqual({ all: [a, { any: [b, a, c] }, { not: d }] });
    expect(insertAt(tree, [], c)).toEqual({ all: [a, { any: [b, c] }, { not: d }, c] });
    expect(insertAt(tree, [0], c)).toBe(tree); // a leaf is not a group
    expect(updateAt(tree, [2, 0], () => a)).toEqual({ all: [a, { any: [b, c] }, { not: a }] });
    expect(removeAt(tree, [1, 0])).toEqual({ all: [a, { any: [c] }, { not: d }] });
    expect(removeAt(tree, [2, 0])).toBe(tree); // remove the not itself instead
    expect(removeAt(tree, [])).toBe(tree);
    expect(JSON.stringify(tree)).toBe(frozen);
    // Untouched branches keep their identity (cheap re-renders).
    const next = removeAt(tree, [1, 0]) as { all: Rule[] };
    expect(next.all[0]).toBe(a);
    expect(next.all[2]).toBe((tree as { all: Rule[] }).all[2]);
  });

  it('moves within a group and across groups, adjusting for the removal', () => {
    expect(moveNode(tree, [0], [], 2)).toEqual({ all: [{ any: [b, c] }, a, { not: d }] });
    expect(moveNode(tree, [2], [], 0)).toEqual({ all: [{ not: d }, a, { any: [b, c] }] });
    // Into a later sibling group: the group's index shifts after the removal.
    expect(moveNode(tree, [0], [1], 0)).toEqual({ all: [{ any: [a, b, c] }, { not: d }] });
    // Out of a nested group to the root.
    expect(moveNode(tree, [1, 1], [], 0)).toEqual({ all: [c, a, { any: [b] }, { not: d }] });
    // Never into itself.
    expect(moveNode(tree, [1], [1], 0)).toBe(tree);
  });

  it('switches group kind and toggles not', () => {
    expect(setGroupKind(tree, [1], 'all')).toEqual({ all: [a, { all: [b, c] }, { not: d }] });
    expect(toggleNot(tree, [2])).toEqual({ all: [a, { any: [b, c] }, d] });
    expect(toggleNot(tree, [0])).toEqual({ all: [{ not: a }, { any: [b, c] }, { not: d }] });
  });

  it('names nodes the way diagnostics do', () => {
    expect(diagnosticPath(tree, [])).toBe('where');
    expect(diagnosticPath(tree, [1, 1])).toBe('where.all[1].any[1]');
    expect(diagnosticPath(tree, [2, 0])).toBe('where.all[2].not');
  });

  it('names nodes under another root (a tier, a metric filter)', () => {
    expect(diagnosticPath(tree, [1, 0], 'tiers[2].where')).toBe('tiers[2].where.all[1].any[0]');
    expect(diagnosticPath(a, [], 'metrics[0].where')).toBe('metrics[0].where');
  });

  it('groups a node with a new one: a single-condition rule grows, any node can be wrapped', () => {
    expect(wrapAt(a, [], 'all', b)).toEqual({ all: [a, b] });
    expect(wrapAt(a, [], 'any')).toEqual({ any: [a] });
    expect(wrapAt(tree, [1, 0], 'all', d)).toEqual({ all: [a, { any: [{ all: [b, d] }, c] }, { not: d }] });
    expect(wrapAt(tree, [7], 'all', d)).toBe(tree);
  });

  it('reads a diagnostics path back to the node it names, refusing one this rule does not have', () => {
    expect(parseDiagnosticPath(tree, 'where')).toEqual([]);
    expect(parseDiagnosticPath(tree, 'where.all[1].any[1]')).toEqual([1, 1]);
    expect(parseDiagnosticPath(tree, 'where.all[2].not')).toEqual([2, 0]);
    expect(parseDiagnosticPath(tree, 'tiers[3].where.all[0]')).toEqual([0]);
    expect(parseDiagnosticPath(a, 'where')).toEqual([]);
    // The group kind must match, the index must exist, and nothing else may follow.
    expect(parseDiagnosticPath(tree, 'where.any[0]')).toBeUndefined();
    expect(parseDiagnosticPath(tree, 'where.all[3]')).toBeUndefined();
    expect(parseDiagnosticPath(tree, 'where.all[0].not')).toBeUndefined();
    expect(parseDiagnosticPath(tree, 'where.all[0].sql')).toBeUndefined();
  });
});

describe('foldConstants', () => {
  const T: Rule = { all: [] };
  const F: Rule = { any: [] };

  it('folds deciding constants, drops neutral ones and flips them under not', () => {
    expect(foldConstants({ all: [F, a] })).toBe(false);
    expect(foldConstants({ all: [T, a] })).toEqual(a);
    expect(foldConstants({ all: [T, a, b] })).toEqual({ all: [a, b] });
    expect(foldConstants({ any: [T, a] })).toBe(true);
    expect(foldConstants({ any: [F, a, { not: T }] })).toEqual(a);
    expect(foldConstants({ not: { all: [a, F] } })).toBe(true);
    expect(foldConstants({ not: { all: [a, T] } })).toEqual({ not: a });
    expect(foldConstants({ all: [{ any: [F, F] }, a] })).toBe(false);
    expect(foldConstants(tree)).toEqual(tree);
  });

  // Three-valued logic as SQL has it (null = unknown), to check the fold against the original.
  type V = boolean | null;
  const evaluate = (rule: Rule, leaf: (name: string) => V): V => {
    if ('not' in rule) {
      const v = evaluate(rule.not, leaf);
      return v === null ? null : !v;
    }
    if ('all' in rule || 'any' in rule) {
      const isAll = 'all' in rule;
      const vs = (isAll ? rule.all : rule.any).map((r) => evaluate(r, leaf));
      if (vs.includes(!isAll)) return !isAll;
      return vs.includes(null) ? null : isAll;
    }
    return leaf((rule as { field: string }).field);
  };
  const leafRule = fc.constantFrom<Rule>(a, b, c, { all: [] }, { any: [] });
  const rules = fc.letrec<{ rule: Rule }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafRule,
      fc.array(tie('rule'), { maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('rule'), { maxLength: 3 }).map((any) => ({ any })),
      tie('rule').map((not) => ({ not })),
    ),
  })).rule;

  it('gives the same value as the original for every assignment of its leaves, NULL included', () => {
    fc.assert(
      fc.property(rules, fc.array(fc.constantFrom<V>(true, false, null), { minLength: 3, maxLength: 3 }), (r, vals) => {
        const leaf = (name: string) => vals['abc'.indexOf(name)]!;
        const folded = foldConstants(r);
        const expected = evaluate(r, leaf);
        expect(typeof folded === 'boolean' ? folded : evaluate(folded, leaf)).toBe(expected);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
