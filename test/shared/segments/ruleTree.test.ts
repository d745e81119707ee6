import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../shared/segments/model';
import { formatRulePath, getRule, insertRule, listLeaves, moveRule, parseRulePath, removeRule, replaceRule, wrapRule } from '../../../shared/segments/ruleTree';

const a = { field: 'a', op: 'isEmpty' } as const;
const b = { field: 'b', op: 'isTrue' } as const;
const c = { field: 'c', op: 'isFalse' } as const;
const tree: Rule = { all: [a, { any: [b, { not: c }] }] };
const frozen = JSON.stringify(tree);

describe('rule tree edits', () => {
  it('parses and formats paths', () => {
    expect(parseRulePath('where.all[1].any[0]')).toEqual(['all', 1, 'any', 0]);
    expect(parseRulePath('tiers[2].where.not')).toEqual(['not']);
    expect(formatRulePath(['all', 1, 'not'])).toBe('where.all[1].not');
    expect(getRule(tree, ['all', 1, 'any', 1, 'not'])).toEqual(c);
  });
  it('replaces, inserts, removes and wraps without touching the input', () => {
    expect(replaceRule(tree, ['all', 0], c)).toEqual({ all: [c, { any: [b, { not: c }] }] });
    expect(insertRule(tree, ['all', 1], a, 1)).toEqual({ all: [a, { any: [b, a, { not: c }] }] });
    expect(insertRule(tree, [], b)).toEqual({ all: [a, { any: [b, { not: c }] }, b] });
    expect(removeRule(tree, ['all', 1, 'any', 0])).toEqual({ all: [a, { any: [{ not: c }] }] });
    expect(removeRule(tree, ['all', 1, 'any', 1, 'not'])).toEqual({ all: [a, { any: [b, { all: [] }] }] });
    expect(wrapRule(tree, ['all', 0], 'not')).toEqual({ all: [{ not: a }, { any: [b, { not: c }] }] });
    expect(insertRule(tree, ['all', 0], b)).toBe(tree); // not a group
    expect(JSON.stringify(tree)).toBe(frozen);
  });
  it('moves nodes within and across groups, never into themselves', () => {
    expect(moveRule(tree, ['all', 0], ['all', 1], 1)).toEqual({ all: [{ any: [b, a, { not: c }] }] });
    expect(moveRule(tree, ['all', 1, 'any', 0], [], 0)).toEqual({ all: [b, a, { any: [{ not: c }] }] });
    expect(moveRule(tree, ['all', 0], [], 2)).toEqual({ all: [{ any: [b, { not: c }] }, a] });
    expect(moveRule(tree, ['all', 1], ['all', 1], 0)).toBe(tree);
    expect(JSON.stringify(tree)).toBe(frozen);
  });
  it('lists leaves with their paths in reading order', () => {
    expect(listLeaves(tree).map((l) => formatRulePath(l.path))).toEqual(['where.all[0]', 'where.all[1].any[0]', 'where.all[1].any[1].not']);
  });
});
