import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '../../../shared/segments/diff';
import type { SchemeDefinition, SegmentDefinition } from '../../../shared/segments/model';

const base: SegmentDefinition = {
  entity: { table: 'accounts', key: 'account_id' },
  asOf: { kind: 'snapshot' },
  metrics: [{ name: 'inactive_days', kind: 'daysSince', of: 'last_active_at' }],
  where: {
    all: [
      { field: 'billable_pct', op: 'gte', value: 2 },
      { field: 'inactive_days', op: 'lte', value: 7 },
    ],
  },
};

describe('diffDefinitions', () => {
  it('is empty for the same meaning, whatever the key order or fields record', () => {
    expect(diffDefinitions(base, JSON.parse(JSON.stringify({ ...base, fields: { accounts: {} } })))).toEqual([]);
  });
  it('shows a changed value as "old → new"', () => {
    const next = {
      ...base,
      where: {
        all: [
          { field: 'billable_pct', op: 'gte', value: 2 },
          { field: 'inactive_days', op: 'lte', value: 3 },
        ],
      },
    } as SegmentDefinition;
    expect(diffDefinitions(base, next).map((d) => d.text)).toEqual(['inactive_days ≤ 7 → ≤ 3']);
  });
  it('lists added and removed conditions, metric and as-of changes', () => {
    const next: SegmentDefinition = {
      ...base,
      asOf: { kind: 'fixed', at: '2026-11-01' },
      metrics: [
        { name: 'inactive_days', kind: 'daysSince', of: 'last_seen_at' },
        {
          name: 't30',
          kind: 'aggregate',
          from: 'tickets',
          on: { entity: 'a', related: 'a' },
          fn: 'count',
          window: { column: 'created_at', n: 30, unit: 'day' },
        },
      ],
      where: {
        all: [
          { field: 'inactive_days', op: 'lte', value: 7 },
          { field: 'plan', op: 'in', values: ['pro'] },
        ],
      },
    };
    expect(diffDefinitions(base, next).map((d) => d.text)).toEqual([
      'as-of: snapshot → fixed 2026-11-01',
      'metric inactive_days: days since last_active_at → days since last_seen_at',
      'added metric t30: count of tickets with created_at in the last 30 days',
      'removed: billable_pct ≥ 2',
      'added: plan in [pro]',
    ]);
  });
  it('recurses into nested groups and names group-kind changes', () => {
    const a = {
      ...base,
      where: {
        any: [{ not: { field: 'x', op: 'isEmpty' } }, { all: [{ field: 'y', op: 'inLast', n: 7, unit: 'day' }] }],
      },
    } as SegmentDefinition;
    const b = {
      ...base,
      where: {
        any: [{ not: { field: 'x', op: 'isNotEmpty' } }, { all: [{ field: 'y', op: 'inLast', n: 1, unit: 'month' }] }],
      },
    } as SegmentDefinition;
    expect(diffDefinitions(a, b)).toEqual([
      { kind: 'changed', path: 'where.any[0].not', text: 'x is empty → is not empty' },
      { kind: 'changed', path: 'where.any[1].all[0]', text: 'y in the last 7 days → in the last 1 month' },
    ]);
    const c = { ...base, where: { any: (base.where as { all: unknown[] }).all } } as SegmentDefinition;
    expect(diffDefinitions(base, c).map((d) => d.text)).toEqual(['all of → any of']);
  });
  it('compares scheme tiers by name', () => {
    const s1: SchemeDefinition = {
      entity: base.entity,
      tiers: [
        { name: 'High', where: { field: 'v', op: 'gte', value: 10 } },
        { name: 'Low', where: { all: [] } },
      ],
      otherwise: 'None',
    };
    const s2: SchemeDefinition = {
      entity: base.entity,
      tiers: [
        { name: 'Mid', where: { field: 'v', op: 'gte', value: 5 } },
        { name: 'High', where: { field: 'v', op: 'gte', value: 20 } },
      ],
      otherwise: 'Rest',
    };
    expect(diffDefinitions(s1, s2).map((d) => d.text)).toEqual([
      'removed tier Low: every row',
      'added tier Mid: v ≥ 5',
      'tier High: v ≥ 10 → ≥ 20',
      'otherwise: None → Rest',
    ]);
  });
});
