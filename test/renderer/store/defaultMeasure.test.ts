// The default measure (builder, compare, KPIs) on hand-made column lists: money-like by name, never
// the key, an id or a 0/1 flag, even when the flag comes first.
import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../shared/api/dataApi';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { pickMeasure } from '../../../renderer/store/defaultMeasure';
import { createFakeApi, flush } from '../fakeApi';
import { snapshot } from '../fixtures';

const named = (...names: string[]) => names.map((name) => ({ name }));

describe('pickMeasure', () => {
  it('picks the most money-like name', () => {
    expect(pickMeasure(named('seats', 'is_paid', 'amount', 'mrr'))).toBe('mrr');
    expect(pickMeasure(named('seats', 'annual_revenue', 'amount'))).toBe('annual_revenue');
    expect(pickMeasure(named('is_paid', 'seats', 'invoice_amount'))).toBe('invoice_amount');
    expect(pickMeasure(named('tenure', 'MonthlyCharges', 'TotalCharges'))).toBe('MonthlyCharges');
    expect(pickMeasure(named('seats', 'contract_value'))).toBe('contract_value');
  });
  it('never picks a 0/1 flag or an identifier; falls back to another number, else none', () => {
    expect(pickMeasure(named('is_paid', 'has_sso', 'was_trial', 'SeniorCitizen', 'churned', 'seats'))).toBe('seats');
    expect(pickMeasure(named('is_paid', 'customer_id', 'zip_code', 'promo_flag'))).toBeNull();
    expect(pickMeasure(named('isPaid', 'hasSso'))).toBeNull();
    expect(pickMeasure([])).toBeNull();
  });
});

describe("the builder's default measure", () => {
  const table = (columns: TableInfo['columns']): TableInfo => ({
    name: 'deals',
    rows: 10,
    columns,
    snapshots: [snapshot('deals', '2026-11-01', 10)],
  });
  async function measureOf(t: TableInfo): Promise<string | null> {
    const fake = createFakeApi({
      countSegment: (async () => ({
        count: 1,
        total: 1,
        share: 1,
        measures: [],
        related: {},
        warnings: [],
        elapsedMs: 1,
      })) as never,
      segmentFunnel: async () => ({ total: 1, steps: [] }),
      cancelJob: async () => ({ cancelled: true }),
    });
    const store = createWorkbenchStore(fake.client, { newJobId: () => 'j' });
    store.setState({ tables: [t], selectedTable: t.name });
    store.getState().newSegment();
    await flush();
    return store.getState().builder!.measure;
  }
  it('is the money-like column after a 0/1 flag, not the first number', async () => {
    const cols = [
      { name: 'deal_id', type: 'BIGINT' },
      { name: 'is_paid', type: 'INTEGER' },
      { name: 'seats', type: 'INTEGER' },
      { name: 'amount', type: 'DECIMAL(18,2)' },
    ];
    expect(await measureOf(table(cols))).toBe('amount');
  });
  it('is none when the only number is a flag (and never the key)', async () => {
    expect(
      await measureOf(
        table([
          { name: 'deal_id', type: 'BIGINT' },
          { name: 'is_paid', type: 'TINYINT' },
          { name: 'stage', type: 'VARCHAR' },
        ]),
      ),
    ).toBeNull();
  });
});
