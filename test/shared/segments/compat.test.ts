import { describe, expect, it } from 'vitest';
import { checkCompat, collectFields } from '../../../shared/segments/compat';
import type { SegmentDefinition, TableSchemas } from '../../../shared/segments/model';
import type { ParsedSqlExprs } from '../../../shared/segments/sqlExpr/types';
import { demoSchemas } from './segmentsTestUtils';

const sqlExprs: ParsedSqlExprs = {
  'active_seats / nullif(seats, 0)': { source: '', canonical: '', ast: null, columns: ['active_seats', 'seats'] },
  'seat_use > 0.9 AND nps >= 9': { source: '', canonical: '', ast: null, columns: ['seat_use', 'nps'] },
};
const def: SegmentDefinition = {
  entity: { table: 'accounts', key: 'account_id' },
  metrics: [
    { name: 'seat_use', kind: 'expr', sql: 'active_seats / nullif(seats, 0)' },
    { name: 'inactive', kind: 'daysSince', of: 'last_active_at' },
    {
      name: 't30',
      kind: 'aggregate',
      from: 'tickets',
      on: { entity: 'account_id', related: 'account_id' },
      fn: 'sum',
      of: 'minutes',
      where: { field: 'billable', op: 'isTrue' },
      window: { column: 'created_at', n: 30, unit: 'day' },
    },
  ],
  where: {
    all: [
      { sql: 'seat_use > 0.9 AND nps >= 9' },
      { field: 'inactive', op: 'lte', value: 3 },
      { field: 'plan', op: 'in', values: ['pro'] },
      { not: { field: 'account_id', op: 'inTable', table: 'vip', column: 'id' } },
    ],
  },
};
// Written out by hand from the definition above: every column read, join keys both sides, the entity key.
const expectedFields = {
  accounts: {
    account_id: 'VARCHAR',
    active_seats: 'INTEGER',
    last_active_at: 'TIMESTAMP',
    nps: 'INTEGER',
    plan: 'VARCHAR',
    seats: 'INTEGER',
  },
  tickets: { account_id: 'VARCHAR', billable: 'BOOLEAN', created_at: 'TIMESTAMP', minutes: 'INTEGER' },
  vip: { id: 'VARCHAR' },
};

describe('collectFields', () => {
  it('lists entity key, columns read in rules, SQL and metrics, join keys on both sides, inTable columns', () => {
    expect(collectFields(def, demoSchemas, sqlExprs)).toEqual(expectedFields);
  });
});

describe('checkCompat', () => {
  const withFields = { ...def, fields: expectedFields };
  const alter = (
    table: string,
    f: (cols: { name: string; type: string }[]) => { name: string; type: string }[],
  ): TableSchemas => ({ ...demoSchemas, [table]: f(demoSchemas[table]!) });
  it('passes on identical tables', () => {
    expect(checkCompat(withFields, demoSchemas, sqlExprs)).toMatchObject({ blocking: false, diagnostics: [] });
  });
  it('notes a change within a family and blocks a change of family', () => {
    const schemas = alter('accounts', (cols) =>
      cols.map((c) =>
        c.name === 'seats' ? { ...c, type: 'BIGINT' } : c.name === 'nps' ? { ...c, type: 'VARCHAR' } : c,
      ),
    );
    const r = checkCompat(withFields, schemas, sqlExprs);
    expect(r.retyped).toHaveLength(2);
    expect(r.retyped).toEqual(
      expect.arrayContaining([
        { table: 'accounts', column: 'seats', saved: 'INTEGER', actual: 'BIGINT', blocking: false },
        { table: 'accounts', column: 'nps', saved: 'INTEGER', actual: 'VARCHAR', blocking: true },
      ]),
    );
    expect(r.blocking).toBe(true);
    expect(r.diagnostics.find((d) => d.path === 'fields.accounts.nps')!.message).toContain(
      'INTEGER → VARCHAR (number → string)',
    );
    expect(r.diagnostics.find((d) => d.path === 'fields.accounts.seats')!.severity).toBe('info');
  });
  it('TIMESTAMP → TIMESTAMP WITH TIME ZONE and DECIMAL → DOUBLE are the same family', () => {
    const schemas = alter('tickets', (cols) =>
      cols.map((c) =>
        c.name === 'created_at'
          ? { ...c, type: 'TIMESTAMP WITH TIME ZONE' }
          : c.name === 'minutes'
            ? { ...c, type: 'DECIMAL(18,3)' }
            : c,
      ),
    );
    expect(checkCompat(withFields, schemas, sqlExprs).blocking).toBe(false);
  });
  it('blocks missing fields and tables, with a hint for a different case', () => {
    const schemas = alter('accounts', (cols) => cols.map((c) => (c.name === 'plan' ? { ...c, name: 'Plan' } : c)));
    delete (schemas as Record<string, unknown>).vip;
    const r = checkCompat(withFields, schemas, sqlExprs);
    expect(r.missing).toEqual([{ table: 'accounts', column: 'plan' }]);
    expect(r.missingTables).toEqual(['vip']);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain("there is 'Plan'");
  });
  it('reports an incomplete fields record as a warning only', () => {
    const partial = { ...def, fields: { accounts: { account_id: 'VARCHAR' } } };
    const r = checkCompat(partial, demoSchemas, sqlExprs);
    expect(r.blocking).toBe(false);
    expect(r.unrecorded.length).toBe(10); // 11 columns read, account_id recorded
    expect(new Set(r.diagnostics.map((d) => d.severity))).toEqual(new Set(['warning']));
  });
});
