/**
 * "Run on PostgreSQL…" (issue 13): a saved definition counted on a PostgreSQL server beside its
 * count in the workspace, then its members exported from the server through the same export
 * dialog. The connection is the workspace's (workspace.json, saved without the password on every
 * run); the password lives only in this store's memory (`pgPassword`), goes to the engine inside
 * the request that needs it, and is never written anywhere or put in a message.
 */
import type { PgServer, SavedPgConnection } from '../../shared/api/postgresApi';
import type { Definition } from '../../shared/segments/model';
import { toUiError, type UiError } from './errors';
import type { ExportColumn } from './exportTypes';
import type { PgDialogState, PgForm, PostgresSlice } from './postgresTypes';
import type { SliceCreator, WorkbenchState } from './types';

export const emptyPgForm: PgForm = {
  host: 'localhost',
  port: '5432',
  database: '',
  user: '',
  schema: '',
  sslmode: 'disable',
  asOf: '',
};

export const closedPg: PgDialogState = {
  open: false,
  phase: 'loading',
  file: null,
  name: '',
  scheme: false,
  form: emptyPgForm,
  local: null,
  remote: null,
  jobId: null,
  error: null,
  needsPassword: false,
};

function formOf(saved: SavedPgConnection | null, asOf: string): PgForm {
  if (!saved) return { ...emptyPgForm, asOf };
  return {
    host: saved.host ?? emptyPgForm.host,
    port: saved.port ? String(saved.port) : emptyPgForm.port,
    database: saved.database ?? '',
    user: saved.user ?? '',
    schema: saved.schema ?? '',
    sslmode: saved.sslmode ?? 'disable',
    asOf,
  };
}

/**
 * The as-of the workspace's count used when the definition is as of its snapshot: the latest
 * snapshot date of its table; blank (the definition's own as-of) otherwise.
 */
async function workspaceAsOf(
  s: WorkbenchState,
  file: string,
  readDefinition: (req: { file: string }) => Promise<{ content: unknown }>,
): Promise<string> {
  const doc = await readDefinition({ file });
  const versions = (doc.content as { versions?: { definition?: Definition }[] } | null)?.versions ?? [];
  const def = versions[versions.length - 1]?.definition;
  if (!def?.entity || (def.asOf && def.asOf.kind !== 'snapshot')) return '';
  const snaps = s.tables.find((t) => t.name === def.entity.table)?.snapshots ?? [];
  return snaps.reduce((best, x) => (x.asOf > best ? x.asOf : best), '');
}

/** The form as the connection the workspace keeps (no password field exists to fill). */
export function savedOf(form: PgForm): SavedPgConnection | UiError {
  const port = Number(form.port.trim() || '5432');
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return {
      code: 'usage',
      message: `'${form.port}' is not a port number (1–65535).`,
      hint: 'PostgreSQL usually listens on 5432.',
    };
  const out: SavedPgConnection = { port, sslmode: form.sslmode };
  if (form.host.trim()) out.host = form.host.trim();
  if (form.database.trim()) out.database = form.database.trim();
  if (form.user.trim()) out.user = form.user.trim();
  if (form.schema.trim()) out.schema = form.schema.trim();
  return out;
}

/** The server of a request: the saved connection plus the in-memory password. */
export function serverOf(s: WorkbenchState): PgServer | null {
  const saved = savedOf(s.pgDialog.form);
  if ('message' in saved) return null;
  return { ...saved, ...(s.pgPassword ? { password: s.pgPassword } : {}) };
}

const pgHints: Partial<Record<UiError['code'], string>> = {
  invalid_input:
    "Check the connection, the password and that the definition's tables and columns are on the server (in that schema); nothing ran.",
  runtime: 'The server could not finish. Try again; if it keeps failing, ask whoever runs the server.',
  interrupted: 'Cancelled: nothing was counted.',
};

function pgError(err: unknown): { error: UiError; needsPassword: boolean } {
  const e = toUiError(err);
  const details = (err as { details?: unknown } | null)?.details;
  const needsPassword =
    typeof details === 'object' && details !== null && (details as { needsPassword?: unknown }).needsPassword === true;
  return {
    error: {
      ...e,
      hint: needsPassword
        ? 'Type the password for this user and run again; it is kept in memory only, never saved.'
        : (pgHints[e.code] ?? e.hint),
    },
    needsPassword,
  };
}

