// Grid segment state (members-only filter, membership and metric columns) against a fake API: the
// views sent to the engine carry exactly the chosen parts, and the draft-following parts track edits.
import { describe, expect, it } from 'vitest';
import type { CountResult } from '../../../shared/api/segmentsApi';
import type { TableInfo } from '../../../shared/api/dataApi';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { builderTableMismatch, DRAFT_COLUMN } from '../../../renderer/store/gridSegments';
import { createFakeApi, flush } from '../fakeApi';
import { snapshot, tickets } from '../fixtures';

const accounts: TableInfo = {
  name: 'accounts',
  rows: 100,
  columns: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'plan', type: 'VARCHAR' },
    { name: 'last_active_at', type: 'TIMESTAMP' },
  ],
  snapshots: [snapshot('accounts', '2026-11-01', 100)],
};

const count = (n: number): CountResult => ({
  segment: null,
  id: null,
  version: null,
  hash: null,
  table: 'accounts',
  snapshot: 's',
  asOf: '2026-11-01T00:00:00Z',
  asOfSource: 'snapshot',
  count: n,
  total: 100,
  share: n / 100,
  measures: [],
  related: {},
  warnings: [],
  elapsedMs: 1,
});

function setup() {
  let job = 0;
  const fake = createFakeApi({
    prepareView: async ({ view }) => ({ total: view.segment ? 7 : 100 }),
    getRows: async ({ offset }) => ({ offset, total: 100, rows: [] }),
    countSegment: async () => count(7),
    segmentFunnel: async () => ({ total: 100, steps: [] }),
    cancelJob: async () => ({ cancelled: true }),
  });
  const store = createWorkbenchStore(fake.client, { newJobId: () => `j${++job}` });
  store.setState({ tables: [accounts, tickets], selectedTable: 'accounts' });
  return { fake, store };
}

const inactive = { name: 'inactive_days', kind: 'daysSince' as const, of: 'last_active_at' };

