// The export dialog's store logic against the fake API and a scripted ExportHost: which definition
// and version run, on which snapshot, with which columns in which order; progress of its own job
// only; cancel; the destination delivered on success and given back on failure; clear errors.
import { describe, expect, it } from 'vitest';
import type { DefinitionDocument, ExportResult } from '../../../shared/api/segmentsApi';
import { ApiError } from '../../../shared/api/protocol';
import type { ExportDestination, ExportHost } from '../../../renderer/platform/exports';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { exportFileName } from '../../../renderer/store/exportSlice';
import { accounts, tickets } from '../fixtures';
import { createFakeApi, deferred, flush } from '../fakeApi';

const inactiveDays = { name: 'inactive_days', kind: 'daysSince', of: 'signup_date' };
const v1 = {
  entity: { table: 'accounts', key: 'account_id' },
  asOf: { kind: 'snapshot' },
  where: { field: 'mrr', op: 'gte', value: 10 },
};
const v2 = {
  ...v1,
  metrics: [inactiveDays],
  where: {
    all: [
      { field: 'mrr', op: 'gte', value: 10 },
      { field: 'inactive_days', op: 'lte', value: 3 },
    ],
  },
};

const doc: DefinitionDocument = {
  file: 'segments/activated.segment.json',
  kind: 'segment',
  id: 'id-a',
  name: 'Activated',
  description: null,
  tags: [],
  latestVersion: 2,
  hash: 'h2',
  entityTable: 'accounts',
  valid: true,
  errors: 0,
  hasSql: false,
  diagnostics: [],
  versions: [],
  content: {
    format: 'segment-workbench',
    kind: 'segment',
    versions: [
      { version: 1, definition: v1 },
      { version: 2, definition: v2 },
    ],
  },
};

const result = (rows: number, columns: string[]): ExportResult => ({
  file: '/out',
  format: 'csv',
  rows,
  columns,
  metaFile: '/out.segment-meta.json',
});

/** An ExportHost that answers the given destination and records what happened to it. */
function scriptedHost(out: string | null = '/home/u/activated.csv') {
  const log: string[] = [];
  const host: ExportHost = {
    destination: async (name, format) => {
      log.push(`ask ${name} ${format}`);
      if (out === null) return null;
      const dest: ExportDestination = {
        out,
        label: out,
        deliver: async () => void log.push('deliver'),
        discard: async () => void log.push('discard'),
      };
      return dest;
    },
    saveText: async () => null,
    saveFile: async () => null,
  };
  return { host, log };
}

function setup(impl: Parameters<typeof createFakeApi>[0] = {}) {
  const fake = createFakeApi({ readDefinition: async () => doc, ...impl });
  let n = 0;
  const store = createWorkbenchStore(fake.client, { newJobId: () => `exp${++n}` });
  store.setState({ tables: [accounts, tickets], selectedTable: 'accounts', selectedSnapshot: null });
  return { fake, store };
}

