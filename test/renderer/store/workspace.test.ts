import { describe, expect, it } from 'vitest';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { accounts, tickets } from '../fixtures';
import { createFakeApi, flush } from '../fakeApi';

const workspace = { path: '/ws/demo', name: 'demo', tables: [accounts, tickets] };

describe('workspace slice', () => {
  it('loads the workspace, lists tables and selects the first one with its header summaries', async () => {
    const fake = createFakeApi({
      getWorkspace: async () => workspace,
      listTables: async () => [accounts, tickets],
      headerSummaries: async ({ table }) => [{ name: `${table}_col`, type: 'DOUBLE', bars: [0.5, 1], nullShare: 0 }],
    });
    const store = createWorkbenchStore(fake.client);
    await store.getState().loadWorkspace();
    await flush();
    const s = store.getState();
    expect(s.workspaceStatus).toBe('ready');
    expect(s.tables.map((t) => t.name)).toEqual(['accounts', 'tickets']);
    expect(s.selectedTable).toBe('accounts');
    expect(s.selectedSnapshot).toBeNull();
    expect(Object.keys(s.headerSummaries)).toEqual(['accounts_col']);
  });

  it('with no workspace open shows no tables and does not list them', async () => {
    const fake = createFakeApi({ getWorkspace: async () => null });
    const store = createWorkbenchStore(fake.client);
    await store.getState().loadWorkspace();
    expect(store.getState().tables).toEqual([]);
    expect(store.getState().selectedTable).toBeNull();
    expect(fake.callsOf('listTables')).toHaveLength(0);
  });

  it('reports a failure to open with a hint', async () => {
    const fake = createFakeApi({ getWorkspace: async () => Promise.reject(new Error('boom')) });
    const store = createWorkbenchStore(fake.client);
    await store.getState().loadWorkspace();
    expect(store.getState().workspaceStatus).toBe('error');
    expect(store.getState().workspaceError?.message).toBe('boom');
    expect(store.getState().workspaceError?.hint).not.toBe('');
  });

  it('selecting another table or an older snapshot resets sort, filters and profile and bumps the grid epoch', async () => {
    const fake = createFakeApi({
      getWorkspace: async () => workspace,
      listTables: async () => [accounts, tickets],
      headerSummaries: async () => [],
    });
    const store = createWorkbenchStore(fake.client);
    await store.getState().loadWorkspace();
    store.setState({
      sort: [{ column: 'mrr', dir: 'desc' }],
      filters: [{ field: 'mrr', op: 'gt', value: 5 }],
      profile: { column: 'mrr', status: 'ready', data: null, error: null },
    });
    const epoch = store.getState().gridEpoch;
    store.getState().selectTable('accounts', 'accounts-2026-10-01');
    const s = store.getState();
    expect(s.selectedSnapshot).toBe('accounts-2026-10-01');
    expect(s.sort).toEqual([]);
    expect(s.filters).toEqual([]);
    expect(s.profile).toBeNull();
    expect(s.gridEpoch).toBe(epoch + 1);
    await flush();
    expect(fake.callsOf('headerSummaries').at(-1)).toEqual({ table: 'accounts', snapshot: 'accounts-2026-10-01' });
  });

  it('an engine restart event reloads the workspace; a crash is shown', async () => {
    const fake = createFakeApi({
      getWorkspace: async () => workspace,
      listTables: async () => [accounts],
      headerSummaries: async () => [],
    });
    const store = createWorkbenchStore(fake.client);
    const stop = store.start();
    await flush();
    expect(fake.callsOf('getWorkspace')).toHaveLength(1);
    fake.emit({ kind: 'engine', state: 'crashed', message: 'DuckDB died' });
    expect(store.getState().engine).toEqual({ state: 'crashed', message: 'DuckDB died' });
    fake.emit({ kind: 'engine', state: 'restarted', message: 'back' });
    await flush();
    expect(store.getState().engine.state).toBe('restarted');
    expect(fake.callsOf('getWorkspace')).toHaveLength(2);
    stop();
    fake.emit({ kind: 'engine', state: 'crashed', message: 'after stop' });
    expect(store.getState().engine.message).toBe('back');
  });

  it('reloads after the connection comes back, not on the first open', async () => {
    const fake = createFakeApi({
      getWorkspace: async () => workspace,
      listTables: async () => [accounts],
      headerSummaries: async () => [],
    });
    const store = createWorkbenchStore(fake.client);
    store.getState().setConnection('open');
    expect(fake.callsOf('getWorkspace')).toHaveLength(0);
    store.getState().setConnection('closed');
    store.getState().setConnection('connecting');
    store.getState().setConnection('open');
    await flush();
    expect(store.getState().connection).toBe('open');
    expect(fake.callsOf('getWorkspace')).toHaveLength(1);
  });

  it('opens another workspace folder (creating it when asked) and shows its tables', async () => {
    let current = workspace;
    const other = { path: '/ws/other', name: 'other', tables: [tickets] };
    const fake = createFakeApi({
      getWorkspace: async () => current,
      listTables: async () => current.tables,
      openWorkspace: async ({ path }) => ((current = path === '/ws/other' ? other : workspace), current),
      headerSummaries: async () => [],
    });
    const store = createWorkbenchStore(fake.client);
    await store.getState().loadWorkspace();
    expect(store.getState().selectedTable).toBe('accounts');
    await store.getState().openWorkspace('/ws/other', true);
    expect(fake.callsOf('openWorkspace')).toEqual([{ path: '/ws/other', create: true }]);
    expect(store.getState().workspace?.name).toBe('other');
    expect(store.getState().selectedTable).toBe('tickets');
  });
});
