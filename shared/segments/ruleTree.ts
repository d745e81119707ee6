/**
 * Immutable, path-based edits of a rule tree (react-querybuilder's queryTools shape): the rule
 * builder's store edits through these, the engine's threshold explorer reads and replaces a node. A
 * path is the list of child indexes from the root; a `not` group has one child, index 0. Every edit
 * returns a new tree and leaves the input untouched; an edit at a path that does not exist returns
 * the input. `diagnosticPath` / `parseDiagnosticPath` translate to and from docs/cli.md, SPEC §7 paths.
 */
import type { Rule } from './model';

export type RulePath = readonly number[];
export type GroupKind = 'all' | 'any';

export function isGroup(rule: Rule): boolean {
  return 'all' in rule || 'any' in rule || 'not' in rule;
}

export function groupKind(rule: Rule): GroupKind | 'not' | null {
  if ('all' in rule) return 'all';
  if ('any' in rule) return 'any';
  if ('not' in rule) return 'not';
  return null;
}

/** Children of a group (a `not` has one), null for a leaf. */
export function childrenOf(rule: Rule): Rule[] | null {
  if ('all' in rule) return rule.all;
  if ('any' in rule) return rule.any;
  if ('not' in rule) return [rule.not];
  return null;
}

function withChildren(rule: Rule, children: Rule[]): Rule {
  if ('all' in rule) return { ...rule, all: children };
  if ('any' in rule) return { ...rule, any: children };
  if ('not' in rule) return children[0] ? { ...rule, not: children[0] } : rule;
  return rule;
}

export function getAt(rule: Rule, path: RulePath): Rule | undefined {
  let node: Rule | undefined = rule;
  for (const i of path) {
    const kids: Rule[] | null = node ? childrenOf(node) : null;
    node = kids ? kids[i] : undefined;
    if (!node) return undefined;
  }
  return node;
}

/** Replace the node at `path` with `fn(node)`. */
export function updateAt(rule: Rule, path: RulePath, fn: (node: Rule) => Rule): Rule {
  if (path.length === 0) return fn(rule);
  const [head, ...rest] = path as number[];
  const kids = childrenOf(rule);
  const child = kids?.[head!];
  if (!kids || !child) return rule;
  const next = updateAt(child, rest, fn);
  if (next === child) return rule;
  return withChildren(
    rule,
    kids.map((k, i) => (i === head ? next : k)),
  );
}

/** Insert `child` into the all/any group at `groupPath` at `index` (default: the end). */
export function insertAt(rule: Rule, groupPath: RulePath, child: Rule, index?: number): Rule {
  return updateAt(rule, groupPath, (g) => {
    if (!('all' in g) && !('any' in g)) return g;
    const kids = childrenOf(g)!;
    const at = index === undefined ? kids.length : Math.max(0, Math.min(index, kids.length));
    return withChildren(g, [...kids.slice(0, at), child, ...kids.slice(at)]);
  });
}

/** Remove the node at `path` (the root cannot be removed; a `not`'s only child neither — remove the `not`). */
export function removeAt(rule: Rule, path: RulePath): Rule {
  if (path.length === 0) return rule;
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1]!;
  return updateAt(rule, parentPath, (g) => {
    if (!('all' in g) && !('any' in g)) return g;
    const kids = childrenOf(g)!;
    if (index >= kids.length) return g;
    return withChildren(
      g,
      kids.filter((_, i) => i !== index),
    );
  });
}

function isPrefix(a: RulePath, b: RulePath): boolean {
  return a.length <= b.length && a.every((v, i) => b[i] === v);
}

/**
 * Move the node at `from` into the group at `toGroup` at `index` (index as in the group before the
 * move). Moving a group into itself or its descendants is refused (returns the input).
 */
export function moveNode(rule: Rule, from: RulePath, toGroup: RulePath, index: number): Rule {
  if (from.length === 0 || isPrefix(from, toGroup)) return rule;
  const node = getAt(rule, from);
  const target = getAt(rule, toGroup);
  if (!node || !target || !('all' in target || 'any' in target)) return rule;
  const fromParent = from.slice(0, -1);
  const fromIndex = from[from.length - 1]!;
  // Removing first shifts later siblings (and the target path) when they share the parent.
  let adjustedTarget = [...toGroup];
  if (isPrefix(fromParent, toGroup) && toGroup.length > fromParent.length && toGroup[fromParent.length]! > fromIndex) {
    adjustedTarget[fromParent.length]!--;
  }
  let adjustedIndex = index;
  if (fromParent.length === toGroup.length && isPrefix(fromParent, toGroup) && fromIndex < index) adjustedIndex--;
  const removed = removeAt(rule, from);
  adjustedTarget = adjustedTarget.slice();
  return insertAt(removed, adjustedTarget, node, adjustedIndex);
}

