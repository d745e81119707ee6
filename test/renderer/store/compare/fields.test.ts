// The compare pickers' fields and defaults: numeric columns and metrics as measures (never the key),
// a money-like default measure and never a 0/1 flag or an id, a categorical default dimension.
import { describe, expect, it } from 'vitest';
import {
  compareFields,
  defaultDimension,
  defaultMeasure,
  dimensionFields,
  measureFields,
} from '../../../../renderer/store/compare/fields';
import type { Metric } from '../../../../shared/segments/model';
import { demoAccounts } from '../../compareFixtures';

const cols = (...specs: [string, string][]) => specs.map(([name, type]) => ({ name, type }));

describe('compare fields', () => {
  it('offers the numeric columns and metrics as measures, every other field but the key as a dimension', () => {
    const metrics: Metric[] = [
      { name: 'inactive_days', kind: 'daysSince', of: 'signup_date' },
      { name: 'seat_use', kind: 'expr', sql: 'seats / 2' },
      { name: 'inactive_days', kind: 'daysSince', of: 'signup_date' },
    ];
    const fields = compareFields('accounts', demoAccounts.columns, 'account_id', metrics);
    expect(fields.map((f) => [f.name, f.kind, f.key])).toEqual([
      ['account_id', 'column', true],
      ['name', 'column', false],
      ['is_paying', 'column', false],
      ['seats', 'column', false],
      ['channel', 'column', false],
      ['mrr', 'column', false],
      ['signup_date', 'column', false],
      ['inactive_days', 'metric', false],
      ['seat_use', 'metric', false],
    ]);
    expect(measureFields(fields).map((f) => f.name)).toEqual([
      'is_paying',
      'seats',
      'mrr',
      'inactive_days',
      'seat_use',
    ]);
    expect(dimensionFields(fields).map((f) => f.name)).toEqual([
      'name',
      'is_paying',
      'seats',
      'channel',
      'mrr',
      'signup_date',
      'inactive_days',
    ]);
  });

  it('defaults to a money-like measure, in order of how money-like, and never to a flag or an id', () => {
    const pick = (...specs: [string, string][]) => defaultMeasure(compareFields('t', cols(...specs), 'id'));
    expect(defaultMeasure(compareFields('accounts', demoAccounts.columns, 'account_id'))).toBe('mrr');
    expect(
      pick(
        ['id', 'BIGINT'],
        ['SeniorCitizen', 'BIGINT'],
        ['tenure', 'BIGINT'],
        ['MonthlyCharges', 'DOUBLE'],
        ['TotalCharges', 'DOUBLE'],
      ),
    ).toBe('MonthlyCharges');
    expect(
      pick(['id', 'BIGINT'], ['seats', 'INTEGER'], ['contract_value', 'DECIMAL(18,2)'], ['annual_revenue', 'DOUBLE']),
    ).toBe('annual_revenue');
    expect(
      pick(
        ['id', 'BIGINT'],
        ['is_active', 'INTEGER'],
        ['has_sso', 'INTEGER'],
        ['zip_code', 'INTEGER'],
        ['seats', 'INTEGER'],
      ),
    ).toBe('seats');
    expect(pick(['id', 'BIGINT'], ['is_active', 'INTEGER'])).toBeNull();
    expect(pick(['id', 'BIGINT'], ['label', 'VARCHAR'])).toBeNull();
  });

  it('defaults the breakdown to a categorical-sounding text column, not an id or a name', () => {
    expect(defaultDimension(compareFields('accounts', demoAccounts.columns, 'account_id'))).toBe('channel');
    expect(
      defaultDimension(
        compareFields(
          't',
          cols(['customerID', 'VARCHAR'], ['gender', 'VARCHAR'], ['Contract', 'VARCHAR']),
          'customerID',
        ),
      ),
    ).toBe('Contract');
    expect(
      defaultDimension(compareFields('t', cols(['id', 'VARCHAR'], ['email', 'VARCHAR'], ['created', 'DATE']), 'id')),
    ).toBe('created');
  });
});