describe('grid segments', () => {
  it('filters to a saved segment: the view names it, the grid is rebuilt, the total is the members', async () => {
    const { fake, store } = setup();
    const epoch = store.getState().gridEpoch;
    store.getState().setGridSegment({
      table: 'accounts',
      source: 'file',
      label: 'Pro',
      target: { file: 'segments/pro.segment.json' },
    });
    expect(store.getState().gridEpoch).toBe(epoch + 1);
    const { view, total } = await store.getState().prepareView([], []);
    expect(view).toEqual({ table: 'accounts', sort: [], filters: [], segment: { file: 'segments/pro.segment.json' } });
    expect(total).toBe(7);
    expect(store.getState().viewTotal).toBe(7);
    // Setting the same filter again does not rebuild; clearing it does, and the view has no segment.
    store.getState().setGridSegment({
      table: 'accounts',
      source: 'file',
      label: 'Pro',
      target: { file: 'segments/pro.segment.json' },
    });
    expect(store.getState().gridEpoch).toBe(epoch + 1);
    store.getState().setGridSegment(null);
    expect((await store.getState().prepareView([], [])).view).toEqual({ table: 'accounts', sort: [], filters: [] });
    expect(fake.callsOf('prepareView')).toHaveLength(2);
  });

  it('sends membership columns of the grid table only, in the order chosen, and toggles them off', async () => {
    const { store } = setup();
    const col = (file: string, table = 'accounts') => ({ table, file, label: file });
    store.getState().toggleMembershipColumn(col('segments/a.segment.json'));
    store.getState().toggleMembershipColumn(col('segments/t.segment.json', 'tickets'));
    store.getState().toggleMembershipColumn(col('segments/b.segment.json'));
    expect((await store.getState().prepareView([], [])).view.membership).toEqual([
      { file: 'segments/a.segment.json' },
      { file: 'segments/b.segment.json' },
    ]);
    store.getState().toggleMembershipColumn(col('segments/a.segment.json'));
    expect((await store.getState().prepareView([], [])).view.membership).toEqual([{ file: 'segments/b.segment.json' }]);
    // A filter about another table is not sent either.
    store
      .getState()
      .setGridSegment({ table: 'tickets', source: 'file', label: 'T', target: { file: 'segments/t.segment.json' } });
    expect((await store.getState().prepareView([], [])).view.segment).toBeUndefined();
  });

  it("metric columns come from the draft's metrics (no rule), survive rule edits and drop a removed metric", async () => {
    const { store } = setup();
    store.getState().newSegment();
    store.getState().editMetric(0, inactive);
    await flush();
    store.getState().toggleMetricColumn('inactive_days');
    const def = store.getState().builder!.definition;
    const expected = {
      definition: { definition: { entity: def.entity, metrics: [inactive], where: { all: [] }, asOf: def.asOf } },
      names: ['inactive_days'],
    };
    expect((await store.getState().prepareView([], [])).view.metrics).toEqual(expected);
    const epoch = store.getState().gridEpoch;
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'inactive_days', op: 'lte', value: 3 } });
    store.getState().syncDraftColumns();
    expect(store.getState().gridEpoch).toBe(epoch);
    expect((await store.getState().prepareView([], [])).view.metrics).toEqual(expected);
    // Removing the metric while a condition still reads it leaves the draft invalid: nothing changes yet.
    store.getState().editMetric(0, null);
    store.getState().syncDraftColumns();
    expect((await store.getState().prepareView([], [])).view.metrics).toEqual(expected);
    store.getState().editRule({ type: 'remove', path: [0] });
    store.getState().syncDraftColumns();
    expect(store.getState().gridMetrics).toBeNull();
    expect((await store.getState().prepareView([], [])).view.metrics).toBeUndefined();
  });

  it('members-only on the draft follows its edits when synced', async () => {
    const { store } = setup();
    store.getState().newSegment();
    await flush();
    const b = store.getState().builder!;
    store.getState().setGridSegment({
      table: 'accounts',
      source: 'draft',
      label: b.name,
      target: { definition: b.definition as never },
    });
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'plan', op: 'eq', value: 'pro' } });
    const epoch = store.getState().gridEpoch;
    store.getState().syncDraftColumns();
    expect(store.getState().gridEpoch).toBe(epoch + 1);
    const { view } = await store.getState().prepareView([], []);
    expect(view.segment).toEqual({
      definition: { ...b.definition, where: { all: [{ field: 'plan', op: 'eq', value: 'pro' }] } },
    });
    // Nothing changed: no rebuild.
    store.getState().syncDraftColumns();
    expect(store.getState().gridEpoch).toBe(epoch + 1);
    // An invalid edit (unknown field) is not sent: the grid keeps the last valid draft.
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'nope', op: 'eq', value: 1 } });
    expect(store.getState().builder!.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    store.getState().syncDraftColumns();
    expect(store.getState().gridEpoch).toBe(epoch + 1);
    expect((await store.getState().prepareView([], [])).view.segment).toEqual(view.segment);
  });

  it("the draft's ✓ column is sent as its definition, follows valid edits and survives the saved list's sync", async () => {
    const { store } = setup();
    store.getState().newSegment();
    await flush();
    const b = store.getState().builder!;
    store.getState().toggleMembershipColumn({
      table: 'accounts',
      file: DRAFT_COLUMN,
      label: b.name,
      draft: b.definition as never,
    });
    expect((await store.getState().prepareView([], [])).view.membership).toEqual([{ definition: b.definition }]);
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'plan', op: 'eq', value: 'pro' } });
    store.getState().syncDraftColumns();
    const edited = { ...b.definition, where: { all: [{ field: 'plan', op: 'eq', value: 'pro' }] } };
    expect((await store.getState().prepareView([], [])).view.membership).toEqual([{ definition: edited }]);
    // Invalid edits are not sent; the saved list's sync leaves the draft column alone.
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'nope', op: 'eq', value: 1 } });
    store.getState().syncDraftColumns();
    store.getState().syncSavedSegments();
    expect(store.getState().membershipColumns.map((c) => c.file)).toEqual([DRAFT_COLUMN]);
    expect((await store.getState().prepareView([], [])).view.membership).toEqual([{ definition: edited }]);
    store.getState().toggleMembershipColumn({ table: 'accounts', file: DRAFT_COLUMN, label: b.name });
    expect((await store.getState().prepareView([], [])).view.membership).toBeUndefined();
  });

  it("a draft on another table: the old draft's ✓ column and members-only filter go, never computed on it", async () => {
    const { store } = setup();
    store.getState().newSegment();
    await flush();
    const accountsDraft = store.getState().builder!;
    const draftCol = { table: 'accounts', file: DRAFT_COLUMN, label: accountsDraft.name };
    store.getState().toggleMembershipColumn({ ...draftCol, draft: accountsDraft.definition as never });
    store.getState().setGridSegment({
      table: 'accounts',
      source: 'draft',
      label: accountsDraft.name,
      target: { definition: accountsDraft.definition as never },
    });
    // The grid moves to tickets and a new draft starts there: the accounts draft is gone from the builder.
    store.getState().selectTable('tickets', null);
    store.getState().newSegment();
    await flush();
    expect(store.getState().builder!.definition.entity.table).toBe('tickets');
    store.getState().syncDraftColumns();
    expect(store.getState().membershipColumns).toEqual([]);
    expect(store.getState().gridSegment).toBeNull();
    // Back on accounts, the view has no ✓ column and no filter from the earlier draft.
    store.getState().selectTable('accounts', null);
    const { view } = await store.getState().prepareView([], []);
    expect(view.membership).toBeUndefined();
    expect(view.segment).toBeUndefined();
  });

  it("the draft's ✓ column on one table replaces the draft's on another (one draft, one column)", async () => {
    const { store } = setup();
    const col = (table: string) => ({ table, file: DRAFT_COLUMN, label: 'D' });
    store.getState().toggleMembershipColumn(col('accounts'));
    store.getState().toggleMembershipColumn(col('tickets'));
    expect(store.getState().membershipColumns.map((c) => c.table)).toEqual(['tickets']);
    store.getState().toggleMembershipColumn(col('tickets'));
    expect(store.getState().membershipColumns).toEqual([]);
  });

  it('names the mismatch between the builder and the grid, and whether the table can be shown', () => {
    const tables = [{ name: 'accounts' }, { name: 'tickets' }];
    expect(builderTableMismatch('accounts', 'tickets', tables)).toEqual({
      gridTable: 'tickets',
      draftTable: 'accounts',
      canShow: true,
    });
    expect(builderTableMismatch('customers', 'tickets', tables)).toMatchObject({ canShow: false });
    expect(builderTableMismatch('accounts', 'accounts', tables)).toBeNull();
    expect(builderTableMismatch(null, 'tickets', tables)).toBeNull();
    expect(builderTableMismatch('accounts', null, tables)).toBeNull();
  });

  it('follows the saved list: a new version rebuilds, a rename follows the id, a deleted file is dropped', async () => {
    const { store } = setup();
    const summary = (file: string, name: string, hash: string, id = file) => ({
      file,
      kind: 'segment' as const,
      id,
      name,
      description: null,
      tags: [],
      latestVersion: 1,
      hash,
      entityTable: 'accounts',
      valid: true,
      errors: 0,
      hasSql: false,
    });
    store.setState({
      segments: [summary('segments/a.segment.json', 'A', 'h1'), summary('segments/b.segment.json', 'B', 'h1')],
    });
    store.getState().setGridSegment({
      table: 'accounts',
      source: 'file',
      label: 'A',
      target: { file: 'segments/a.segment.json' },
      hash: 'h1',
      id: 'segments/a.segment.json',
    });
    store.getState().toggleMembershipColumn({
      table: 'accounts',
      file: 'segments/a.segment.json',
      label: 'A',
      hash: 'h1',
      id: 'segments/a.segment.json',
    });
    store.getState().toggleMembershipColumn({
      table: 'accounts',
      file: 'segments/b.segment.json',
      label: 'B',
      hash: 'h1',
      id: 'segments/b.segment.json',
    });
    let epoch = store.getState().gridEpoch;
    store.getState().syncSavedSegments();
    expect(store.getState().gridEpoch).toBe(epoch);
    // A saved a new version, B deleted.
    store.setState({ segments: [summary('segments/a.segment.json', 'A', 'h2')] });
    store.getState().syncSavedSegments();
    expect(store.getState().gridEpoch).toBe(epoch + 1);
    expect(store.getState().gridSegment?.hash).toBe('h2');
    expect(store.getState().membershipColumns.map((c) => [c.file, c.hash])).toEqual([
      ['segments/a.segment.json', 'h2'],
    ]);
    expect((await store.getState().prepareView([], [])).view.membership).toEqual([{ file: 'segments/a.segment.json' }]);
    // Renamed (same id, new file): filter and column follow to the new file and name.
    epoch = store.getState().gridEpoch;
    store.setState({ segments: [summary('segments/a2.segment.json', 'A2', 'h2', 'segments/a.segment.json')] });
    store.getState().syncSavedSegments();
    expect(store.getState().gridSegment).toMatchObject({ label: 'A2', target: { file: 'segments/a2.segment.json' } });
    expect(store.getState().membershipColumns.map((c) => [c.file, c.label])).toEqual([
      ['segments/a2.segment.json', 'A2'],
    ]);
    expect(store.getState().gridEpoch).toBe(epoch + 1);
    expect((await store.getState().prepareView([], [])).view).toMatchObject({
      segment: { file: 'segments/a2.segment.json' },
      membership: [{ file: 'segments/a2.segment.json' }],
    });
    // Deleted: both go.
    store.setState({ segments: [] });
    store.getState().syncSavedSegments();
    expect(store.getState().gridSegment).toBeNull();
    expect(store.getState().membershipColumns).toEqual([]);
  });
});
