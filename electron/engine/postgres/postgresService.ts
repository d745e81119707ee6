/**
 * PostgreSQL half of the engine API (issue 13): count, measure and export a definition on a server,
 * and the connection the workspace remembers (workspace.json `settings.postgres`, no password).
 * Each call opens one session (connection.ts), does its work in one read-only snapshot transaction,
 * and closes it; a job id makes the call cancellable (`cancel`: the server is asked to cancel the
 * running statement from a second connection, and the scratch DuckDB, if any, is interrupted).
 * A PostgreSQL export without a workspace writes through a scratch in-memory DuckDB locked to a
 * temporary folder, removed afterwards.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { ApiError, type ApiEvent } from '../../../shared/api/protocol';
import {
  pgServer,
  savedPgConnection,
  type PgCountResult,
  type PgServer,
  type PostgresApi,
  type SavedPgConnection,
} from '../../../shared/api/postgresApi';
import type { MeasurementRecord } from '../../../shared/api/segmentsApi';
import { Db } from '../db/db';
import type { Workspace } from '../workspace/workspace';
import { formatFromPath, type ExportSink } from '../segments/export/exporter';
import { appendMeasurement } from '../segments/measurements/measurements';
import { workspaceRunner, withRunner } from '../sqlGuard/runners';
import { loadTarget } from '../segments/runs/targetRun';
import type { LoadedDefinition } from '../segments/definitions/definitionSource';
import {
  clientConfig,
  connect,
  disconnect,
  loadPg,
  pgFailure,
  resolveServer,
  type PgPhase,
  type ResolvedServer,
} from './connection';
import { exportFromServer } from './pgExport';
import { countOnServer, preparePgRun, serverInfo, type PgCounted, type PgRun } from './pgRun';

export interface PostgresDeps {
  workspace: () => Workspace | null;
  emit: (event: ApiEvent) => void;
}

export interface PostgresService extends PostgresApi {
  /** Cancel a running PostgreSQL job; false when no such job runs. */
  cancel(jobId: string): boolean;
}

interface RunningJob {
  cancelled: boolean;
  server: ResolvedServer;
  pid: number | null;
  /** Interrupts the scratch DuckDB of an export without a workspace. */
  extra?: () => void;
}

