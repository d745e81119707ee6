import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/protocol';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { accounts } from '../fixtures';
import { createFakeApi, deferred, flush } from '../fakeApi';

function setup(prepare: (jobId: string) => Promise<{ total: number }>) {
  let n = 0;
  const fake = createFakeApi({
    prepareView: ({ jobId }) => prepare(jobId ?? ''),
    getRows: async ({ offset, limit }) => ({
      offset,
      total: 3,
      rows: Array.from({ length: Math.min(limit, 3 - offset) }, (_, i) => ({ n: offset + i })),
    }),
    cancelJob: async () => ({ cancelled: true }),
    headerSummaries: async () => [],
  });
  const store = createWorkbenchStore(fake.client, { newJobId: () => `job${++n}` });
  store.setState({ tables: [accounts], selectedTable: 'accounts' });
  return { fake, store };
}

describe('grid slice', () => {
  it('prepares a view once: concurrent block requests for the same view share one prepareView', async () => {
    const d = deferred<{ total: number }>();
    const { fake, store } = setup(() => d.promise);
    const sort = [{ column: 'mrr', dir: 'desc' as const }];
    const a = store.getState().prepareView(sort, []);
    const b = store.getState().prepareView(sort, []);
    expect(store.getState().viewBuild?.jobId).toBe('job1');
    d.resolve({ total: 1234 });
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.total).toBe(1234);
    expect(rb.view).toEqual({ table: 'accounts', sort, filters: [] });
    expect(fake.callsOf('prepareView')).toEqual([{ view: { table: 'accounts', sort, filters: [] }, jobId: 'job1' }]);
    const s = store.getState();
    expect(s.viewTotal).toBe(1234);
    expect(s.viewBuild).toBeNull();
    expect(s.sort).toEqual(sort);
    // A later block of the same view does not rebuild it.
    await store.getState().prepareView(sort, []);
    expect(fake.callsOf('prepareView')).toHaveLength(1);
  });

  it('a newer view cancels the build of the older one (no queued work)', async () => {
    const builds = [deferred<{ total: number }>(), deferred<{ total: number }>()];
    let i = 0;
    const { fake, store } = setup(() => builds[i++]!.promise);
    const first = store.getState().prepareView([{ column: 'mrr', dir: 'asc' }], []);
    void store.getState().prepareView([{ column: 'mrr', dir: 'desc' }], []);
    expect(fake.callsOf('cancelJob')).toEqual([{ jobId: 'job1' }]);
    builds[0]!.reject(new ApiError('interrupted', 'cancelled'));
    await expect(first).rejects.toThrow('cancelled');
    // The stale failure does not clobber the live build's state.
    expect(store.getState().viewBuild?.jobId).toBe('job2');
    expect(store.getState().viewError).toBeNull();
    builds[1]!.resolve({ total: 7 });
    await flush();
    expect(store.getState().viewTotal).toBe(7);
    expect(store.getState().sort).toEqual([{ column: 'mrr', dir: 'desc' }]);
  });

  it('progress events update the running build; Cancel calls cancelJob with its id and keeps the last built sort', async () => {
    const d = deferred<{ total: number }>();
    const { fake, store } = setup(() => d.promise);
    const stop = store.start();
    const p = store.getState().prepareView([{ column: 'mrr', dir: 'asc' }], []);
    fake.emit({ kind: 'progress', jobId: 'job1', fraction: 0.4, message: 'Sorting' });
    fake.emit({ kind: 'progress', jobId: 'other', fraction: 0.9, message: 'not ours' });
    expect(store.getState().viewBuild).toEqual({ jobId: 'job1', fraction: 0.4, message: 'Sorting' });
    await store.getState().cancelViewBuild();
    expect(fake.callsOf('cancelJob')).toEqual([{ jobId: 'job1' }]);
    d.reject(new ApiError('interrupted', 'interrupted by the user'));
    await expect(p).rejects.toThrow();
    expect(store.getState().viewError?.code).toBe('interrupted');
    expect(store.getState().sort).toEqual([]);
    stop();
  });

  it('passes the snapshot into the view and fetches rows for the prepared view', async () => {
    const { fake, store } = setup(async () => ({ total: 3 }));
    store.setState({ selectedSnapshot: 'accounts-2026-10-01' });
    const { view } = await store.getState().prepareView([], [{ field: 'mrr', op: 'gt', value: 10 }]);
    expect(view.snapshot).toBe('accounts-2026-10-01');
    const page = await store.getState().fetchRows(view, 1, 100);
    expect(page.rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect(fake.callsOf('getRows')).toEqual([{ view, offset: 1, limit: 100 }]);
  });

  it('invalidateView forces the next prepare to rebuild', async () => {
    const { fake, store } = setup(async () => ({ total: 3 }));
    await store.getState().prepareView([], []);
    store.getState().invalidateView();
    await store.getState().prepareView([], []);
    expect(fake.callsOf('prepareView')).toHaveLength(2);
  });
});
