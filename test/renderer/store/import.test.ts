import { describe, expect, it } from 'vitest';
import type { SniffReport } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { tableNameFromFile } from '../../../shared/tableName';
import { accounts, importReport, snapshot } from '../fixtures';
import { createFakeApi, deferred, flush } from '../fakeApi';

const sniff = (delimiter: string): SniffReport => ({
  format: 'csv',
  encoding: 'utf-8',
  delimiter,
  header: true,
  columns: [{ name: 'a', type: 'BIGINT' }],
  preview: [{ a: 1 }],
  warnings: [],
});
const file = { name: 'Customer Export 2026-11.csv', size: 10, source: 'x' };

describe('import slice', () => {
  it('derives a safe table name from the file name', () => {
    expect(tableNameFromFile('Customer Export 2026-11.csv')).toBe('customer_export_2026_11');
    expect(tableNameFromFile('/tmp/2026 data.PARQUET')).toBe('t_2026_data');
    expect(tableNameFromFile('%%%.csv')).toBe('imported');
  });

  it('stages, sniffs, imports with the overrides, then refreshes and selects the new table', async () => {
    const newTable = {
      ...accounts,
      name: 'customer_export_2026_11',
      rows: 4,
      snapshots: [snapshot('customer_export_2026_11', '2026-11-01', 4)],
    };
    const fake = createFakeApi({
      sniffFile: async (req) => sniff(req.options?.delimiter ?? ','),
      importFile: async () => importReport('customer_export_2026_11', 4, 1),
      listTables: async () => [accounts, newTable],
      headerSummaries: async () => [],
    });
    const staged: string[] = [];
    const store = createWorkbenchStore(fake.client, {
      stageFile: async (f) => (staged.push(f.name), { kind: 'staged', name: 'up-1.csv' }),
      newJobId: () => 'imp1',
    });
    store.getState().openImport();
    await store.getState().chooseImportFile(file);
    expect(staged).toEqual([file.name]);
    let d = store.getState().importDialog;
    expect(d.phase).toBe('ready');
    expect(d.options.table).toBe('customer_export_2026_11');
    expect(fake.callsOf('sniffFile')).toEqual([{ file: { kind: 'staged', name: 'up-1.csv' }, options: {} }]);

    await store.getState().setImportOptions({ delimiter: ';', asOf: '2026-11-01' });
    expect(fake.callsOf('sniffFile')).toHaveLength(2);
    expect(store.getState().importDialog.sniff?.delimiter).toBe(';');
    // A non-parsing option does not re-sniff.
    await store.getState().setImportOptions({ table: 'custs' });
    expect(fake.callsOf('sniffFile')).toHaveLength(2);
    await store.getState().setImportOptions({ table: 'customer_export_2026_11' });

    await store.getState().runImport();
    d = store.getState().importDialog;
    expect(fake.callsOf('importFile')).toEqual([
      {
        file: { kind: 'staged', name: 'up-1.csv' },
        options: { table: 'customer_export_2026_11', delimiter: ';', asOf: '2026-11-01' },
        jobId: 'imp1',
      },
    ]);
    expect(d.phase).toBe('done');
    expect(d.report?.rejected).toBe(1);
    expect(store.getState().tables.map((t) => t.name)).toContain('customer_export_2026_11');
    expect(store.getState().selectedTable).toBe('customer_export_2026_11');
  });

  it('a stale sniff answer never overwrites a newer one', async () => {
    const answers = [deferred<SniffReport>(), deferred<SniffReport>()];
    let i = 0;
    const fake = createFakeApi({ sniffFile: () => answers[i++]!.promise });
    const store = createWorkbenchStore(fake.client, { stageFile: async () => ({ kind: 'path', path: '/x.csv' }) });
    const first = store.getState().chooseImportFile(file);
    await flush();
    const second = store.getState().setImportOptions({ delimiter: '|' });
    answers[1]!.resolve(sniff('|'));
    await second;
    answers[0]!.resolve(sniff(','));
    await first;
    expect(store.getState().importDialog.sniff?.delimiter).toBe('|');
  });

  it('shows progress, cancels by job id, and reports the interruption with a hint; the dialog cannot close mid-import', async () => {
    const run = deferred<never>();
    const fake = createFakeApi({
      sniffFile: async () => sniff(','),
      importFile: () => run.promise,
      cancelJob: async () => ({ cancelled: true }),
    });
    const store = createWorkbenchStore(fake.client, {
      stageFile: async () => ({ kind: 'path', path: '/x.csv' }),
      newJobId: () => 'imp9',
    });
    store.start();
    await store.getState().chooseImportFile(file);
    const p = store.getState().runImport();
    fake.emit({ kind: 'progress', jobId: 'imp9', fraction: 0.25, message: 'Reading' });
    expect(store.getState().importDialog.progress).toEqual({ fraction: 0.25, message: 'Reading' });
    store.getState().closeImport();
    expect(store.getState().importDialog.open).toBe(true);
    await store.getState().cancelImport();
    expect(fake.callsOf('cancelJob')).toEqual([{ jobId: 'imp9' }]);
    run.reject(new ApiError('interrupted', 'import cancelled'));
    await p;
    const d = store.getState().importDialog;
    expect(d.phase).toBe('error');
    expect(d.error?.code).toBe('interrupted');
    expect(d.error?.hint).toMatch(/nothing was changed/i);
  });

  it('a bad file shows the engine message and what to do', async () => {
    const fake = createFakeApi({
      sniffFile: async () => Promise.reject(new ApiError('invalid_input', 'empty.csv: the file is empty')),
    });
    const store = createWorkbenchStore(fake.client, { stageFile: async () => ({ kind: 'path', path: '/empty.csv' }) });
    await store.getState().chooseImportFile({ name: 'empty.csv', size: 0, source: '/empty.csv' });
    const d = store.getState().importDialog;
    expect(d.phase).toBe('error');
    expect(d.error?.message).toBe('empty.csv: the file is empty');
    expect(d.error?.hint).toMatch(/check the file/i);
  });

  it('pages the rest of the rejects of a finished import', async () => {
    const report = { ...importReport('t', 10, 3), rejects: [{ line: 2, column: null, reason: 'r1', raw: 'x' }] };
    const fake = createFakeApi({
      sniffFile: async () => sniff(','),
      importFile: async () => report,
      listTables: async () => [],
      headerSummaries: async () => [],
      getRejects: async ({ offset }) => ({
        total: 3,
        rejects: [
          { line: 5 + (offset ?? 0), column: 'a', reason: 'r2', raw: 'y' },
          { line: 9, column: 'b', reason: 'r3', raw: 'z' },
        ],
      }),
    });
    const store = createWorkbenchStore(fake.client, { stageFile: async () => ({ kind: 'path', path: '/t.csv' }) });
    await store.getState().chooseImportFile({ name: 't.csv', size: 1, source: '/t.csv' });
    await store.getState().runImport();
    await store.getState().loadMoreRejects();
    expect(fake.callsOf('getRejects')).toEqual([{ table: 't', snapshot: report.snapshot.id, offset: 1, limit: 500 }]);
    expect(store.getState().importDialog.moreRejects.map((r) => r.line)).toEqual([6, 9]);
    // All three are shown now: no further request.
    await store.getState().loadMoreRejects();
    expect(fake.callsOf('getRejects')).toHaveLength(1);
  });
});

