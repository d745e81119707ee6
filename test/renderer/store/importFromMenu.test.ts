// File ▸ Import File… in Electron: the preload's onImportFiles event reaches the store through the
// platform's file host and opens the import dialog with those files, exactly as a pick in the window
// would (staged by path, sniffed, previewed); further files wait their turn, and a running import
// is never replaced.
import { describe, expect, it } from 'vitest';
import type { SniffReport } from '../../../shared/api/dataApi';
import { createElectronFileHost, createUploadFileHost } from '../../../renderer/platform/files';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { importReport } from '../fixtures';
import { createFakeApi, deferred, flush } from '../fakeApi';

const sniff: SniffReport = {
  format: 'csv',
  encoding: 'utf-8',
  delimiter: ',',
  header: true,
  columns: [{ name: 'a', type: 'BIGINT' }],
  preview: [{ a: 1 }],
  warnings: [],
};

/** The preload's workbenchHost as the page sees it, with a way to fire the menu's event. */
function fakeBridge() {
  const listeners = new Set<(paths: string[]) => void>();
  return {
    bridge: {
      pickFiles: async () => [],
      pathForFile: () => '',
      onImportFiles: (l: (paths: string[]) => void) => {
        listeners.add(l);
        return () => void listeners.delete(l);
      },
    },
    menuImport: (paths: string[]) => listeners.forEach((l) => l(paths)),
  };
}

describe('import from the Electron menu', () => {
  it('opens the dialog with the first file, then the next one when asked', async () => {
    const { bridge, menuImport } = fakeBridge();
    const files = createElectronFileHost(bridge);
    const fake = createFakeApi({
      sniffFile: async () => sniff,
      importFile: async () => importReport('orders', 3, 0),
      listTables: async () => [],
      headerSummaries: async () => [],
    });
    const store = createWorkbenchStore(fake.client, { stageFile: (f) => files.stage(f), newJobId: () => 'm1' });
    files.onShellFiles!((picked) => void store.getState().importFiles(picked));
    expect(store.getState().importDialog.open).toBe(false);

    menuImport(['/data/Orders 2026.csv', '/data/q3/plans.xlsx']);
    await flush();
    let d = store.getState().importDialog;
    expect([d.open, d.phase, d.fileName, d.options.table]).toEqual([true, 'ready', 'Orders 2026.csv', 'orders_2026']);
    expect(fake.callsOf('sniffFile')).toEqual([{ file: { kind: 'path', path: '/data/Orders 2026.csv' }, options: {} }]);
    expect(store.getState().importQueue).toEqual([{ name: 'plans.xlsx', size: null, source: '/data/q3/plans.xlsx' }]);
    // Nothing is imported until the user confirms in the dialog.
    expect(fake.callsOf('importFile')).toEqual([]);

    await store.getState().runImport();
    expect(store.getState().importDialog.phase).toBe('done');
    await store.getState().nextImportFile();
    d = store.getState().importDialog;
    expect([d.phase, d.fileName, d.options.table, d.report]).toEqual(['ready', 'plans.xlsx', 'plans', null]);
    expect(fake.callsOf('sniffFile').at(-1)).toEqual({
      file: { kind: 'path', path: '/data/q3/plans.xlsx' },
      options: {},
    });
    expect(store.getState().importQueue).toEqual([]);
  });

  it('files chosen during an import wait; closing the dialog drops the queue', async () => {
    const { bridge, menuImport } = fakeBridge();
    const files = createElectronFileHost(bridge);
    const run = deferred<ReturnType<typeof importReport>>();
    const fake = createFakeApi({
      sniffFile: async () => sniff,
      importFile: () => run.promise,
      listTables: async () => [],
      headerSummaries: async () => [],
    });
    const store = createWorkbenchStore(fake.client, { stageFile: (f) => files.stage(f), newJobId: () => 'm2' });
    files.onShellFiles!((picked) => void store.getState().importFiles(picked));
    menuImport(['/a.csv']);
    await flush();
    const running = store.getState().runImport();
    menuImport(['/b.csv', '/c.csv']);
    // A drop mid-import waits as well (it used to replace the running import's dialog).
    await store.getState().chooseImportFile({ name: 'd.csv', size: 1, source: '/d.csv' });
    await flush();
    expect([store.getState().importDialog.phase, store.getState().importDialog.fileName]).toEqual([
      'importing',
      'a.csv',
    ]);
    expect(store.getState().importQueue.map((f) => f.name)).toEqual(['b.csv', 'c.csv']);
    run.resolve(importReport('a', 1, 0));
    await running;
    await store.getState().nextImportFile();
    expect(store.getState().importDialog.fileName).toBe('b.csv');
    store.getState().closeImport();
    expect([store.getState().importDialog.open, store.getState().importQueue]).toEqual([false, []]);
  });

  it('no shell files in the browser, nor from a bridge without the event', () => {
    expect(createUploadFileHost('tok', () => Promise.reject(new Error('no upload here'))).onShellFiles).toBeUndefined();
    expect(createElectronFileHost({ pickFiles: async () => [], pathForFile: () => '' }).onShellFiles).toBeUndefined();
  });
});
