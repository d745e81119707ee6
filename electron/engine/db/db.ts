/**
 * DuckDB database of one workspace (docs/architecture.md, SPEC §10): opening with explicit memory_limit, temp_directory
 * inside the workspace, no extension autoinstall, TimeZone UTC; then locking external access to the
 * workspace folder. Every statement is prepared (multi-statement text cannot run) with bound
 * parameters. Jobs: a job id maps to the connection running it, so `cancel(jobId)` interrupts exactly
 * that work; an interrupted statement surfaces as ApiError('interrupted').
 *
 * The watchdog: DuckDB looks for an interrupt between chunks of work, so a single value that takes
 * minutes (a LIKE pattern backtracking over a long string) ignores it. A statement still running
 * `stuckAfterMs` after its interrupt is given up: its caller gets ApiError('query_stuck') at once, its
 * connection leaves the pool for good (the statement still runs on it, nothing else may touch it),
 * and `onStuck` is told, so that the engine process can be replaced, the only way to stop it. A call
 * waiting for a connection is cancelled where it waits, so no call waits behind a stuck one.
 *
 * Invariants: a connection runs one job at a time (a fixed pool, made before the lock); `lock()` runs
 * once, after which no setting can change (verified in test/electron/engine/db.test.ts); no connection
 * is closed while a statement runs on it (DuckDB then crashes, or blocks the closing thread).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { ApiError } from '../../../shared/api/protocol';
import { quoteLiteral } from './sql';
import {
  makeSession,
  resetConnection,
  type Job,
  type QueryOptions,
  type QueryResult,
  type Row,
  type Session,
  type Statement,
} from './session';
import type { SqlParam } from './values';

export type { SqlParam } from './values';
export type { QueryOptions, QueryResult, Row, Session } from './session';
export { isInterrupt, toApiError } from './session';

export interface DbOptions {
  /** DuckDB memory_limit, e.g. '1GB'. The engine as a whole stays under 2 GB. */
  memoryLimit?: string;
  /** Folder DuckDB spills to (inside the workspace). */
  tempDir: string;
  threads?: number;
  /** Connections in the pool (default 8; engineEnv.ts sizes the thread pool that runs them). */
  poolSize?: number;
  /** How long an interrupted statement may go on before it counts as stuck (default 3 s). */
  stuckAfterMs?: number;
  /** Told once per statement that did not stop within `stuckAfterMs` of its interrupt. */
  onStuck?: (info: StuckInfo) => void;
}

export interface StuckInfo {
  jobId: string | null;
  /** The user's words, as the stuck job's caller hears them. */
  message: string;
}

const DEFAULT_MEMORY_LIMIT = '1GB';
/**
 * Connections are made up front: progress reporting is a per-connection setting and after
 * lock_configuration no connection can change a setting, so later connections could not report it.
 */
export const POOL_SIZE = 8;
const STUCK_AFTER_MS = 3000;
/** How often an interrupt is repeated until its statement ends (see Db.interrupt). */
const REINTERRUPT_MS = 50;
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

interface Waiter {
  jobId: string | null;
  resolve(c: DuckDBConnection): void;
  reject(e: ApiError): void;
}