describe('import slice: column types', () => {
  it('a chosen type (and what bad values become) goes with the import, not with the sniff', async () => {
    const withIssue: SniffReport = {
      ...sniff(','),
      columns: [
        { name: 'id', type: 'BIGINT' },
        { name: 'amount', type: 'VARCHAR' },
      ],
      typeIssues: [
        {
          column: 'amount',
          type: 'BIGINT',
          bad: 3,
          values: 4998,
          examples: ['abc'],
          lines: [7, 19, 40],
          sampled: false,
        },
      ],
    };
    const fake = createFakeApi({
      sniffFile: async () => withIssue,
      importFile: async () => importReport('amounts', 4995, 3),
      listTables: async () => [accounts],
      headerSummaries: async () => [],
    });
    const store = createWorkbenchStore(fake.client, {
      stageFile: async () => ({ kind: 'staged', name: 'a.csv' }),
      newJobId: () => 'imp2',
    });
    await store.getState().chooseImportFile({ name: 'amounts.csv', size: 1, source: 'x' });
    store.getState().setImportColumnType('amount', 'DOUBLE');
    await store.getState().setImportOptions({ invalidValues: 'null' });
    expect(fake.callsOf('sniffFile')).toHaveLength(1);
    await store.getState().runImport();
    expect(fake.callsOf('importFile')[0]).toMatchObject({
      options: { table: 'amounts', columnTypes: { amount: 'DOUBLE' }, invalidValues: 'null' },
    });
    // Back to "as found": neither option is sent.
    store.getState().setImportColumnType('amount', null);
    await store.getState().runImport();
    expect(fake.callsOf('importFile')[1]).toEqual({
      file: { kind: 'staged', name: 'a.csv' },
      options: { table: 'amounts' },
      jobId: 'imp2',
    });
  });
});