/** Ask the server to cancel a backend's statement, from a second connection (the first is busy). */
async function cancelBackend(server: ResolvedServer, pid: number): Promise<void> {
  const other = new (await loadPg()).Client(clientConfig(server));
  other.on('error', () => undefined);
  try {
    await other.connect();
    await other.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch {
    // The statement may have finished, or the server be gone: the job's own error says what happened.
  } finally {
    await other.end().catch(() => undefined);
  }
}

/** A DuckDB that may write only inside a fresh temporary folder (exports without a workspace). */
async function scratchSink(): Promise<{ sink: ExportSink; cancel: (jobId: string) => void; close: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'segwb-pg-export-'));
  const stagingDir = path.join(dir, 'staging');
  mkdirSync(stagingDir);
  let db: Db;
  try {
    db = await Db.open(':memory:', { tempDir: path.join(dir, 'spill'), memoryLimit: '512MB' });
    await db.lock(dir);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    sink: { stagingDir, withSession: (fn, jobId) => db.withSession(fn, jobId) },
    cancel: (jobId) => void db.cancel(jobId),
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const isoNow = () => new Date().toISOString().replace(/\.000Z$/, 'Z');

export function createPostgresService(deps: PostgresDeps): PostgresService {
  const jobs = new Map<string, RunningJob>();

  const requireWs = (what: string): Workspace => {
    const ws = deps.workspace();
    if (!ws) throw new ApiError('not_found', `${what} needs an open workspace; open one (or pass --workspace DIR).`);
    return ws;
  };

  const progress = (jobId: string | undefined, fraction: number | null, message: string): void => {
    if (jobId) deps.emit({ kind: 'progress', jobId, fraction, message });
  };

  /**
   * One session on the server for `fn`: connect, register the job, map every failure to the
   * user's words (a cancel as `interrupted`), and always disconnect.
   */
  const onServer = async <T>(
    raw: PgServer,
    phase: PgPhase,
    jobId: string | undefined,
    fn: (client: pg.Client, job: RunningJob) => Promise<T>,
  ): Promise<T> => {
    const server = resolveServer(pgServer.parse(raw));
    const job: RunningJob = { cancelled: false, server, pid: null };
    if (jobId) jobs.set(jobId, job);
    let client: pg.Client | null = null;
    try {
      client = await connect(server);
      job.pid = (client as unknown as { processID: number | null }).processID ?? null;
      if (job.cancelled) throw new ApiError('interrupted', 'Cancelled');
      return await fn(client, job);
    } catch (err) {
      if (job.cancelled)
        throw new ApiError('interrupted', phase === 'export' ? 'Export cancelled: nothing was written.' : 'Cancelled.');
      throw pgFailure(err, server, phase);
    } finally {
      if (jobId && jobs.get(jobId) === job) jobs.delete(jobId);
      if (client) disconnect(client);
    }
  };

  const prepare = (
    client: pg.Client,
    job: RunningJob,
    loaded: LoadedDefinition,
    asOf: string | undefined,
  ): Promise<PgRun> => {
    const ws = deps.workspace();
    return withRunner(ws ? workspaceRunner(ws) : null, (parser) =>
      preparePgRun(client, job.server, loaded, parser, asOf !== undefined ? { asOf } : {}),
    );
  };

  const countResult = (run: PgRun, counted: PgCounted, elapsedMs: number): PgCountResult => {
    const result: PgCountResult = {
      segment: run.loaded.name,
      id: run.loaded.id,
      version: run.loaded.version,
      hash: run.loaded.hash,
      table: run.entity.table,
      asOf: run.asOf.iso,
      asOfSource: run.asOf.source,
      count: counted.count,
      total: counted.total,
      share: counted.total === 0 ? null : counted.count / counted.total,
      measures: counted.measures,
      warnings: run.warnings,
      elapsedMs: Math.round(elapsedMs * 10) / 10,
      server: run.info,
      columns: run.schemas[run.entity.table] ?? [],
    };
    if (counted.tiers) result.tiers = counted.tiers;
    return result;
  };

  const count = async (req: {
    target: Parameters<typeof loadTarget>[1];
    server: PgServer;
    asOf?: string;
    measures?: string[];
    jobId?: string;
  }): Promise<PgCountResult> => {
    const loaded = loadTarget(deps.workspace(), req.target);
    return onServer(req.server, 'count', req.jobId, async (client, job) => {
      progress(req.jobId, null, `Counting on ${job.server.label}`);
      const run = await prepare(client, job, loaded, req.asOf);
      const started = performance.now();
      const counted = await countOnServer(client, run, req.measures ?? []);
      progress(req.jobId, 1, 'Counted');
      return countResult(run, counted, performance.now() - started);
    });
  };

  return {
    cancel(jobId) {
      const job = jobs.get(jobId);
      if (!job) return false;
      job.cancelled = true;
      job.extra?.();
      if (job.pid !== null) void cancelBackend(job.server, job.pid);
      return true;
    },

    async getPostgresConnection() {
      const ws = requireWs('A saved PostgreSQL connection');
      const parsed = savedPgConnection.safeParse(ws.getMeta().settings.postgres);
      return parsed.success ? parsed.data : null;
    },

    async savePostgresConnection(req) {
      const ws = requireWs('Saving a PostgreSQL connection');
      // Parsed again here (in-process callers skip the edge): a password can never reach workspace.json.
      const connection: SavedPgConnection = savedPgConnection.parse(req.connection);
      ws.updateMeta((m) => {
        m.settings.postgres = connection;
      });
      return connection;
    },

    async testPostgresConnection(req) {
      return onServer(req.server, 'connect', undefined, (client, job) => serverInfo(client, job.server, {}));
    },

    countOnPostgres: count,

    async measureOnPostgres(req) {
      const ws = requireWs('Measuring on PostgreSQL (records go to the workspace)');
      const r = await count(req);
      const tableOf = (t: string) => `${r.server.tables[t] ?? '?'}.${t}`;
      const related: Record<string, string> = {};
      for (const t of Object.keys(r.server.tables)) if (t !== r.table) related[t] = tableOf(t);
      const schemaHash = createHash('sha256').update(JSON.stringify(r.columns)).digest('hex');
      const record: Omit<MeasurementRecord, 'id'> = {
        segmentId: r.id,
        segment: r.segment,
        version: r.version,
        hash: r.hash,
        table: r.table,
        // A server table has no snapshot: the record names where it was read instead.
        snapshot: `postgres:${r.server.database}.${tableOf(r.table)}`,
        snapshotAsOf: r.asOf.slice(0, 10),
        fingerprint: { rows: r.total, schemaHash, contentHash: '' },
        asOf: r.asOf,
        asOfSource: r.asOfSource,
        count: r.count,
        total: r.total,
        share: r.share,
        measures: r.measures,
        related,
        ranAt: isoNow(),
        engine: 'postgres',
        server: {
          version: r.server.version,
          database: r.server.database,
          host: r.server.host,
          port: r.server.port,
          user: r.server.user,
          tables: r.server.tables,
        },
      };
      if (r.tiers) record.tiers = r.tiers;
      return appendMeasurement(ws, record);
    },

    async exportFromPostgres(req) {
      const format = req.format ?? formatFromPath(req.out);
      if (!format)
        throw new ApiError(
          'usage',
          `Cannot tell the export format from '${req.out}': use .csv, .parquet, .json or .xlsx`,
        );
      if (!path.isAbsolute(req.out))
        throw new ApiError('usage', `The export destination must be an absolute path, not '${req.out}'`);
      const ws = deps.workspace();
      const loaded = loadTarget(ws, req.target);
      const scratch = ws ? null : await scratchSink();
      const sink: ExportSink = ws ?? scratch!.sink;
      try {
        return await onServer(req.server, 'export', req.jobId, async (client, job) => {
          if (scratch && req.jobId) job.extra = () => scratch.cancel(req.jobId!);
          progress(req.jobId, null, `Preparing on ${job.server.label}`);
          const run = await prepare(client, job, loaded, req.asOf);
          const columns = req.columns?.length
            ? [...req.columns]
            : (run.schemas[run.entity.table] ?? []).map((c) => c.name);
          const counted = await countOnServer(client, run, []);
          const scheme = run.loaded.kind === 'scheme';
          const rows = scheme ? counted.total : counted.count;
          progress(req.jobId, 0, `Exporting ${rows.toLocaleString('en-US')} rows from the server`);
          const names = scheme ? [...columns, 'tier'] : columns;
          const metaFile = await exportFromServer({
            client,
            run,
            columns,
            rows,
            format,
            out: req.out,
            sink,
            ...(req.jobId ? { jobId: req.jobId } : {}),
            progress: (f, message) => progress(req.jobId, f, message),
            meta: {
              segment: run.loaded.name,
              id: run.loaded.id,
              version: run.loaded.version,
              hash: run.loaded.hash,
              file: run.loaded.file,
              table: run.entity.table,
              engine: 'postgres',
              server: run.info,
              asOf: run.asOf.iso,
              asOfSource: run.asOf.source,
              rows,
              columns: names,
              format,
              exportedAt: new Date().toISOString(),
            },
          });
          progress(req.jobId, 1, 'Exported');
          return { file: req.out, format, rows, columns: names, metaFile, server: run.info };
        });
      } finally {
        scratch?.close();
      }
    },
  };
}