export const createPostgresSlice: SliceCreator<PostgresSlice> = (deps) => (set, get) => {
  const patch = (p: Partial<PgDialogState>) => set((s) => ({ pgDialog: { ...s.pgDialog, ...p } }));
  let openSeq = 0;

  return {
    pgDialog: closedPg,
    pgPassword: '',

    async openPostgresRun(file) {
      if (get().pgDialog.phase === 'counting') return;
      const seq = ++openSeq;
      const summary = [...get().segments, ...get().schemes].find((d) => d.file === file);
      set({
        pgDialog: {
          ...closedPg,
          open: true,
          file,
          name: summary?.name ?? file,
          scheme: summary?.kind === 'scheme',
          local: get().segmentCounts[file] ?? null,
        },
      });
      try {
        const saved = await deps.api.getPostgresConnection({});
        const asOf = await workspaceAsOf(get(), file, (req) => deps.api.readDefinition(req)).catch(() => '');
        if (seq !== openSeq) return;
        patch({ phase: 'choose', form: formOf(saved, asOf) });
      } catch (err) {
        if (seq === openSeq) patch({ phase: 'choose', error: pgError(err).error });
      }
    },

    closePostgresRun() {
      if (get().pgDialog.phase === 'counting') return;
      openSeq++;
      set({ pgDialog: closedPg });
    },

    setPgField(field, value) {
      patch({ form: { ...get().pgDialog.form, [field]: value } });
    },

    setPgPassword(password) {
      set({ pgPassword: password });
      if (get().pgDialog.needsPassword) patch({ needsPassword: false });
    },

    async runPostgresCount() {
      const d = get().pgDialog;
      if (!d.open || !d.file || d.phase === 'counting' || d.phase === 'loading') return;
      const saved = savedOf(d.form);
      if ('message' in saved) return patch({ phase: 'error', error: saved });
      const jobId = deps.newJobId();
      patch({
        phase: 'counting',
        jobId,
        error: null,
        needsPassword: false,
        local: get().segmentCounts[d.file] ?? d.local,
      });
      try {
        await deps.api.savePostgresConnection({ connection: saved });
        const asOf = d.form.asOf.trim();
        const remote = await deps.api.countOnPostgres({
          target: { file: d.file },
          server: serverOf(get())!,
          ...(asOf ? { asOf } : {}),
          jobId,
        });
        if (get().pgDialog.jobId === jobId) patch({ phase: 'done', jobId: null, remote });
      } catch (err) {
        if (get().pgDialog.jobId === jobId) patch({ phase: 'error', jobId: null, ...pgError(err) });
      }
    },

    async cancelPostgresCount() {
      const { jobId } = get().pgDialog;
      if (jobId) await deps.api.cancelJob({ jobId }).catch(() => undefined);
    },

    async openExportFromPostgres() {
      const s = get();
      const d = s.pgDialog;
      if (!d.file || !d.remote || s.exportDialog.phase === 'exporting') return;
      const { file, remote } = d;
      const server = remote.server;
      // The server's columns of the entity table, then the definition's metrics, all chosen.
      const columns: ExportColumn[] = remote.columns.map((c) => ({
        name: c.name,
        type: c.type,
        kind: 'column',
        key: false,
        checked: true,
      }));
      let versionLabel = remote.version ? `version ${remote.version}` : 'latest version';
      try {
        const doc = await deps.api.readDefinition({ file });
        const versions =
          (doc.content as { versions?: { version?: number; definition?: Definition }[] } | null)?.versions ?? [];
        const def =
          versions.find((v) => v.version === remote.version)?.definition ?? versions[versions.length - 1]?.definition;
        if (def?.entity) for (const c of columns) c.key = c.name === def.entity.key;
        for (const m of def?.metrics ?? [])
          if (!columns.some((c) => c.name === m.name))
            columns.push({ name: m.name, type: null, kind: 'metric', key: false, checked: true });
      } catch {
        versionLabel = 'latest version';
      }
      set({
        exportDialog: {
          ...get().exportDialog,
          open: true,
          phase: 'choose',
          name: d.name,
          target: remote.version ? { file, version: remote.version } : { file },
          source: 'postgres',
          versionLabel,
          scheme: d.scheme,
          table: remote.table,
          snapshot: null,
          snapshotLabel: `on PostgreSQL ${server.user}@${server.host}:${server.port}/${server.database}, schema ${server.tables[remote.table] ?? '?'}`,
          columns,
          jobId: null,
          progress: null,
          result: null,
          error: null,
        },
      });
    },
  };
};