describe('export slice', () => {
  it('opens a saved segment at its latest version: table columns then metrics, all chosen, the latest snapshot', async () => {
    const { store, fake } = setup();
    await store.getState().openExportForFile('segments/activated.segment.json');
    const d = store.getState().exportDialog;
    expect(fake.callsOf('readDefinition')).toEqual([{ file: 'segments/activated.segment.json' }]);
    expect(d).toMatchObject({
      open: true,
      phase: 'choose',
      name: 'Activated',
      target: { file: 'segments/activated.segment.json', version: 2 },
      versionLabel: 'version 2',
      scheme: false,
      table: 'accounts',
      snapshot: null,
      snapshotLabel: 'latest snapshot (as of 2026-11-01)',
    });
    expect(d.columns.map((c) => [c.name, c.kind, c.key, c.checked])).toEqual([
      ['account_id', 'column', true, true],
      ['mrr', 'column', false, true],
      ['signup_date', 'column', false, true],
      ['inactive_days', 'metric', false, true],
    ]);
  });

  it('exports the chosen columns in table order on the snapshot the grid shows, with progress of its own job only', async () => {
    const running = deferred<ExportResult>();
    const { store, fake } = setup({ exportMembers: () => running.promise });
    store.setState({ selectedSnapshot: 'accounts-2026-10-01' });
    await store.getState().openExportForFile('segments/activated.segment.json');
    expect(store.getState().exportDialog.snapshotLabel).toBe('snapshot as of 2026-10-01');
    store.getState().setAllExportColumns(false);
    store.getState().toggleExportColumn('inactive_days');
    store.getState().toggleExportColumn('account_id');
    store.getState().setExportFormat('parquet');
    const { host, log } = scriptedHost('/home/u/activated.parquet');
    const done = store.getState().runExport(host);
    await flush();
    expect(log).toEqual(['ask activated.parquet parquet']);
    expect(fake.callsOf('exportMembers')).toEqual([
      {
        target: { file: 'segments/activated.segment.json', version: 2 },
        snapshot: 'accounts-2026-10-01',
        out: '/home/u/activated.parquet',
        format: 'parquet',
        columns: ['account_id', 'inactive_days'],
        jobId: 'exp1',
      },
    ]);
    expect(store.getState().exportDialog).toMatchObject({
      phase: 'exporting',
      jobId: 'exp1',
      progress: { fraction: null, message: 'Starting' },
    });
    fake.emit({ kind: 'progress', jobId: 'other', fraction: 0.9, message: 'Someone else' });
    fake.emit({ kind: 'progress', jobId: 'exp1', fraction: 0.25, message: 'Writing 2,000 rows' });
    expect(store.getState().exportDialog.progress).toEqual({ fraction: 0.25, message: 'Writing 2,000 rows' });
    // Closing mid-export is refused: the job would be orphaned.
    store.getState().closeExport();
    expect(store.getState().exportDialog.open).toBe(true);
    running.resolve({ ...result(2000, ['account_id', 'inactive_days']), format: 'parquet' });
    await done;
    expect(log).toEqual(['ask activated.parquet parquet', 'deliver']);
    expect(store.getState().exportDialog).toMatchObject({
      phase: 'done',
      jobId: null,
      progress: null,
      result: {
        rows: 2000,
        columns: ['account_id', 'inactive_days'],
        format: 'parquet',
        where: '/home/u/activated.parquet',
      },
    });
    // Events after the job ended change nothing.
    fake.emit({ kind: 'progress', jobId: 'exp1', fraction: 0.5, message: 'late' });
    expect(store.getState().exportDialog.progress).toBeNull();
    store.getState().closeExport();
    expect(store.getState().exportDialog.open).toBe(false);
  });

  it('a cancelled save dialog exports nothing; no columns chosen exports nothing', async () => {
    const { store, fake } = setup({ exportMembers: async () => result(1, ['account_id']) });
    await store.getState().openExportForFile('segments/activated.segment.json');
    const cancelled = scriptedHost(null);
    await store.getState().runExport(cancelled.host);
    expect(cancelled.log).toEqual(['ask activated.csv csv']);
    expect(store.getState().exportDialog.phase).toBe('choose');
    store.getState().setAllExportColumns(false);
    const ok = scriptedHost();
    await store.getState().runExport(ok.host);
    expect(ok.log).toEqual([]);
    expect(fake.callsOf('exportMembers')).toEqual([]);
  });

  it('Cancel interrupts the job; the destination is given back and the error says nothing was written', async () => {
    const running = deferred<ExportResult>();
    const { store, fake } = setup({
      exportMembers: () => running.promise,
      cancelJob: async ({ jobId }) => {
        running.reject(new ApiError('interrupted', 'Cancelled'));
        return { cancelled: jobId === 'exp1' };
      },
    });
    await store.getState().openExportForFile('segments/activated.segment.json');
    const { host, log } = scriptedHost();
    const done = store.getState().runExport(host);
    await flush();
    await store.getState().cancelExport();
    await done;
    expect(fake.callsOf('cancelJob')).toEqual([{ jobId: 'exp1' }]);
    expect(log).toEqual(['ask activated.csv csv', 'discard']);
    const d = store.getState().exportDialog;
    expect(d.phase).toBe('error');
    expect(d.error).toMatchObject({ code: 'interrupted', hint: 'Export cancelled: nothing was written.' });
  });

  it('an engine refusal (XLSX over the sheet limit) is shown with its message; exporting again works', async () => {
    const message =
      'XLSX holds at most 1,048,576 rows including the header; this segment has 2,000,000 members. Export CSV or Parquet instead.';
    let calls = 0;
    const { store } = setup({
      exportMembers: async () =>
        ++calls === 1 ? Promise.reject(new ApiError('invalid_input', message)) : result(3, ['account_id']),
    });
    await store.getState().openExportForFile('segments/activated.segment.json');
    store.getState().setExportFormat('xlsx');
    const first = scriptedHost('/x/activated.xlsx');
    await store.getState().runExport(first.host);
    expect(first.log).toEqual(['ask activated.xlsx xlsx', 'discard']);
    expect(store.getState().exportDialog.error).toMatchObject({ code: 'invalid_input', message });
    expect(store.getState().exportDialog.error?.hint).toMatch(/Nothing was written/);
    store.getState().setExportFormat('csv');
    const second = scriptedHost('/x/activated.csv');
    await store.getState().runExport(second.host);
    expect(store.getState().exportDialog).toMatchObject({ phase: 'done', error: null, result: { rows: 3 } });
  });

  it('a failed reservation (the host has no workspace) is an error before any export runs', async () => {
    const { store, fake } = setup();
    await store.getState().openExportForFile('segments/activated.segment.json');
    const host: ExportHost = {
      destination: async () =>
        Promise.reject(new Error('the host could not make room for the export (HTTP 409): No workspace is open.')),
      saveText: async () => null,
      saveFile: async () => null,
    };
    await store.getState().runExport(host);
    expect(store.getState().exportDialog.error?.message).toMatch(/HTTP 409/);
    expect(fake.callsOf('exportMembers')).toEqual([]);
  });

  it('from the builder: the draft when it has unsaved changes, the saved version when not, the version being viewed', () => {
    const { store } = setup();
    const base = {
      file: 'segments/activated.segment.json',
      name: 'Activated',
      viewing: null,
      history: { versions: [{ version: 1 }, { version: 2 }], definitions: {} },
      lastSaved: null,
    };
    store.setState({ builder: { ...base, definition: v2, savedJson: JSON.stringify(v2) } as never });
    store.getState().openExportFromBuilder();
    expect(store.getState().exportDialog).toMatchObject({
      target: { file: 'segments/activated.segment.json', version: 2 },
      versionLabel: 'version 2',
    });

    const edited = { ...v2, where: { field: 'mrr', op: 'gte', value: 50 } };
    store.setState({ builder: { ...base, definition: edited, savedJson: JSON.stringify(v2) } as never });
    store.getState().openExportFromBuilder();
    expect(store.getState().exportDialog).toMatchObject({
      target: { definition: edited },
      versionLabel: 'unsaved changes',
    });

    store.setState({
      builder: {
        ...base,
        definition: edited,
        savedJson: JSON.stringify(v2),
        viewing: { version: 1, definition: v1 },
      } as never,
    });
    store.getState().openExportFromBuilder();
    const d = store.getState().exportDialog;
    expect(d).toMatchObject({
      target: { file: 'segments/activated.segment.json', version: 1 },
      versionLabel: 'version 1',
    });
    // Version 1 has no metrics: only the table's columns are offered.
    expect(d.columns.map((c) => c.name)).toEqual(['account_id', 'mrr', 'signup_date']);

    store.setState({ builder: { ...base, file: null, definition: edited, savedJson: null } as never });
    store.getState().openExportFromBuilder();
    expect(store.getState().exportDialog).toMatchObject({
      target: { definition: edited },
      versionLabel: 'unsaved draft',
    });
  });

  it('a scheme says its rows carry their tier; a table not in the workspace is a clear error', async () => {
    const scheme = {
      entity: { table: 'accounts', key: 'account_id' },
      tiers: [{ name: 'High', where: { field: 'mrr', op: 'gte', value: 500 } }],
      otherwise: 'Low',
    };
    const { store } = setup({
      readDefinition: async ({ file }) => ({
        ...doc,
        file,
        kind: 'scheme',
        name: file.includes('gone') ? 'Gone' : 'Value tiers',
        content: {
          versions: [
            {
              version: 1,
              definition: file.includes('gone') ? { ...scheme, entity: { table: 'customers', key: 'id' } } : scheme,
            },
          ],
        },
      }),
    });
    await store.getState().openExportForFile('schemes/value-tiers.scheme.json');
    expect(store.getState().exportDialog).toMatchObject({ phase: 'choose', scheme: true, versionLabel: 'version 1' });
    await store.getState().openExportForFile('schemes/gone.scheme.json');
    expect(store.getState().exportDialog).toMatchObject({
      phase: 'error',
      error: { code: 'not_found', message: "The table 'customers' that Gone is defined on is not in this workspace." },
    });
  });

  it('names the file from the segment name', () => {
    expect(exportFileName('Activated', 'csv')).toBe('activated.csv');
    expect(exportFileName('Low value / high maintenance', 'xlsx')).toBe('low-value-high-maintenance.xlsx');
    expect(exportFileName('Évalué — à risque', 'json')).toBe('evalue-a-risque.json');
    expect(exportFileName('???', 'parquet')).toBe('members.parquet');
  });
});
