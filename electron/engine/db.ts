/**
 * DuckDB database of one workspace (SPEC §10): opening with explicit memory_limit, temp_directory
 * inside the workspace, no extension autoinstall, TimeZone UTC; then locking external access to the
 * workspace folder. Every statement is prepared (multi-statement text cannot run) with bound
 * parameters. Jobs: a job id maps to the connection running it, so `cancel(jobId)` interrupts exactly
 * that work; an interrupted statement surfaces as ApiError('interrupted').
 *
 * Invariants: a connection runs one job at a time (a fixed pool, made before the lock); `lock()` runs once, after which no setting
 * can change (verified in test/electron/engine/db.test.ts).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { ApiError } from '../../shared/api/protocol';
import type { CellValue, ColumnInfo } from '../../shared/api/dataApi';
import { quoteLiteral } from './db/sql';
import { duckParamType, toCell, toDuckParam, type SqlParam } from './db/values';

export type { SqlParam } from './db/values';
export type Row = Record<string, CellValue>;

export interface DbOptions {
  /** DuckDB memory_limit, e.g. '1GB'. The engine as a whole stays under 2 GB. */
  memoryLimit?: string;
  /** Folder DuckDB spills to (inside the workspace). */
  tempDir: string;
  threads?: number;
}

export interface QueryOptions {
  /** Job this statement belongs to: `cancel(jobId)` interrupts it. */
  jobId?: string;
  /** Called with DuckDB's query progress (0..1) while the statement runs. */
  onProgress?: (fraction: number) => void;
}

/** Result of a statement: column names and DuckDB types, rows as wire values. */
export interface QueryResult {
  columns: ColumnInfo[];
  rows: CellValue[][];
}

