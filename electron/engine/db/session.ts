/**
 * One session of the workspace database: the statements of one job on one dedicated connection
 * (db.ts hands out the connections and runs the watchdog). Every DuckDB call of a statement,
 * preparing and running, is awaited as the job's current Statement, so the watchdog can answer for
 * it when it never ends; the statement's resources are then left alone, since it still runs.
 */
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import type { CellValue, ColumnInfo } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import { duckParamType, toCell, toDuckParam, type SqlParam } from './values';

export type Row = Record<string, CellValue>;

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

/** One statement in progress (prepare or run), abortable by the watchdog. */
export interface Statement {
  abort(err: ApiError): void;
  stuck: boolean;
  /** Preparing (parse, bind, optimise) or running. */
  phase: 'prepare' | 'run';
}

export interface Job {
  conn: DuckDBConnection | null;
  cancelled: boolean;
  /** When it started, or (a tombstone: no conn) when it was cancelled before starting. */
  at: number;
  id: string | null;
  /** The statement running now, if any. */
  statement: Statement | null;
  /** A statement of this job got stuck: its connection is retired. */
  stuck: boolean;
}

/**
 * Roll back what a failed job may have left open, before the connection is reused (twice: a late interrupt can hit the
 * first).
 */
export async function resetConnection(conn: DuckDBConnection): Promise<void> {
  for (let i = 0; i < 2; i++) {
    try {
      await conn.run('ROLLBACK');
      return;
    } catch (err) {
      if (/no transaction is active/i.test(err instanceof Error ? err.message : String(err))) return;
    }
  }
}

/** The statements of one job on `conn`; each first checks the job's cancel. */
export function makeSession(conn: DuckDBConnection, job: Job): Session {
  const checkCancelled = (): void => {
    if (job.cancelled) throw new ApiError('interrupted', 'Cancelled');
  };
  /** Await DuckDB work as the job's statement, so the watchdog can answer for it if it never ends. */
  const watched = <T>(phase: Statement['phase'], work: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const st: Statement = { abort: reject, stuck: false, phase };
      job.statement = st;
      work.then(resolve, reject).finally(() => {
        if (job.statement === st) job.statement = null;
      });
    });
  const exec = async (sql: string, params: readonly SqlParam[] | undefined, opts: QueryOptions | undefined) => {
    checkCancelled();
    let timer: ReturnType<typeof setInterval> | undefined;
    if (opts?.onProgress) {
      const report = opts.onProgress;
      timer = setInterval(() => {
        if (job.stuck) return;
        const p = conn.progress.percentage;
        if (p >= 0) report(Math.min(1, p / 100));
      }, 200);
    }
    let prepared: DuckDBPreparedStatement | null = null;
    try {
      // Preparing binds and optimises, which folds constants: it can get stuck as well.
      prepared = await watched('prepare', conn.prepare(sql)).catch((err: unknown) => {
        throw toApiError(err);
      });
      if (params && params.length) {
        const p = prepared;
        params.forEach((v, i) => p.bindValue(i + 1, toDuckParam(v), duckParamType(v)));
      }
      checkCancelled(); // cancelled while preparing: an interrupt then does not reach the run
      return await watched('run', prepared.runAndReadAll());
    } catch (err) {
      if (err instanceof ApiError && err.code === 'query_stuck') throw err;
      throw job.cancelled ? new ApiError('interrupted', 'Cancelled') : toApiError(err);
    } finally {
      if (timer) clearInterval(timer);
      // Destroying a statement that still runs would free memory DuckDB is using.
      if (!job.stuck) prepared?.destroySync();
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