export class Db {
  private readonly idle: DuckDBConnection[] = [];
  /** Connections that may still be used (stuck ones are dropped from here). */
  private readonly all: DuckDBConnection[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly jobs = new Map<string, Job>();
  /** Every session running now (with or without a job id), and when each ends. */
  private readonly sessions = new Map<Job, Promise<void>>();
  /** Recently finished job ids (bounded), so cancelling one leaves no tombstone. */
  private readonly finished = new Map<string, number>();
  private locked = false;
  private closed = false;
  private closedNow = false;
  private closing: Promise<void> | null = null;
  private stuck = 0;
  private readonly stuckAfterMs: number;
  private readonly onStuck: ((info: StuckInfo) => void) | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    opts: DbOptions,
  ) {
    this.stuckAfterMs = opts.stuckAfterMs ?? STUCK_AFTER_MS;
    this.onStuck = opts.onStuck;
  }

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
      throw new ApiError(
        'runtime',
        `Cannot open the workspace database ${file}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const db = new Db(instance, opts);
    for (let i = 0; i < (opts.poolSize ?? POOL_SIZE); i++) {
      const conn = await instance.connect();
      // TimeZone after connecting (docs/architecture.md, SPEC §11: at instance creation it fails without ICU
      // autoloading).
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

  /** True while a statement of the job runs, past its preparation (tests cancel at this point). */
  isRunning(jobId: string): boolean {
    return this.jobs.get(jobId)?.statement?.phase === 'run';
  }

  /** Statements that ignored their interrupt and still hold a connection (and a core). */
  get stuckStatements(): number {
    return this.stuck;
  }

  private acquire(jobId: string | null): Promise<DuckDBConnection> {
    if (this.closed) return Promise.reject(new ApiError('runtime', 'The workspace database is closed'));
    const conn = this.idle.pop();
    if (conn) return Promise.resolve(conn);
    if (this.all.length === 0) return Promise.reject(stuckPoolError());
    return new Promise((resolve, reject) => this.waiters.push({ jobId, resolve, reject }));
  }

  private release(conn: DuckDBConnection): void {
    if (this.closed) return;
    const next = this.waiters.shift();
    if (next) next.resolve(conn);
    else this.idle.push(conn);
  }

  /** Run `fn` on one dedicated connection; with a jobId, `cancel(jobId)` interrupts it. */
  async withSession<T>(fn: (s: Session) => Promise<T>, jobId?: string): Promise<T> {
    const conn = await this.acquire(jobId ?? null);
    const job: Job = { conn, cancelled: false, at: Date.now(), id: jobId ?? null, statement: null, stuck: false };
    if (jobId) {
      const prior = this.jobs.get(jobId);
      // Cancelled shortly before it started (e.g. while its file was being staged).
      if (prior && !prior.conn && prior.cancelled && Date.now() - prior.at < TOMBSTONE_MS) job.cancelled = true;
      this.jobs.set(jobId, job);
    }
    let ended!: () => void;
    this.sessions.set(job, new Promise<void>((r) => (ended = r)));
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
      // A stuck statement still runs on this connection: it never returns to the pool, and nothing,
      // not even a rollback, may run on it.
      if (!job.stuck) {
        // A failed or interrupted job may leave an open (aborted) transaction, and an interrupt that
        // arrived between statements can hit the next one: roll back (twice) before reuse. Awaited
        // before the caller hears of the failure: a rollback still running when the workspace closes
        // crashes DuckDB (closing a connection mid-statement), and the stale query has then truly stopped.
        if (failed) await resetConnection(conn);
        this.release(conn);
      }
      this.sessions.delete(job);
      ended();
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
   * Interrupt the job's running statement; later statements of the job fail as interrupted. A job
   * waiting for a connection is cancelled where it waits (true). A job not running yet is remembered
   * for a few seconds, so it starts cancelled; returns false then. A job that already finished is not
   * remembered (its id may be reused).
   */
  cancel(jobId: string): boolean {
    const waiting = this.waiters.findIndex((w) => w.jobId === jobId);
    if (waiting >= 0) {
      const [w] = this.waiters.splice(waiting, 1);
      w!.reject(new ApiError('interrupted', 'Cancelled'));
      return true;
    }
    const job = this.jobs.get(jobId);
    if (!job) {
      if (this.finished.has(jobId)) return false;
      this.jobs.set(jobId, { conn: null, cancelled: true, at: Date.now(), id: jobId, statement: null, stuck: false });
      for (const [id, j] of this.jobs) {
        if (this.jobs.size <= MAX_TOMBSTONES) break;
        if (!j.conn) this.jobs.delete(id);
      }
      return false;
    }
    if (!job.conn) return false;
    this.interrupt(job);
    return true;
  }

  /**
   * Interrupt the job's statement and watch that it stops. DuckDB forgets an interrupt that arrives
   * before its query has started (while preparing, or while the statement still waits for a thread),
   * so it is repeated until the statement ends; one that has not ended `stuckAfterMs` after the first
   * interrupt is given up.
   */
  private interrupt(job: Job): void {
    job.cancelled = true;
    const st = job.statement;
    const conn = job.conn;
    conn?.interrupt();
    if (!st || st.stuck || !conn) return; // between statements, the next one sees `cancelled` and does not start
    const since = Date.now();
    const watch = setInterval(() => {
      if (job.statement !== st || st.stuck) return clearInterval(watch);
      if (Date.now() - since < this.stuckAfterMs) return conn.interrupt();
      clearInterval(watch);
      this.giveUp(job, st);
    }, REINTERRUPT_MS);
    watch.unref();
  }

  /** The watchdog fired: answer the caller now and retire the connection. */
  private giveUp(job: Job, st: Statement): void {
    st.stuck = true;
    job.stuck = true;
    this.stuck++;
    const conn = job.conn;
    const i = conn ? this.all.indexOf(conn) : -1;
    if (i >= 0) this.all.splice(i, 1);
    const message = stuckMessage(this.stuckAfterMs);
    st.abort(new ApiError('query_stuck', message));
    // With the pool empty, nobody may wait for a connection that will never come back.
    if (this.all.length === 0) for (const w of this.waiters.splice(0)) w.reject(stuckPoolError());
    try {
      this.onStuck?.({ jobId: job.id, message });
    } catch {
      // a failing listener must not break the watchdog
    }
  }

  /**
   * Interrupt every session, wait until all have ended, then close every connection and the
   * database. Closes synchronously (the promise is already settled) when nothing runs. Rejects with
   * ApiError('engine_crashed'), leaving the database open, when a statement did not stop: closing under
   * it would crash DuckDB or block this thread, and only the end of the process stops it.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    for (const w of this.waiters.splice(0))
      w.reject(new ApiError('interrupted', 'Cancelled: the workspace was closed'));
    for (const job of this.sessions.keys()) this.interrupt(job);
    const running = [...this.sessions.values()];
    if (running.length === 0 && this.stuck === 0) {
      this.closeNow();
      this.closing = Promise.resolve();
    } else {
      this.closing = Promise.all(running).then(() => {
        // Not query_stuck: that code names the stuck request itself (the host counts it against it).
        if (this.stuck > 0)
          throw new ApiError(
            'engine_crashed',
            'The workspace cannot be closed while a query that did not stop when cancelled still runs; the engine is being restarted. Try again in a moment.',
          );
        this.closeNow();
      });
    }
    return this.closing;
  }

  /** True once every connection and the database itself are closed. */
  get isClosed(): boolean {
    return this.closedNow;
  }

  private closeNow(): void {
    this.idle.length = 0;
    for (const c of this.all.splice(0)) c.closeSync();
    this.instance.closeSync();
    this.closedNow = true;
  }
}

function stuckMessage(ms: number): string {
  return (
    `The query did not stop within ${Math.round(ms / 100) / 10} s of being cancelled, so the engine is being restarted (the workspace reopens by itself). ` +
    'Text patterns with several wildcards (LIKE, ILIKE, GLOB) over long values can run that long: simplify the pattern, or use regexp_matches().'
  );
}

function stuckPoolError(): ApiError {
  return new ApiError(
    'engine_crashed',
    'Every connection of the workspace is held by a query that did not stop when cancelled; the engine is being restarted. Try again in a moment.',
  );
}
