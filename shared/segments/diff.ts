/**
 * Readable differences between two definitions (§6 Versions): "inactive_days ≤ 7 → ≤ 3",
 * "added: plan in [pro]", "removed: …", metric and as-of changes, scheme tiers by name.
 * Children of a group are matched first by equality, then conditions by field, then groups of the
 * same kind in order; whatever is left is added or removed. The `fields` record is not a change of meaning and is
 * ignored.
 */
import { canonicalJson } from './canonicalJson';
import { describeMetric, describeOperation, describeRule } from './describe';
import {
  childPath,
  isCondition,
  isSchemeDefinition,
  type AsOf,
  type Definition,
  type Metric,
  type Rule,
} from './model';

export interface DiffEntry {
  kind: 'added' | 'removed' | 'changed';
  /** Where in the newer definition (or the older one, for removals), e.g. `where.all[1]`. */
  path: string;
  text: string;
}

const same = (a: unknown, b: unknown) => {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
};

function groupKind(r: Rule): 'all' | 'any' | 'not' | null {
  if (!r || typeof r !== 'object') return null;
  return 'all' in r ? 'all' : 'any' in r ? 'any' : 'not' in r ? 'not' : null;
}

/** The child list of an all/any group. */
function children(r: Rule): Rule[] {
  return 'all' in r ? r.all : 'any' in r ? r.any : [];
}

function diffRule(a: Rule, b: Rule, path: string, prefix: string, out: DiffEntry[]): void {
  if (same(a, b)) return;
  const ka = groupKind(a);
  const kb = groupKind(b);
  if (ka === 'not' && kb === 'not') {
    diffRule((a as { not: Rule }).not, (b as { not: Rule }).not, childPath(path, 'not'), prefix, out);
    return;
  }
  if (ka && ka === kb && ka !== 'not') {
    diffList(children(a), children(b), childPath(path, ka), prefix, out);
    return;
  }
  if (ka && kb && ka !== kb && ka !== 'not' && kb !== 'not' && same(children(a), children(b))) {
    out.push({
      kind: 'changed',
      path,
      text: `${prefix}${ka === 'all' ? 'all of' : 'any of'} → ${kb === 'all' ? 'all of' : 'any of'}`,
    });
    return;
  }
  if (isCondition(a) && isCondition(b) && a.field === b.field) {
    out.push({ kind: 'changed', path, text: `${prefix}${a.field} ${describeOperation(a)} → ${describeOperation(b)}` });
    return;
  }
  out.push({ kind: 'changed', path, text: `${prefix}${describeRule(a)} → ${describeRule(b)}` });
}

function diffList(a: Rule[], b: Rule[], path: string, prefix: string, out: DiffEntry[]): void {
  if (!Array.isArray(a) || !Array.isArray(b)) {
    out.push({ kind: 'changed', path, text: `${prefix}rule changed` });
    return;
  }
  const pairedB = new Map<number, number>(); // index in b → index in a
  const usedA = new Set<number>();
  const pair = (test: (x: Rule, y: Rule) => boolean) => {
    b.forEach((y, j) => {
      if (pairedB.has(j)) return;
      const i = a.findIndex((x, k) => !usedA.has(k) && test(x, y));
      if (i >= 0) {
        usedA.add(i);
        pairedB.set(j, i);
      }
    });
  };
  pair(same);
  pair((x, y) => isCondition(x) && isCondition(y) && x.field === y.field);
  pair((x, y) => groupKind(x) !== null && groupKind(x) === groupKind(y));
  a.forEach((x, i) => {
    if (!usedA.has(i))
      out.push({ kind: 'removed', path: childPath(path, i), text: `${prefix}removed: ${describeRule(x)}` });
  });
  b.forEach((y, j) => {
    const i = pairedB.get(j);
    if (i === undefined)
      out.push({ kind: 'added', path: childPath(path, j), text: `${prefix}added: ${describeRule(y)}` });
    else diffRule(a[i]!, y, childPath(path, j), prefix, out);
  });
}

function describeAsOf(a: AsOf | undefined): string {
  if (!a) return 'snapshot';
  return a.kind === 'fixed' ? `fixed ${a.at}` : a.kind;
}

function diffMetrics(a: Metric[], b: Metric[], out: DiffEntry[]): void {
  const byName = (list: Metric[]) =>
    new Map(list.filter((m) => m && typeof m.name === 'string').map((m) => [m.name, m]));
  const ma = byName(a);
  const mb = byName(b);
  for (const [name, m] of ma)
    if (!mb.has(name))
      out.push({ kind: 'removed', path: 'metrics', text: `removed metric ${name}: ${describeMetric(m)}` });
  b.forEach((m, j) => {
    const old = ma.get(m.name);
    if (!old)
      out.push({ kind: 'added', path: childPath('metrics', j), text: `added metric ${m.name}: ${describeMetric(m)}` });
    else if (!same(old, m))
      out.push({
        kind: 'changed',
        path: childPath('metrics', j),
        text: `metric ${m.name}: ${describeMetric(old)} → ${describeMetric(m)}`,
      });
  });
}

/** What changed from definition `a` (older) to `b` (newer); empty when they mean the same. */
export function diffDefinitions(a: Definition, b: Definition): DiffEntry[] {
  const out: DiffEntry[] = [];
  if (!same(a.entity, b.entity))
    out.push({
      kind: 'changed',
      path: 'entity',
      text: `entity: ${a.entity?.table}.${a.entity?.key} → ${b.entity?.table}.${b.entity?.key}`,
    });
  if (!same(a.asOf ?? { kind: 'snapshot' }, b.asOf ?? { kind: 'snapshot' }))
    out.push({ kind: 'changed', path: 'asOf', text: `as-of: ${describeAsOf(a.asOf)} → ${describeAsOf(b.asOf)}` });
  diffMetrics(Array.isArray(a.metrics) ? a.metrics : [], Array.isArray(b.metrics) ? b.metrics : [], out);
  if (isSchemeDefinition(a) && isSchemeDefinition(b)) {
    const ta = new Map(a.tiers.map((t) => [t.name, t]));
    const tb = new Map(b.tiers.map((t) => [t.name, t]));
    for (const t of a.tiers)
      if (!tb.has(t.name))
        out.push({ kind: 'removed', path: 'tiers', text: `removed tier ${t.name}: ${describeRule(t.where)}` });
    b.tiers.forEach((t, j) => {
      const old = ta.get(t.name);
      if (!old)
        out.push({
          kind: 'added',
          path: childPath('tiers', j),
          text: `added tier ${t.name}: ${describeRule(t.where)}`,
        });
      else diffRule(old.where, t.where, `${childPath('tiers', j)}.where`, `tier ${t.name}: `, out);
    });
    const orderA = a.tiers.map((t) => t.name).filter((n) => tb.has(n));
    const orderB = b.tiers.map((t) => t.name).filter((n) => ta.has(n));
    if (!same(orderA, orderB))
      out.push({ kind: 'changed', path: 'tiers', text: `tier order: ${orderA.join(', ')} → ${orderB.join(', ')}` });
    if (a.otherwise !== b.otherwise)
      out.push({ kind: 'changed', path: 'otherwise', text: `otherwise: ${a.otherwise} → ${b.otherwise}` });
  } else if (!isSchemeDefinition(a) && !isSchemeDefinition(b)) {
    diffRule(a.where, b.where, 'where', '', out);
  } else {
    out.push({ kind: 'changed', path: '', text: 'a segment and a scheme cannot be compared rule by rule' });
  }
  return out;
}
