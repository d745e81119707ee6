// ✓ columns in the grid's sort and filter models become the view's membership sort and alsoIn/notIn;
// the status words name what narrows the rows; the open profile follows the view the grid shows.
import { describe, expect, it } from 'vitest';
import type { ColumnProfile, TableInfo } from '../../../shared/api/dataApi';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { describeRows, viewSummary } from '../../../renderer/store/viewSummary';
import { createFakeApi, flush } from '../fakeApi';
import { snapshot } from '../fixtures';

const accounts: TableInfo = {
  name: 'accounts',
  rows: 50_000,
  columns: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'mrr', type: 'DOUBLE' },
  ],
  snapshots: [snapshot('accounts', '2026-11-01', 50_000)],
};
const profile = (rows: number): ColumnProfile => ({
  name: 'mrr',
  type: 'DOUBLE',
  rows,
  nulls: 0,
  distinct: 1,
  min: 1,
  max: 1,
});

function setup() {
  const fake = createFakeApi({
    prepareView: async ({ view }) => ({ total: view.alsoIn?.length ? 1234 : view.filters?.length ? 900 : 50_000 }),
    profileColumn: async (req) => profile(req.view ? 1234 : 50_000),
    cancelJob: async () => ({ cancelled: true }),
  });
  const store = createWorkbenchStore(fake.client, { newJobId: () => 'j' });
  store.setState({ tables: [accounts], selectedTable: 'accounts' });
  store.getState().toggleMembershipColumn({ table: 'accounts', file: 'segments/pro.segment.json', label: 'Pro' });
  return { fake, store };
}

describe('✓ columns in the view', () => {
  it('a ✓ sort is a membership sort; a ✓ filter is alsoIn (members) or notIn (non-members)', async () => {
    const { store } = setup();
    const col = 'segment:segments/pro.segment.json';
    const { view } = await store.getState().prepareView(
      [
        { column: col, dir: 'desc' },
        { column: 'mrr', dir: 'asc' },
      ],
      [{ field: col, op: 'eq', value: true }],
    );
    expect(view.sort).toEqual([
      { member: { file: 'segments/pro.segment.json' }, dir: 'desc' },
      { column: 'mrr', dir: 'asc' },
    ]);
    expect(view.filters).toEqual([]);
    expect(view.alsoIn).toEqual([{ file: 'segments/pro.segment.json' }]);
    expect(view.notIn).toBeUndefined();
    const other = await store.getState().prepareView(
      [],
      [
        { field: col, op: 'eq', value: false },
        { field: 'mrr', op: 'gt', value: 5 },
      ],
    );
    expect(other.view.notIn).toEqual([{ file: 'segments/pro.segment.json' }]);
    expect(other.view.filters).toEqual([{ field: 'mrr', op: 'gt', value: 5 }]);
  });

  it('a ✓ column no longer shown leaves the view', async () => {
    const { store } = setup();
    store.getState().toggleMembershipColumn({ table: 'accounts', file: 'segments/pro.segment.json', label: 'Pro' });
    const col = 'segment:segments/pro.segment.json';
    const { view } = await store
      .getState()
      .prepareView([{ column: col, dir: 'asc' }], [{ field: col, op: 'eq', value: true }]);
    expect(view).toEqual({ table: 'accounts', sort: [], filters: [] });
  });
});

describe('status words', () => {
  it('say how many of how many rows and what narrows them', async () => {
    const { store } = setup();
    await store.getState().prepareView([], []);
    expect(describeRows(viewSummary(store.getState())!)).toBe('50,000 rows');
    await store.getState().prepareView([], [{ field: 'mrr', op: 'gt', value: 5 }]);
    expect(describeRows(viewSummary(store.getState())!)).toBe('900 of 50,000 rows · filtered');
    await store.getState().prepareView([], [{ field: 'segment:segments/pro.segment.json', op: 'eq', value: true }]);
    expect(describeRows(viewSummary(store.getState())!)).toBe('1,234 of 50,000 rows · members of Pro');
    store.getState().setGridSegment({
      table: 'accounts',
      source: 'file',
      label: 'Activated',
      target: { file: 'segments/activated.segment.json' },
    });
    await store.getState().prepareView(
      [],
      [
        { field: 'segment:segments/pro.segment.json', op: 'eq', value: false },
        { field: 'mrr', op: 'gt', value: 5 },
        { field: 'account_id', op: 'contains', value: 'A' },
      ],
    );
    expect(viewSummary(store.getState())!.qualifiers).toEqual([
      'members of Activated',
      'not in Pro',
      'filtered (2 filters)',
    ]);
  });
});

describe('the column profile follows the grid', () => {
  it('profiles all rows, then only the members when the grid shows members, then all rows again', async () => {
    const { fake, store } = setup();
    await store.getState().prepareView([], []);
    await store.getState().openProfile('mrr');
    expect(store.getState().profile).toMatchObject({ status: 'ready', scope: null, data: { rows: 50_000 } });
    await store.getState().prepareView([], [{ field: 'segment:segments/pro.segment.json', op: 'eq', value: true }]);
    await flush();
    expect(store.getState().profile).toMatchObject({ status: 'ready', scope: 'members of Pro', data: { rows: 1234 } });
    const last = fake.callsOf('profileColumn').at(-1) as { view?: { alsoIn?: unknown; membership?: unknown } };
    expect(last.view?.alsoIn).toEqual([{ file: 'segments/pro.segment.json' }]);
    expect(last.view?.membership).toBeUndefined();
    await store.getState().prepareView([], []);
    await flush();
    expect(store.getState().profile).toMatchObject({ status: 'ready', scope: null, data: { rows: 50_000 } });
  });
});
