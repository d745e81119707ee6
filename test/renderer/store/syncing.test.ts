// What follows what without any component on screen (store/syncing.ts): the grid's draft-following
// parts after a pause in editing, the saved-segment filter after the list reloads, and an open
// threshold explorer after an edit or a snapshot switch. Timers are faked: no wall-clock waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CountResult, DefinitionSummary } from '../../../shared/api/segmentsApi';
import type { TableInfo } from '../../../shared/api/dataApi';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { THRESHOLD_PAUSE_MS } from '../../../renderer/store/overTimeThreshold';
import { DRAFT_SYNC_MS } from '../../../renderer/store/syncing';
import { createFakeApi } from '../fakeApi';
import { snapshot } from '../fixtures';

const accounts: TableInfo = {
  name: 'accounts',
  rows: 100,
  columns: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'plan', type: 'VARCHAR' },
    { name: 'mrr', type: 'DOUBLE' },
  ],
  snapshots: [snapshot('accounts', '2026-10-01', 90), snapshot('accounts', '2026-11-01', 100)],
};
// Only what the builder reads of a count.
const count = {
  count: 7,
  total: 100,
  share: 0.07,
  measures: [],
  elapsedMs: 1,
  asOf: '2026-11-01T00:00:00Z',
} as unknown as CountResult;
const summary = (file: string, name: string, hash: string): DefinitionSummary => ({
  file,
  kind: 'segment',
  id: 'seg-a',
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

function setup() {
  let job = 0;
  const fake = createFakeApi({
    countSegment: async () => count,
    segmentFunnel: async () => ({ total: 100, steps: [] }),
    cancelJob: async () => ({ cancelled: true }),
    headerSummaries: async () => [],
    thresholdCurve: async () => ({ field: 'mrr', op: 'gte', current: 100, total: 100, warnings: [], points: [] }),
  });
  const store = createWorkbenchStore(fake.client, { newJobId: () => `j${++job}` });
  store.setState({ tables: [accounts], selectedTable: 'accounts' });
  return { fake, store };
}

describe('store syncing', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('the members-only filter on the draft follows an edit once editing pauses, not before', async () => {
    const { store } = setup();
    store.getState().newSegment();
    await vi.advanceTimersByTimeAsync(DRAFT_SYNC_MS + 300);
    const b = store.getState().builder!;
    const target = { definition: b.definition as never };
    store.getState().setGridSegment({ table: 'accounts', source: 'draft', label: b.name, target });
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'plan', op: 'eq', value: 'pro' } });
    await vi.advanceTimersByTimeAsync(DRAFT_SYNC_MS - 100);
    expect(store.getState().gridSegment?.target).toEqual({ definition: b.definition });
    // A second edit inside the pause restarts it: one sync, with both edits.
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'plan', op: 'eq', value: 'team' } });
    await vi.advanceTimersByTimeAsync(DRAFT_SYNC_MS - 100);
    expect(store.getState().gridSegment?.target).toEqual({ definition: b.definition });
    await vi.advanceTimersByTimeAsync(200);
    const where = {
      all: [
        { field: 'plan', op: 'eq', value: 'pro' },
        { field: 'plan', op: 'eq', value: 'team' },
      ],
    };
    expect(store.getState().gridSegment?.target).toEqual({ definition: { ...b.definition, where } });
  });

  it('the saved-segment filter follows the list as it reloads: a new version, then the file deleted', () => {
    const { store } = setup();
    store.setState({ segments: [summary('segments/a.segment.json', 'A', 'h1')] });
    const target = { file: 'segments/a.segment.json' };
    store.getState().setGridSegment({ table: 'accounts', source: 'file', label: 'A', target, hash: 'h1', id: 'seg-a' });
    store.setState({ segments: [summary('segments/a.segment.json', 'A', 'h2')] });
    expect(store.getState().gridSegment?.hash).toBe('h2');
    store.setState({ segments: [] });
    expect(store.getState().gridSegment).toBeNull();
  });

  it('an open threshold explorer asks again after an edit of another condition, and on another snapshot', async () => {
    const { fake, store } = setup();
    store.getState().newSegment();
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'mrr', op: 'gte', value: 100 } });
    await vi.advanceTimersByTimeAsync(DRAFT_SYNC_MS + 300);
    store.getState().toggleThresholdExplorer([0], 'where.all[0]');
    await vi.advanceTimersByTimeAsync(THRESHOLD_PAUSE_MS + 50);
    expect(fake.callsOf('thresholdCurve')).toHaveLength(1);
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'plan', op: 'eq', value: 'pro' } });
    await vi.advanceTimersByTimeAsync(THRESHOLD_PAUSE_MS + 50);
    expect(fake.callsOf('thresholdCurve')).toHaveLength(2);
    store.getState().selectTable('accounts', 'accounts-2026-10-01');
    await vi.advanceTimersByTimeAsync(THRESHOLD_PAUSE_MS + 50);
    expect(fake.callsOf('thresholdCurve')).toHaveLength(3);
    expect(fake.callsOf('thresholdCurve').at(-1)).toMatchObject({ snapshot: 'accounts-2026-10-01' });
  });
});
