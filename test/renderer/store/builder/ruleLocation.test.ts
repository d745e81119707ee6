import { describe, expect, it } from 'vitest';
import type { Definition, Rule, SchemeDefinition, SegmentDefinition } from '../../../../shared/segments/model';
import {
  locationIdPrefix,
  locationPath,
  ruleAt,
  withRuleAt,
  WHERE,
} from '../../../../renderer/store/builder/ruleLocation';

const a: Rule = { field: 'plan', op: 'eq', value: 'pro' };
const b: Rule = { field: 'mrr', op: 'gte', value: 100 };
const billable: Rule = { field: 'billable', op: 'isTrue' };
const entity = { table: 'accounts', key: 'account_id' };
const tickets = {
  name: 'tickets_30d',
  kind: 'aggregate' as const,
  from: 'tickets',
  on: { entity: 'account_id', related: 'account_id' },
  fn: 'count' as const,
  where: billable,
};
const days = { name: 'age', kind: 'daysSince' as const, of: 'signup_date' };

const segment: SegmentDefinition = { entity, metrics: [days, tickets], where: { all: [a] } };
const scheme: SchemeDefinition = {
  entity,
  tiers: [
    { name: 'High', where: b },
    { name: 'Pro', where: { any: [a] } },
  ],
  otherwise: 'Low',
};

describe('rule locations', () => {
  it('print as diagnostics do and give distinct id prefixes (the segment keeps its ids)', () => {
    expect(locationPath(WHERE)).toBe('where');
    expect(locationPath({ kind: 'tier', index: 1 })).toBe('tiers[1].where');
    expect(locationPath({ kind: 'metric', index: 0 })).toBe('metrics[0].where');
    expect(
      [WHERE, { kind: 'tier' as const, index: 0 }, { kind: 'metric' as const, index: 0 }].map(locationIdPrefix),
    ).toEqual(['', 'tier0-', 'agg0-']);
  });

  it('read the rule where it lives, undefined where there is none', () => {
    expect(ruleAt(segment, WHERE)).toBe(segment.where);
    expect(ruleAt(segment, { kind: 'metric', index: 1 })).toBe(billable);
    expect(ruleAt(segment, { kind: 'metric', index: 0 })).toBeUndefined(); // daysSince has no filter
    expect(ruleAt(segment, { kind: 'tier', index: 0 })).toBeUndefined();
    expect(ruleAt(scheme, { kind: 'tier', index: 1 })).toEqual({ any: [a] });
    expect(ruleAt(scheme, { kind: 'tier', index: 2 })).toBeUndefined();
    expect(ruleAt(scheme, WHERE)).toBeUndefined();
  });

  it('write a tier rule without touching the others or the input', () => {
    const frozen = JSON.stringify(scheme);
    const next = withRuleAt(scheme, { kind: 'tier', index: 0 }, { all: [b, a] }) as SchemeDefinition;
    expect(next.tiers).toEqual([
      { name: 'High', where: { all: [b, a] } },
      { name: 'Pro', where: { any: [a] } },
    ]);
    expect(next.tiers[1]).toBe(scheme.tiers[1]);
    expect(next.otherwise).toBe('Low');
    expect(JSON.stringify(scheme)).toBe(frozen);
  });

  it("write and remove an aggregate's filter; other metrics keep their identity", () => {
    const wider = withRuleAt(
      segment,
      { kind: 'metric', index: 1 },
      { all: [billable, { field: 'priority', op: 'in', values: ['high', 'urgent'] }] },
    );
    expect(wider.metrics![1]).toEqual({
      ...tickets,
      where: { all: [billable, { field: 'priority', op: 'in', values: ['high', 'urgent'] }] },
    });
    expect(wider.metrics![0]).toBe(days);
    const none = withRuleAt(segment, { kind: 'metric', index: 1 }, undefined);
    expect(none.metrics![1]).toEqual({
      name: 'tickets_30d',
      kind: 'aggregate',
      from: 'tickets',
      on: { entity: 'account_id', related: 'account_id' },
      fn: 'count',
    });
    expect('where' in none.metrics![1]!).toBe(false);
  });

  it('a location that does not fit the definition edits nothing', () => {
    const same = (d: Definition) => d;
    expect(withRuleAt(segment, { kind: 'tier', index: 0 }, a)).toBe(same(segment));
    expect(withRuleAt(segment, { kind: 'metric', index: 0 }, a)).toBe(segment); // not an aggregate
    expect(withRuleAt(segment, { kind: 'metric', index: 9 }, a)).toBe(segment);
    expect(withRuleAt(scheme, WHERE, a)).toBe(scheme);
    expect(withRuleAt(scheme, { kind: 'tier', index: 5 }, a)).toBe(scheme);
    expect(withRuleAt(segment, WHERE, undefined)).toBe(segment); // a segment's rule cannot be removed
    expect((withRuleAt(segment, WHERE, b) as SegmentDefinition).where).toBe(b);
  });
});
