/**
 * The shell wired end to end with the `electron` module mocked (no Electron runtime here): the
 * window it creates, the session policy it installs, and its IPC handlers. The utilityProcess is
 * replaced by the real child plumbing (serveEngineChild) around the fake engine, in-process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { serveEngineChild, type ParentLink } from '../../../electron/engine/process/childMain';
import { createFakeEngine } from '../engine/process/fakeEngineTestUtils';

const m = vi.hoisted(() => {
  type Handler = (event: unknown, payload: unknown) => Promise<unknown>;
  const state = {
    windows: [] as { options: Record<string, unknown>; webContents: Record<string, unknown>; loaded: string[] }[],
    handlers: new Map<string, Handler>(),
    sessionCalls: [] as string[],
    errors: [] as string[],
    forks: [] as string[],
    userData: '',
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    loaded: string[] = [];
    constructor(public options: Record<string, unknown>) {
      const sent: unknown[] = [];
      this.webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: (...a: unknown[]) => sent.push(a), sent };
      m.windows.push(this as never);
    }
    isDestroyed = () => false;
    once = vi.fn();
    show = vi.fn();
    loadFile = async (f: string) => void this.loaded.push(f);
    loadURL = async (u: string) => void this.loaded.push(u);
  }
  const utilityProcess = {
    fork(entry: string) {
      m.forks.push(entry);
      const toParent = new Set<(msg: unknown) => void>();
      const toChild = new Set<(msg: unknown) => void>();
      const link: ParentLink = {
        post: (msg) => queueMicrotask(() => toParent.forEach((l) => l(JSON.parse(JSON.stringify(msg))))),
        onMessage: (l) => void toChild.add(l),
        onClose: () => {},
      };
      void serveEngineChild(async () => createFakeEngine(), link, { exit: () => {}, kill: () => {} });
      return {
        pid: 4242,
        postMessage: (msg: unknown) => queueMicrotask(() => toChild.forEach((l) => l(msg))),
        on: (_e: string, l: (msg: unknown) => void) => toParent.add(l),
        once: vi.fn(),
        kill: vi.fn(),
      };
    },
  };
  const webRequest = { onHeadersReceived: () => m.sessionCalls.push('onHeadersReceived') };
  return {
    app: {
      whenReady: async () => {},
      isPackaged: true,
      getPath: () => m.userData,
      on: vi.fn(),
      quit: vi.fn(),
      exit: vi.fn(),
      requestSingleInstanceLock: () => true,
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (t: string, msg: string) => m.errors.push(`${t}: ${msg}`),
      showOpenDialog: vi.fn(),
      showMessageBox: vi.fn(),
      showSaveDialog: vi.fn(),
    },
    ipcMain: {
      handle: (ch: string, fn: (e: unknown, p: unknown) => Promise<unknown>) => m.handlers.set(ch, fn),
      removeHandler: (ch: string) => m.handlers.delete(ch),
    },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (t: unknown) => t },
    nativeTheme: { shouldUseDarkColors: false, themeSource: 'system' },
    session: {
      defaultSession: {
        webRequest,
        setPermissionRequestHandler: () => m.sessionCalls.push('permissionRequest'),
        setPermissionCheckHandler: () => m.sessionCalls.push('permissionCheck'),
      },
    },
    utilityProcess,
  };
});

const mainUrl = pathToFileURL('/app/out/main/index.js').href;
const appPage = 'file:///app/out/renderer/index.html';

beforeAll(async () => {
  m.userData = mkdtempSync(join(tmpdir(), 'segwb-electron-'));
  process.env.SEGWB_HOME = join(m.userData, 'home');
  const { startApp } = await import('../../../electron/main/app');
  await startApp(mainUrl);
});

function event(win: { webContents: unknown }, url: string, parent: unknown = null) {
  return { sender: win.webContents, senderFrame: { url, parent } };
}

describe('Electron shell (electron mocked)', () => {
  it('creates one window with isolated, sandboxed webPreferences and our preload', () => {
    expect(m.windows).toHaveLength(1);
    const prefs = m.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/out/preload/index.cjs',
    });
    expect(m.windows[0]!.loaded).toEqual(['/app/out/renderer/index.html']);
  });

  it('installs the CSP hook and permission denial, and hardens the window', () => {
    expect(m.sessionCalls).toEqual(['onHeadersReceived', 'permissionRequest', 'permissionCheck']);
    const wc = m.windows[0]!.webContents as {
      on: ReturnType<typeof vi.fn>;
      setWindowOpenHandler: ReturnType<typeof vi.fn>;
    };
    expect(wc.on.mock.calls.map((c) => c[0])).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
    expect(wc.setWindowOpenHandler).toHaveBeenCalledOnce();
  });

  it('runs the engine in a utilityProcess from the built engine entry', () => {
    expect(m.forks).toEqual(['/app/out/main/engine.js']);
  });

  it('answers a well-formed RPC from the app page with the engine response (id preserved)', async () => {
    const rpc = m.handlers.get('workbench:rpc')!;
    const res = await rpc(event(m.windows[0]!, appPage), {
      type: 'request',
      id: 7,
      method: 'openWorkspace',
      params: { path: '/data/acme' },
    });
    expect(res).toEqual({
      type: 'response',
      id: 7,
      result: { ok: true, value: { path: '/data/acme', name: 'acme', tables: [] } },
    });
    const bad = await rpc(event(m.windows[0]!, appPage), {
      type: 'request',
      id: 8,
      method: 'getRows',
      params: { view: { table: 't' }, offset: -3, limit: 1 },
    });
    expect(bad).toMatchObject({ id: 8, result: { ok: false, error: { code: 'usage' } } });
  });

  it('forwards engine events to the window on workbench:event', async () => {
    const rpc = m.handlers.get('workbench:rpc')!;
    const job = rpc(event(m.windows[0]!, appPage), {
      type: 'request',
      id: 9,
      method: 'importFile',
      params: { file: { kind: 'staged', name: 'a.csv' }, jobId: 'ev1' },
    });
    const sent = (m.windows[0]!.webContents as { sent: unknown[][] }).sent;
    await expect.poll(() => sent.length).toBeGreaterThan(0);
    expect(sent[0]).toEqual(['workbench:event', { kind: 'progress', jobId: 'ev1', fraction: 0, message: 'started' }]);
    await rpc(event(m.windows[0]!, appPage), {
      type: 'request',
      id: 10,
      method: 'cancelJob',
      params: { jobId: 'ev1' },
    });
    expect(await job).toMatchObject({ id: 9, result: { ok: false, error: { code: 'interrupted' } } });
  });

  it('refuses IPC from another webContents, a foreign page, or a subframe', async () => {
    const rpc = m.handlers.get('workbench:rpc')!;
    const req = { type: 'request', id: 1, method: 'listTables', params: {} };
    await expect(rpc({ sender: {}, senderFrame: { url: appPage, parent: null } }, req)).rejects.toThrow(
      /unexpected sender/,
    );
    await expect(rpc(event(m.windows[0]!, 'https://evil.example/'), req)).rejects.toThrow(/unexpected sender/);
    await expect(rpc(event(m.windows[0]!, appPage, { url: appPage }), req)).rejects.toThrow(/unexpected sender/);
    await expect(rpc({ sender: m.windows[0]!.webContents, senderFrame: null }, req)).rejects.toThrow(
      /unexpected sender/,
    );
    const host = m.handlers.get('workbench:host')!;
    await expect(host(event(m.windows[0]!, 'https://evil.example/'), { action: 'recentWorkspaces' })).rejects.toThrow(
      /unexpected sender/,
    );
  });

  it('answers a request nested past the message bounds with an error, and the engine carries on', async () => {
    const rpc = m.handlers.get('workbench:rpc')!;
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep]; // past JSON.stringify's stack, as a structured clone can be
    const res = await rpc(event(m.windows[0]!, appPage), {
      type: 'request',
      id: 11,
      method: 'listTables',
      params: { deep },
    });
    expect(res).toEqual({
      type: 'response',
      id: 11,
      result: { ok: false, error: { code: 'usage', message: 'Refused: the request nests deeper than 512 levels.' } },
    });
    expect(
      await rpc(event(m.windows[0]!, appPage), { type: 'request', id: 12, method: 'listTables', params: {} }),
    ).toMatchObject({ id: 12, result: { ok: true } });
  });

  it('refuses malformed payloads before they reach the engine', async () => {
    const rpc = m.handlers.get('workbench:rpc')!;
    const ok = event(m.windows[0]!, appPage);
    for (const payload of [
      null,
      'listTables',
      { type: 'response', id: 1, result: {} },
      { type: 'request', id: -1, method: 'listTables', params: {} },
      { type: 'request', id: 1, method: 'list Tables()', params: {} },
      { type: 'request', id: 1, method: 'listTables', params: {}, extra: 1 },
    ]) {
      await expect(rpc(ok, payload)).rejects.toThrow(/malformed/);
    }
    const host = m.handlers.get('workbench:host')!;
    await expect(host(ok, { action: 'rm -rf' })).rejects.toThrow(/malformed/);
    expect(await host(ok, { action: 'recentWorkspaces' })).toEqual(expect.any(Array));
  });

  it('the save dialog for an export answers the chosen path; malformed save requests are refused', async () => {
    const { dialog } = await import('electron');
    const host = m.handlers.get('workbench:host')!;
    const ok = event(m.windows[0]!, appPage);
    vi.mocked(dialog.showSaveDialog).mockResolvedValueOnce({ canceled: false, filePath: '/data/out/activated.csv' });
    expect(await host(ok, { action: 'saveExportDialog', name: 'activated.csv', format: 'csv' })).toBe(
      '/data/out/activated.csv',
    );
    const [win, options] = vi.mocked(dialog.showSaveDialog).mock.lastCall! as unknown as [
      unknown,
      { defaultPath: string },
    ];
    expect(win).toBe(m.windows[0]);
    expect(options.defaultPath).toBe(join(m.userData, 'activated.csv'));
    const calls = vi.mocked(dialog.showSaveDialog).mock.calls.length;
    for (const payload of [
      { action: 'saveExportDialog', name: '../evil.csv', format: 'csv' },
      { action: 'saveExportDialog', name: 'a/b.csv', format: 'csv' },
      { action: 'saveExportDialog', name: 'a.csv', format: 'exe' },
      { action: 'saveExportDialog', name: 'a.csv', format: 'csv', path: '/etc/passwd' },
      { action: 'saveTextFile', name: 'a.sql' },
      { action: 'saveTextFile', name: 'a.sql', text: 42 },
      { action: 'savePageFile', name: 'a.exe', kind: 'exe', content: { text: 'x' } },
      { action: 'savePageFile', name: '../a.png', kind: 'png', content: { base64: 'AAAA' } },
      { action: 'savePageFile', name: 'a.png', kind: 'png', content: { base64: 'not base64!' } },
      { action: 'savePageFile', name: 'a.png', kind: 'png', content: { base64: 'AAAA', text: 'x' } },
      { action: 'savePageFile', name: 'a.csv', kind: 'csv' },
    ]) {
      await expect(host(ok, payload)).rejects.toThrow(/malformed/);
    }
    expect(vi.mocked(dialog.showSaveDialog).mock.calls.length).toBe(calls);
    await expect(
      host(event(m.windows[0]!, 'https://evil.example/'), { action: 'saveExportDialog', name: 'a.csv', format: 'csv' }),
    ).rejects.toThrow(/unexpected sender/);
    // A page-built file goes through the same dialog; cancelled, nothing is written.
    vi.mocked(dialog.showSaveDialog).mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(
      await host(ok, { action: 'savePageFile', name: 'chart.png', kind: 'png', content: { base64: 'iVBORw0KGgo=' } }),
    ).toBeNull();
    expect((vi.mocked(dialog.showSaveDialog).mock.lastCall! as unknown as [unknown, { title: string }])[1].title).toBe(
      'Save chart as PNG',
    );
  });

  it('File ▸ Import File… hands the chosen paths to the window, which imports them itself', async () => {
    const { dialog, Menu } = await import('electron');
    type Item = { label?: string; submenu?: Item[]; click?: () => void };
    const template = vi.mocked(Menu.setApplicationMenu).mock.lastCall![0] as unknown as Item[];
    const importItem = template.find((i) => i.label === 'File')!.submenu!.find((i) => i.label === 'Import File…')!;
    const sent = (m.windows[0]!.webContents as { sent: unknown[][] }).sent;
    const before = sent.length;
    const errorsBefore = m.errors.length;
    vi.mocked(dialog.showOpenDialog).mockResolvedValueOnce({
      canceled: false,
      filePaths: ['/data/a.csv', '/data/b.xlsx'],
    });
    importItem.click!();
    await expect.poll(() => sent.length).toBe(before + 1);
    expect(sent.at(-1)).toEqual(['workbench:import-files', ['/data/a.csv', '/data/b.xlsx']]);
    // The shell started no import: the engine's import would announce progress on workbench:event.
    await new Promise((r) => setTimeout(r, 20));
    expect(sent.slice(before)).toEqual([['workbench:import-files', ['/data/a.csv', '/data/b.xlsx']]]);
    // A cancelled picker sends nothing.
    vi.mocked(dialog.showOpenDialog).mockResolvedValueOnce({ canceled: true, filePaths: [] });
    importItem.click!();
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toHaveLength(before + 1);
    expect(m.errors).toHaveLength(errorsBefore);
  });
});
