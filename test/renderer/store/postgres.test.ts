// "Run on PostgreSQL…" in the store, against the fake API: the workspace's saved connection fills
// the form; a run saves the connection without any password and sends the in-memory password only
// inside the count request; the server's count sits beside the workspace's; a refused password
// points at the password field; the export dialog then exports from the server with the same
// connection; and no saved connection, event or state of the export dialog ever holds the password.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/protocol';
import type { PgCountResult } from '../../../shared/api/postgresApi';
import type { DefinitionDocument, DefinitionSummary } from '../../../shared/api/segmentsApi';
import type { ExportHost } from '../../../renderer/platform/exports';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { accounts } from '../fixtures';
import { createFakeApi } from '../fakeApi';

const file = 'segments/activated.segment.json';
const def = {
  entity: { table: 'accounts', key: 'account_id' },
  asOf: { kind: 'snapshot' },
  metrics: [{ name: 'inactive_days', kind: 'daysSince', of: 'signup_date' }],
  where: { field: 'mrr', op: 'gte', value: 10 },
};
const summary: DefinitionSummary = {
  file,
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
};
const doc: DefinitionDocument = {
  ...summary,
  versions: [],
  diagnostics: [],
  content: {
    versions: [
      { version: 1, definition: def },
      { version: 2, definition: def },
    ],
  },
};
const remote: PgCountResult = {
  segment: 'Activated',
  id: 'id-a',
  version: 2,
  hash: 'h2',
  table: 'accounts',
  asOf: '2026-11-01T00:00:00Z',
  asOfSource: 'snapshot',
  count: 41,
  total: 100,
  share: 0.41,
  measures: [],
  warnings: [],
  elapsedMs: 3,
  server: {
    engine: 'postgres',
    version: '15.18',
    database: 'crm',
    host: 'db.local',
    port: 5433,
    user: 'ana',
    tables: { accounts: 'sales' },
  },
  columns: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'mrr', type: 'DOUBLE' },
  ],
};
const SECRET = 'Kept-In-Memory-99';

function setup(impl: Parameters<typeof createFakeApi>[0] = {}) {
  const fake = createFakeApi({
    readDefinition: async () => doc,
    getPostgresConnection: async () => ({
      host: 'db.local',
      port: 5433,
      database: 'crm',
      user: 'ana',
      schema: 'sales',
      sslmode: 'require',
    }),
    savePostgresConnection: async (req) => req.connection as never,
    countOnPostgres: async () => remote,
    ...impl,
  });
  let n = 0;
  const store = createWorkbenchStore(fake.client, { newJobId: () => `pg${++n}` });
  store.setState({
    tables: [accounts],
    segments: [summary],
    segmentCounts: { [file]: { status: 'ready', count: 40, share: 0.4, error: null } },
  });
  return { fake, store };
}