/** Switch an all/any group's kind, keeping its children. */
export function setGroupKind(rule: Rule, path: RulePath, kind: GroupKind): Rule {
  return updateAt(rule, path, (g) => {
    const kids = 'all' in g ? g.all : 'any' in g ? g.any : null;
    if (!kids) return g;
    return kind === 'all' ? { all: kids } : { any: kids };
  });
}

/** Wrap the node in `not`, or unwrap a `not`. */
export function toggleNot(rule: Rule, path: RulePath): Rule {
  return updateAt(rule, path, (n) => ('not' in n ? n.not : { not: n }));
}

/**
 * Put the node at `path` in a new `kind` group, followed by `add` when given: how a rule that is a
 * single condition (a tier's `where`, a filter from a file) grows a second condition or a group.
 */
export function wrapAt(rule: Rule, path: RulePath, kind: GroupKind, add?: Rule): Rule {
  return updateAt(rule, path, (n) => {
    const kids = add === undefined ? [n] : [n, add];
    return kind === 'all' ? { all: kids } : { any: kids };
  });
}

/** The diagnostics path (docs/cli.md, SPEC §7 style) of a node: `where.all[1].not.any[0]`. */
export function diagnosticPath(rule: Rule, path: RulePath, root = 'where'): string {
  let out = root;
  let node: Rule | undefined = rule;
  for (const i of path) {
    if (!node) break;
    if ('all' in node) {
      out += `.all[${i}]`;
      node = node.all[i];
    } else if ('any' in node) {
      out += `.any[${i}]`;
      node = node.any[i];
    } else if ('not' in node) {
      out += '.not';
      node = node.not;
    } else break;
  }
  return out;
}

/**
 * The index path of a diagnostics path (`where.all[1].not`, `tiers[2].where.any[0]`) in `rule`, or
 * undefined when the text does not name a node of this rule (a step whose group kind differs, an
 * index past the end, an unknown word): the inverse of `diagnosticPath`.
 */
export function parseDiagnosticPath(rule: Rule, text: string): RulePath | undefined {
  const rest = text.replace(/^(?:where|tiers\[\d+\]\.where)/, '');
  const body = rest === '' || rest.startsWith('.') ? rest : `.${rest}`;
  const path: number[] = [];
  let node: Rule | undefined = rule;
  for (const m of body.matchAll(/\.(all|any)\[(\d+)\]|\.(not)|(.)/g)) {
    if (m[4] !== undefined || !node) return undefined;
    const kind = (m[1] ?? m[3]) as 'all' | 'any' | 'not';
    if (groupKind(node) !== kind) return undefined;
    const i = kind === 'not' ? 0 : Number(m[2]);
    node = childrenOf(node)![i];
    if (!node) return undefined;
    path.push(i);
  }
  return path;
}

/**
 * The rule with constant groups folded away (`{all: []}` is true, `{any: []}` is false): a group
 * with a deciding constant child is that constant, other constants drop out, `not` of a constant
 * flips it; true or false when the whole rule is constant. Equivalent in SQL's three-valued logic
 * (FALSE AND NULL is FALSE, TRUE OR NULL is TRUE), so a caller can tell "never" and "always"
 * without running a query (the threshold explorer skips rows that can never be members).
 */
export function foldConstants(rule: Rule): Rule | boolean {
  if ('not' in rule) {
    const inner = foldConstants(rule.not);
    return typeof inner === 'boolean' ? !inner : { ...rule, not: inner };
  }
  if (!('all' in rule) && !('any' in rule)) return rule;
  const isAll = 'all' in rule;
  const kept: Rule[] = [];
  for (const child of childrenOf(rule)!) {
    const folded = foldConstants(child);
    if (folded === !isAll) return !isAll; // FALSE in an all, TRUE in an any decides it
    if (folded !== isAll) kept.push(folded as Rule);
  }
  if (!kept.length) return isAll;
  return kept.length === 1 ? kept[0]! : withChildren(rule, kept);
}