/** Statements bound to one connection (for transactions and multi-step jobs). */
export interface Session {
  query(sql: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<Row[]>;
  queryResult(sql: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<QueryResult>;
  run(sql: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<void>;
  /** Throws ApiError('interrupted') when the session's job was cancelled (checked between steps). */
  checkCancelled(): void;
}

const DEFAULT_MEMORY_LIMIT = '1GB';
/**
 * Connections are made up front: progress reporting is a per-connection setting and after
 * lock_configuration no connection can change a setting, so later connections could not report it.
 */
const POOL_SIZE = 8;
const MAX_TOMBSTONES = 100;
const TOMBSTONE_MS = 30_000;
const CONNECTION_SETUP = [
  'SET enable_progress_bar = true',
  'SET enable_progress_bar_print = false',
  'SET progress_bar_time = 0',
  // `rowid = ANY([...])` with up to this many values becomes a rowid filter pushed into the scan, so
  // a grid page of rows in sort order is fetched without scanning the table (views/viewCache.ts).
  'SET dynamic_or_filter_threshold = 2000',
];

export function isInterrupt(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return /INTERRUPT|Interrupted/.test(msg);
}

/** Map a DuckDB failure to an ApiError (interruptions keep their own code). */
export function toApiError(err: unknown, context?: string): ApiError {
  if (err instanceof ApiError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  if (isInterrupt(err)) return new ApiError('interrupted', context ? `${context}: cancelled` : 'Cancelled');
  return new ApiError('runtime', context ? `${context}: ${msg}` : msg);
}

interface Job {
  conn: DuckDBConnection | null;
  cancelled: boolean;
  /** When it started, or (a tombstone: no conn) when it was cancelled before starting. */
  at: number;
}

export class Db {
  private readonly idle: DuckDBConnection[] = [];
  private readonly all: DuckDBConnection[] = [];
  private readonly waiters: ((c: DuckDBConnection) => void)[] = [];
  private readonly jobs = new Map<string, Job>();
  /** Recently finished job ids (bounded), so cancelling one leaves no tombstone. */
  private readonly finished = new Map<string, number>();
  private locked = false;
  private closed = false;

  private constructor(private readonly instance: DuckDBInstance) {}

  static async open(file: string, opts: DbOptions): Promise<Db> {
    mkdirSync(opts.tempDir, { recursive: true });
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      memory_limit: opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      temp_directory: opts.tempDir,
    };
    if (opts.threads) config.threads = String(opts.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, config);
    } catch (err) {
      throw new ApiError('runtime', `Cannot open the workspace database ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const db = new Db(instance);
    for (let i = 0; i < POOL_SIZE; i++) {
      const conn = await instance.connect();
      // TimeZone after connecting (SPEC §11: at instance creation it fails without ICU autoloading).
      if (i === 0) await conn.run(`SET GLOBAL TimeZone = 'UTC'`);
      for (const stmt of CONNECTION_SETUP) await conn.run(stmt);
      db.all.push(conn);
      db.idle.push(conn);
    }
    return db;
  }

  /**
   * Lock external access to `dir` (the workspace folder): allowed_directories, then
   * enable_external_access=false, then lock_configuration. Order matters: after the lock no SET works.
   */
  async lock(dir: string): Promise<void> {
    if (this.locked) return;
    await this.run(`SET allowed_directories = [${quoteLiteral(dir)}]`);
    await this.run(`SET enable_external_access = false`);
    await this.run(`SET lock_configuration = true`);
    this.locked = true;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  private acquire(): Promise<DuckDBConnection> {
    if (this.closed) return Promise.reject(new ApiError('runtime', 'The workspace database is closed'));
    const conn = this.idle.pop();
    if (conn) return Promise.resolve(conn);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(conn: DuckDBConnection): void {
    if (this.closed) return;
    const next = this.waiters.shift();
    if (next) next(conn);
    else this.idle.push(conn);
  }

  /** Run `fn` on one dedicated connection; with a jobId, `cancel(jobId)` interrupts it. */
  async withSession<T>(fn: (s: Session) => Promise<T>, jobId?: string): Promise<T> {
    const conn = await this.acquire();
    const job: Job = { conn, cancelled: false, at: Date.now() };
    if (jobId) {
      const prior = this.jobs.get(jobId);
      // Cancelled shortly before it started (e.g. while its file was being staged).
      if (prior && !prior.conn && prior.cancelled && Date.now() - prior.at < TOMBSTONE_MS) job.cancelled = true;
      this.jobs.set(jobId, job);
    }
    const session = makeSession(conn, job);
    let failed = false;
    try {
      return await fn(session);
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      if (jobId && this.jobs.get(jobId) === job) {
        this.jobs.delete(jobId);
        this.finished.set(jobId, Date.now());
        for (const id of this.finished.keys()) {
          if (this.finished.size <= MAX_TOMBSTONES) break;
          this.finished.delete(id);
        }
      }
      job.conn = null;
      // A failed or interrupted job may leave an open (aborted) transaction, and an interrupt that
      // arrived between statements can hit the next one: roll back (twice) before reuse. Awaited
      // before the caller hears of the failure: a rollback still running when the workspace closes
      // crashes DuckDB (closing a connection mid-statement), and the stale query has then truly stopped.
      if (failed) await resetConnection(conn);
      this.release(conn);
    }
  }

  query(sql: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<Row[]> {
    return this.withSession((s) => s.query(sql, params, opts), opts?.jobId);
  }

  queryResult(sql: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<QueryResult> {
    return this.withSession((s) => s.queryResult(sql, params, opts), opts?.jobId);
  }

  run(sql: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<void> {
    return this.withSession((s) => s.run(sql, params, opts), opts?.jobId);
  }

  /**
   * Interrupt the job's running statement; later statements of the job fail as interrupted.
   * A job not running yet is remembered for a few seconds, so it starts cancelled; returns false
   * then. A job that already finished is not remembered (its id may be reused).
   */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) {
      if (this.finished.has(jobId)) return false;
      this.jobs.set(jobId, { conn: null, cancelled: true, at: Date.now() });
      for (const [id, j] of this.jobs) {
        if (this.jobs.size <= MAX_TOMBSTONES) break;
        if (!j.conn) this.jobs.delete(id);
      }
      return false;
    }
    job.cancelled = true;
    job.conn?.interrupt();
    return job.conn !== null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.jobs.values()) job.conn?.interrupt();
    this.idle.length = 0;
    for (const c of this.all.splice(0)) c.closeSync();
    this.instance.closeSync();
  }
}

async function resetConnection(conn: DuckDBConnection): Promise<void> {
  for (let i = 0; i < 2; i++) {
    try {
      await conn.run('ROLLBACK');
      return;
    } catch (err) {
      if (/no transaction is active/i.test(err instanceof Error ? err.message : String(err))) return;
    }
  }
}

function makeSession(conn: DuckDBConnection, job: Job): Session {
  const checkCancelled = (): void => {
    if (job.cancelled) throw new ApiError('interrupted', 'Cancelled');
  };
  const exec = async (sql: string, params: readonly SqlParam[] | undefined, opts: QueryOptions | undefined) => {
    checkCancelled();
    let timer: ReturnType<typeof setInterval> | undefined;
    if (opts?.onProgress) {
      const report = opts.onProgress;
      timer = setInterval(() => {
        const p = conn.progress.percentage;
        if (p >= 0) report(Math.min(1, p / 100));
      }, 200);
    }
    const prepared = await conn.prepare(sql).catch((err: unknown) => {
      throw toApiError(err);
    });
    try {
      if (params && params.length) {
        params.forEach((p, i) => prepared.bindValue(i + 1, toDuckParam(p), duckParamType(p)));
      }
      const reader = await prepared.runAndReadAll();
      return reader;
    } catch (err) {
      throw job.cancelled ? new ApiError('interrupted', 'Cancelled') : toApiError(err);
    } finally {
      if (timer) clearInterval(timer);
      prepared.destroySync();
    }
  };
  return {
    checkCancelled,
    async run(sql, params, opts) {
      await exec(sql, params, opts);
    },
    async queryResult(sql, params, opts) {
      const reader = await exec(sql, params, opts);
      const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnType(i).toString() }));
      const rows = reader.getRows().map((r) => r.map(toCell));
      return { columns, rows };
    },
    async query(sql, params, opts) {
      const reader = await exec(sql, params, opts);
      const names = reader.deduplicatedColumnNames();
      return reader.getRows().map((r) => {
        const o: Row = {};
        for (let i = 0; i < names.length; i++) o[names[i]!] = toCell(r[i]!);
        return o;
      });
    },
  };
}
