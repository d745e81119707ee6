/**
 * Immutable, path-based edits of a rule tree (react-querybuilder's queryTools): the rule builder's
 * store calls these; components never reshape the tree. A path is the list of keys from the root
 * rule, e.g. ['all', 1, 'not'] for `where.all[1].not`. Every function returns a new tree and leaves
 * its input untouched; a path that does not lead anywhere returns the input unchanged.
 */
import { isCondition, type Condition, type Rule } from './model';

export type RulePath = readonly (string | number)[];

/** `where.all[1].not` → ['all', 1, 'not'] (a leading `where`/`tiers[i].where` prefix is dropped). */
export function parseRulePath(text: string): RulePath {
  const body = text.replace(/^(?:where|tiers\[\d+\]\.where)\.?/, '');
  const out: (string | number)[] = [];
  for (const m of body.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}

export function formatRulePath(path: RulePath, root = 'where'): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : `${acc}.${k}`), root);
}

export function getRule(rule: Rule, path: RulePath): Rule | undefined {
  let node: unknown = rule;
  for (const k of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[k];
  }
  return node as Rule | undefined;
}

/** Replaces the node at `path` (the root when the path is empty). */
export function replaceRule(rule: Rule, path: RulePath, next: Rule): Rule {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (typeof rule !== 'object' || rule === null) return rule;
  const child = (rule as unknown as Record<string | number, unknown>)[head!];
  if (child === undefined) return rule;
  if (Array.isArray(rule)) return rule;
  if (Array.isArray(child) && typeof rest[0] === 'number') {
    const i = rest[0];
    if (i < 0 || i >= child.length) return rule;
    const list = child.slice();
    list[i] = replaceRule(child[i] as Rule, rest.slice(1), next);
    return { ...rule, [head!]: list } as Rule;
  }
  return { ...rule, [head!]: replaceRule(child as Rule, rest, next) } as Rule;
}

function groupList(rule: Rule | undefined): { key: 'all' | 'any'; list: Rule[] } | null {
  if (!rule || typeof rule !== 'object') return null;
  if ('all' in rule && Array.isArray(rule.all)) return { key: 'all', list: rule.all };
  if ('any' in rule && Array.isArray(rule.any)) return { key: 'any', list: rule.any };
  return null;
}

/** Inserts `node` into the all/any group at `groupPath` at `index` (default: at the end). */
export function insertRule(rule: Rule, groupPath: RulePath, node: Rule, index?: number): Rule {
  const group = getRule(rule, groupPath);
  const g = groupList(group);
  if (!g) return rule;
  const list = g.list.slice();
  list.splice(index === undefined ? list.length : Math.max(0, Math.min(index, list.length)), 0, node);
  return replaceRule(rule, groupPath, { ...group, [g.key]: list } as Rule);
}

/** Removes the node at `path` from its parent group; a `not` losing its child becomes `{"all": []}`. */
export function removeRule(rule: Rule, path: RulePath): Rule {
  if (path.length === 0) return { all: [] };
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const groupPath = path.slice(0, -2);
    const group = getRule(rule, groupPath);
    const g = groupList(group);
    if (!g || last >= g.list.length) return rule;
    return replaceRule(rule, groupPath, { ...group, [g.key]: g.list.filter((_, i) => i !== last) } as Rule);
  }
  return replaceRule(rule, path.slice(0, -1), { all: [] });
}

const MOVING: Rule = { sql: '\u0000moving' };

function dropMoving(rule: Rule): Rule {
  const g = groupList(rule);
  if (g) return { ...rule, [g.key]: g.list.filter((r) => r !== MOVING).map(dropMoving) } as unknown as Rule;
  if (rule && typeof rule === 'object' && 'not' in rule) return { ...rule, not: dropMoving(rule.not) };
  return rule;
}

/**
 * Moves the node at `from` into the all/any group at `toGroup`, before the child now at `index`
 * (indexes as they are before the move). Moving a node into itself returns the input.
 */
export function moveRule(rule: Rule, from: RulePath, toGroup: RulePath, index: number): Rule {
  const node = getRule(rule, from);
  if (node === undefined || from.length === 0) return rule;
  if (toGroup.length >= from.length && from.every((k, i) => toGroup[i] === k)) return rule;
  const marked = replaceRule(rule, from, MOVING);
  const inserted = insertRule(marked, toGroup, node, index);
  return inserted === marked ? rule : dropMoving(inserted);
}

/** Wraps the node at `path` in a new group (`not`, or a one-child `all`/`any`). */
export function wrapRule(rule: Rule, path: RulePath, kind: 'all' | 'any' | 'not'): Rule {
  const node = getRule(rule, path);
  if (node === undefined) return rule;
  return replaceRule(rule, path, kind === 'not' ? { not: node } : kind === 'all' ? { all: [node] } : { any: [node] });
}

/** Every condition and SQL rule with its path, in reading order (for funnels and explain). */
export function listLeaves(rule: Rule, path: RulePath = []): { path: RulePath; rule: Condition | { sql: string } }[] {
  if (!rule || typeof rule !== 'object') return [];
  const g = groupList(rule);
  if (g) return g.list.flatMap((r, i) => listLeaves(r, [...path, g.key, i]));
  if ('not' in rule) return listLeaves(rule.not, [...path, 'not']);
  if (isCondition(rule) || 'sql' in rule) return [{ path, rule: rule as Condition | { sql: string } }];
  return [];
}