describe('run on PostgreSQL', () => {
  it('fills the form from the workspace, saves it without the password, counts beside the local count', async () => {
    const { store, fake } = setup();
    await store.getState().openPostgresRun(file);
    // The definition is as of its snapshot: the server run starts at the workspace snapshot's date, so the counts
    // compare.
    expect(store.getState().pgDialog).toMatchObject({
      open: true,
      phase: 'choose',
      name: 'Activated',
      form: {
        host: 'db.local',
        port: '5433',
        database: 'crm',
        user: 'ana',
        schema: 'sales',
        sslmode: 'require',
        asOf: '2026-11-01',
      },
      local: { count: 40 },
    });
    store.getState().setPgPassword(SECRET);
    await store.getState().runPostgresCount();
    expect(fake.callsOf('savePostgresConnection')).toEqual([
      {
        connection: { host: 'db.local', port: 5433, database: 'crm', user: 'ana', schema: 'sales', sslmode: 'require' },
      },
    ]);
    expect(fake.callsOf('countOnPostgres')).toEqual([
      {
        target: { file },
        server: {
          host: 'db.local',
          port: 5433,
          database: 'crm',
          user: 'ana',
          schema: 'sales',
          sslmode: 'require',
          password: SECRET,
        },
        asOf: '2026-11-01',
        jobId: 'pg1',
      },
    ]);
    expect(store.getState().pgDialog).toMatchObject({ phase: 'done', remote: { count: 41 }, local: { count: 40 } });
    expect(JSON.stringify(fake.callsOf('savePostgresConnection'))).not.toContain(SECRET);
    expect(JSON.stringify(store.getState().pgDialog)).not.toContain(SECRET);
  });

  it('a refused password is shown with a hint and points at the password field; the password stays for the next run', async () => {
    const { store } = setup({
      countOnPostgres: async () => {
        throw new ApiError('invalid_input', "PostgreSQL at db.local:5433 refused the password for user 'ana'.", {
          needsPassword: true,
        });
      },
    });
    await store.getState().openPostgresRun(file);
    store.getState().setPgPassword('wrong');
    await store.getState().runPostgresCount();
    expect(store.getState().pgDialog).toMatchObject({
      phase: 'error',
      needsPassword: true,
      error: { code: 'invalid_input', message: "PostgreSQL at db.local:5433 refused the password for user 'ana'." },
    });
    expect(store.getState().pgDialog.error?.hint).toMatch(/kept in memory only/);
    store.getState().closePostgresRun();
    await store.getState().openPostgresRun(file);
    expect(store.getState().pgPassword).toBe('wrong');
  });

  it('an unusable port is refused before anything is sent', async () => {
    const { store, fake } = setup();
    await store.getState().openPostgresRun(file);
    store.getState().setPgField('port', 'abc');
    await store.getState().runPostgresCount();
    expect(store.getState().pgDialog).toMatchObject({
      phase: 'error',
      error: { message: "'abc' is not a port number (1–65535)." },
    });
    expect(fake.callsOf('countOnPostgres')).toEqual([]);
  });

  it('exports the members from the server through the export dialog, with the same connection', async () => {
    const { store, fake } = setup({
      exportFromPostgres: async () => ({
        file: '/x.csv',
        format: 'csv',
        rows: 41,
        columns: ['account_id', 'inactive_days'],
        metaFile: '/x.csv.segment-meta.json',
        server: remote.server,
      }),
    });
    await store.getState().openPostgresRun(file);
    store.getState().setPgPassword(SECRET);
    await store.getState().runPostgresCount();
    await store.getState().openExportFromPostgres();
    const d = store.getState().exportDialog;
    expect(d).toMatchObject({
      open: true,
      phase: 'choose',
      source: 'postgres',
      target: { file, version: 2 },
      table: 'accounts',
      snapshotLabel: 'on PostgreSQL ana@db.local:5433/crm, schema sales',
    });
    expect(d.columns.map((c) => [c.name, c.kind, c.key])).toEqual([
      ['account_id', 'column', true],
      ['mrr', 'column', false],
      ['inactive_days', 'metric', false],
    ]);
    store.getState().toggleExportColumn('mrr');
    const host: ExportHost = {
      destination: async () => ({
        out: '/home/u/a.csv',
        label: '/home/u/a.csv',
        deliver: async () => {},
        discard: async () => {},
      }),
      saveText: async () => null,
      saveFile: async () => null,
    };
    await store.getState().runExport(host);
    expect(fake.callsOf('exportFromPostgres')).toEqual([
      {
        target: { file, version: 2 },
        server: {
          host: 'db.local',
          port: 5433,
          database: 'crm',
          user: 'ana',
          schema: 'sales',
          sslmode: 'require',
          password: SECRET,
        },
        out: '/home/u/a.csv',
        format: 'csv',
        columns: ['account_id', 'inactive_days'],
        jobId: 'pg2',
        asOf: '2026-11-01',
      },
    ]);
    expect(fake.callsOf('exportMembers')).toEqual([]);
    expect(store.getState().exportDialog).toMatchObject({ phase: 'done', result: { rows: 41 } });
    expect(JSON.stringify(store.getState().exportDialog)).not.toContain(SECRET);
    // The workspace's own export still goes to the workspace.
    await store.getState().openExportForFile(file);
    expect(store.getState().exportDialog.source).toBe('workspace');
  });
});
