import { describe, expect, it, vi } from 'vitest';
import { apiMethods } from '../../../shared/api/contract';

const m = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(),
  on: new Map<string, (e: unknown, payload: unknown) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => m.exposed.set(name, value) },
  ipcRenderer: {
    invoke: m.invoke,
    on: (ch: string, fn: (e: unknown, p: unknown) => void) => m.on.set(ch, fn),
    send: vi.fn(),
    sendSync: vi.fn(),
  },
  webUtils: { getPathForFile: (f: { name: string }) => `/picked/${f.name}` },
}));

await import('../../../electron/preload/index');

describe('preload bridge (electron mocked)', () => {
  it('exposes exactly window.workbench and window.workbenchHost', () => {
    expect([...m.exposed.keys()].sort()).toEqual(['workbench', 'workbenchHost']);
  });

  it('exposes only functions: the API methods plus onEvent, and the host functions', () => {
    const wb = m.exposed.get('workbench') as Record<string, unknown>;
    expect(Object.keys(wb).sort()).toEqual([...Object.keys(apiMethods), 'onEvent'].sort());
    for (const v of Object.values(wb)) expect(typeof v).toBe('function');
    const host = m.exposed.get('workbenchHost') as Record<string, unknown>;
    expect(Object.keys(host).sort()).toEqual([
      'onImportFiles',
      'openWorkspaceDialog',
      'pathForFile',
      'pickFiles',
      'recentWorkspaces',
      'saveExportDialog',
      'savePageFile',
      'saveTextFile',
    ]);
    for (const v of Object.values(host)) expect(typeof v).toBe('function');
    // Nothing exposed is, or leads to, ipcRenderer.
    for (const v of [...Object.values(wb), ...Object.values(host)]) expect(v).not.toBe(m.invoke);
  });

  it('calls go over workbench:rpc as request envelopes; errors come back as ApiError', async () => {
    const wb = m.exposed.get('workbench') as {
      listTables(r: object): Promise<unknown>;
      getWorkspace(r: object): Promise<unknown>;
    };
    m.invoke.mockImplementationOnce(async (_ch: string, req: { id: number }) => ({
      type: 'response',
      id: req.id,
      result: { ok: true, value: [{ name: 't' }] },
    }));
    expect(await wb.listTables({})).toEqual([{ name: 't' }]);
    expect(m.invoke).toHaveBeenLastCalledWith('workbench:rpc', {
      type: 'request',
      id: 1,
      method: 'listTables',
      params: {},
    });
    m.invoke.mockImplementationOnce(async (_ch: string, req: { id: number }) => ({
      type: 'response',
      id: req.id,
      result: { ok: false, error: { code: 'not_found', message: 'nope' } },
    }));
    await expect(wb.getWorkspace({})).rejects.toMatchObject({ name: 'ApiError', code: 'not_found', message: 'nope' });
    m.invoke.mockRejectedValueOnce(new Error('refused: IPC from an unexpected sender'));
    await expect(wb.getWorkspace({})).rejects.toMatchObject({
      code: 'runtime',
      message: 'refused: IPC from an unexpected sender',
    });
  });

  it('delivers engine events from workbench:event to onEvent listeners', () => {
    const wb = m.exposed.get('workbench') as { onEvent(l: (e: unknown) => void): () => void };
    const seen: unknown[] = [];
    const off = wb.onEvent((e) => seen.push(e));
    m.on.get('workbench:event')!({}, { kind: 'engine', state: 'restarted', message: 'back' });
    off();
    m.on.get('workbench:event')!({}, { kind: 'engine', state: 'crashed', message: 'ignored' });
    expect(seen).toEqual([{ kind: 'engine', state: 'restarted', message: 'back' }]);
  });

  it('host functions use workbench:host with a fixed action and webUtils for dropped files', async () => {
    const host = m.exposed.get('workbenchHost') as { pickFiles(): Promise<string[]>; pathForFile(f: unknown): string };
    m.invoke.mockResolvedValueOnce(['/a.csv']);
    expect(await host.pickFiles()).toEqual(['/a.csv']);
    expect(m.invoke).toHaveBeenLastCalledWith('workbench:host', { action: 'pickFiles' });
    expect(host.pathForFile({ name: 'drop.csv' })).toBe('/picked/drop.csv');
  });

  it('passes the paths File ▸ Import File… chose to onImportFiles listeners, and nothing malformed', () => {
    const host = m.exposed.get('workbenchHost') as { onImportFiles(l: (paths: string[]) => void): () => void };
    const seen: string[][] = [];
    const off = host.onImportFiles((p) => seen.push(p));
    const send = m.on.get('workbench:import-files')!;
    send({ sender: 'ipc-event' }, ['/data/a.csv', '/data/b.xlsx']);
    for (const bad of [null, '/x.csv', [], [1], ['/ok.csv', { path: '/x' }]]) send({}, bad);
    off();
    send({}, ['/after-off.csv']);
    expect(seen).toEqual([['/data/a.csv', '/data/b.xlsx']]);
  });

  it('save dialogs go over workbench:host with their action, name and content', async () => {
    const host = m.exposed.get('workbenchHost') as {
      saveExportDialog(n: string, f: string): Promise<string | null>;
      saveTextFile(n: string, t: string): Promise<string | null>;
    };
    m.invoke.mockResolvedValueOnce('/home/u/Documents/activated.csv');
    expect(await host.saveExportDialog('activated.csv', 'csv')).toBe('/home/u/Documents/activated.csv');
    expect(m.invoke).toHaveBeenLastCalledWith('workbench:host', {
      action: 'saveExportDialog',
      name: 'activated.csv',
      format: 'csv',
    });
    m.invoke.mockResolvedValueOnce(null);
    expect(await host.saveTextFile('activated.postgres.sql', 'SELECT 1')).toBeNull();
    expect(m.invoke).toHaveBeenLastCalledWith('workbench:host', {
      action: 'saveTextFile',
      name: 'activated.postgres.sql',
      text: 'SELECT 1',
    });
  });

  it('a file the page built goes over workbench:host with its kind and content', async () => {
    const host = m.exposed.get('workbenchHost') as {
      savePageFile(n: string, k: string, c: object): Promise<string | null>;
    };
    m.invoke.mockResolvedValueOnce('/home/u/chart.png');
    expect(await host.savePageFile('chart.png', 'png', { base64: 'iVBORw0KGgo=' })).toBe('/home/u/chart.png');
    expect(m.invoke).toHaveBeenLastCalledWith('workbench:host', {
      action: 'savePageFile',
      name: 'chart.png',
      kind: 'png',
      content: { base64: 'iVBORw0KGgo=' },
    });
  });
});
