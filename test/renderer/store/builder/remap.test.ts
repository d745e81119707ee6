import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../../shared/api/dataApi';
import type { SchemeDefinition, SegmentDefinition } from '../../../../shared/segments/model';
import { missingReads, remapDefinition } from '../../../../renderer/store/builder/remap';

const table = (name: string, cols: string[]): TableInfo => ({
  name,
  rows: 1,
  columns: cols.map((c) => ({ name: c, type: 'VARCHAR' })),
  snapshots: [],
});
const tables = [
  table('customers', ['customer_id', 'monthly_revenue', 'last_seen']),
  table('support', ['customer_id', 'opened']),
];

const template: SegmentDefinition = {
  entity: { table: 'accounts', key: 'account_id' },
  metrics: [
    { name: 'inactive_days', kind: 'daysSince', of: 'last_active_at' },
    {
      name: 'tickets_30d',
      kind: 'aggregate',
      from: 'tickets',
      on: { entity: 'account_id', related: 'account_id' },
      fn: 'count',
      window: { column: 'created_at', n: 30, unit: 'day' },
    },
  ],
  where: {
    all: [
      { field: 'mrr', op: 'gte', value: 100 },
      { not: { field: 'inactive_days', op: 'gt', value: 3 } },
      { field: 'tickets_30d', op: 'lte', value: 2 },
    ],
  },
  fields: { accounts: { mrr: 'DOUBLE' } },
};

describe('field mapping', () => {
  it('finds the tables and columns a definition reads that the workspace lacks', () => {
    const m = missingReads(template, tables);
    expect(m.tables.sort()).toEqual(['accounts', 'tickets']);
    expect(m.columns.accounts).toEqual(['account_id', 'last_active_at', 'mrr']);
    expect(m.columns.tickets).toEqual(['account_id', 'created_at']);
    expect(m.hasSql).toBe(false);
    // With the tables mapped, only the unmatched columns remain.
    const partial = missingReads(template, tables, {
      tables: { accounts: 'customers', tickets: 'support' },
      columns: { accounts: { mrr: 'monthly_revenue' } },
    });
    expect(partial.tables).toEqual([]);
    expect(partial.columns).toEqual({
      accounts: ['account_id', 'last_active_at'],
      tickets: ['account_id', 'created_at'],
    });
  });

  it('rewrites entity, metrics and conditions (not metric references), dropping the stale fields record', () => {
    const out = remapDefinition(template, {
      tables: { accounts: 'customers', tickets: 'support' },
      columns: {
        accounts: { account_id: 'customer_id', mrr: 'monthly_revenue', last_active_at: 'last_seen' },
        tickets: { account_id: 'customer_id', created_at: 'opened' },
      },
    });
    expect(out).toEqual({
      entity: { table: 'customers', key: 'customer_id' },
      metrics: [
        { name: 'inactive_days', kind: 'daysSince', of: 'last_seen' },
        {
          name: 'tickets_30d',
          kind: 'aggregate',
          from: 'support',
          on: { entity: 'customer_id', related: 'customer_id' },
          fn: 'count',
          window: { column: 'opened', n: 30, unit: 'day' },
        },
      ],
      where: {
        all: [
          { field: 'monthly_revenue', op: 'gte', value: 100 },
          { not: { field: 'inactive_days', op: 'gt', value: 3 } },
          { field: 'tickets_30d', op: 'lte', value: 2 },
        ],
      },
    });
    expect(missingReads(out, tables)).toEqual({ tables: [], columns: {}, hasSql: false });
  });

  it("remaps a scheme's tiers (and keeps its otherwise), as a segment's where", () => {
    const scheme: SchemeDefinition = {
      entity: { table: 'accounts', key: 'account_id' },
      tiers: [
        { name: 'Big', where: { field: 'mrr', op: 'gte', value: 1000 } },
        { name: 'Seen', where: { not: { field: 'last_active_at', op: 'isEmpty' } } },
      ],
      otherwise: 'Rest',
    };
    expect(missingReads(scheme, tables).columns.accounts).toEqual(['account_id', 'last_active_at', 'mrr']);
    const out = remapDefinition(scheme, {
      tables: { accounts: 'customers' },
      columns: { accounts: { account_id: 'customer_id', mrr: 'monthly_revenue', last_active_at: 'last_seen' } },
    });
    expect(out).toEqual({
      entity: { table: 'customers', key: 'customer_id' },
      tiers: [
        { name: 'Big', where: { field: 'monthly_revenue', op: 'gte', value: 1000 } },
        { name: 'Seen', where: { not: { field: 'last_seen', op: 'isEmpty' } } },
      ],
      otherwise: 'Rest',
    });
    expect(missingReads(out, tables)).toEqual({ tables: [], columns: {}, hasSql: false });
  });
});
