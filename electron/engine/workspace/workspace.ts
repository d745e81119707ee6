/**
 * A workspace folder (docs/architecture.md, SPEC §2): `workspace.json`, `workspace.duckdb`, `segments/`, `schemes/`,
 * `.staging/` (files brought in before DuckDB reads them) and `.tmp/duckdb` (spill space).
 * Opening configures DuckDB (db.ts) and then locks its external access to this folder (docs/architecture.md, SPEC §10),
 * so every file DuckDB reads must first be staged here.
 *
 * This is the seam the segments half builds on: paths, parameterised queries with job-based
 * interruption, tables and snapshot resolution. Snapshot storage: see workspace/catalog.ts.
 */
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/protocol';
import type { ColumnInfo, SnapshotInfo, TableInfo, WorkspaceInfo } from '../../../shared/api/dataApi';
import {
  Db,
  type DbOptions,
  type QueryOptions,
  type QueryResult,
  type Row,
  type Session,
  type SqlParam,
} from '../db/db';
import { describeLockHolder, isLockConflict, lockHolderPid, processAlive } from './lockHolder';
import { CATALOG_DDL, describe, listSnapshots } from './catalog';
import { WORKSPACE_FILE, newMeta, readMeta, writeMeta, type WorkspaceMeta } from './meta';
import { STAGE_PREFIX } from '../import/stage';
import { cleanStaleTemps } from '../files/atomicWrite';
import { OwnedState, type WorkspaceSlot } from './owned';

export type { Row, Session, SqlParam, QueryOptions, QueryResult } from '../db/db';
export type { WorkspaceMeta } from './meta';

export const DB_FILE = 'workspace.duckdb';
/** Real paths of the workspaces open in this process. */
const OPEN_IN_PROCESS = new Set<string>();
/** Workspaces of this process still closing (a query being interrupted), by real path. */
const CLOSING_IN_PROCESS = new Map<string, Promise<void>>();
/** How long an open waits for a stale engine (its parent gone) to let go of the lock. */
const STALE_ENGINE_WAIT_MS = 8000;
/** How long an open retries a lock whose holder has just died (the kernel drops it with the process). */
const DEAD_HOLDER_RETRIES = 20;
/** Attached in-memory database for per-session scratch tables (sort permutations, page blocks). */
export const VIEW_CACHE_DB = 'viewcache';

export interface OpenOptions {
  /** Create the workspace files when the folder is not a workspace yet (the folder may exist). */
  create?: boolean;
  /** DuckDB memory_limit (default 1GB). */
  memoryLimit?: string;
  /** The query watchdog (db.ts). */
  stuckAfterMs?: DbOptions['stuckAfterMs'];
  onStuck?: DbOptions['onStuck'];
  /** Connections in the pool (tests). */
  poolSize?: number;
}

export class Workspace {
  /** Absolute, symlink-resolved folder. */
  readonly path: string;
  /** Folder files are staged into before import (inside the DuckDB-allowed folder). */
  readonly stagingDir: string;
  readonly segmentsDir: string;
  readonly schemesDir: string;
  /** DuckDB spill folder. */
  readonly tempDir: string;
  readonly db: Db;
  private meta: WorkspaceMeta;
  private closing: Promise<void> | null = null;
  private readonly state = new OwnedState();

  private constructor(path: string, db: Db, meta: WorkspaceMeta) {
    this.path = path;
    this.db = db;
    this.meta = meta;
    this.stagingDir = join(path, '.staging');
    this.segmentsDir = join(path, 'segments');
    this.schemesDir = join(path, 'schemes');
    this.tempDir = join(path, '.tmp', 'duckdb');
  }

  /** True when `dir` holds a workspace.json. */
  static isWorkspace(dir: string): boolean {
    return existsSync(join(dir, WORKSPACE_FILE));
  }

  static async open(dir: string, opts: OpenOptions = {}): Promise<Workspace> {
    const abs = resolve(dir);
    const isWs = Workspace.isWorkspace(abs);
    if (!isWs && !opts.create) {
      throw new ApiError(
        'not_found',
        `${abs} is not a Segment Workbench workspace (no ${WORKSPACE_FILE}). Create one or choose another folder.`,
      );
    }
    if (existsSync(abs) && !statSync(abs).isDirectory())
      throw new ApiError('invalid_input', `${abs} is a file, not a folder.`);
    mkdirSync(abs, { recursive: true });
    const real = realpathSync(abs);
    for (const sub of ['segments', 'schemes', '.staging', join('.tmp', 'duckdb')])
      mkdirSync(join(real, sub), { recursive: true });
    // A close of this folder still waiting for its queries to stop: open after it, not beside it.
    await CLOSING_IN_PROCESS.get(real)?.catch(() => undefined);
    // DuckDB's file lock is per process: a second open in this process would not be refused by it,
    // and two databases writing one file corrupt it. Refuse here.
    if (OPEN_IN_PROCESS.has(real)) {
      throw new ApiError(
        'runtime',
        `The workspace ${real} is already open in this Segment Workbench process; close it first.`,
      );
    }
    const metaFile = join(real, WORKSPACE_FILE);
    const meta = isWs ? readMeta(metaFile) : newMeta(basename(real), new Date());
    const dbOptions: DbOptions = {
      tempDir: join(real, '.tmp', 'duckdb'),
      memoryLimit: opts.memoryLimit,
      stuckAfterMs: opts.stuckAfterMs,
      onStuck: opts.onStuck,
      poolSize: opts.poolSize,
    };
    const db = await openPastStaleLock(real, dbOptions);
    try {
      await db.withSession(async (s) => {
        for (const ddl of CATALOG_DDL) await s.run(ddl);
        // In-memory scratch database shared by all connections (view permutations); must be
        // attached before the lock, it never touches the disk except as spill.
        await s.run(`ATTACH ':memory:' AS ${VIEW_CACHE_DB}`);
      });
      await db.lock(real);
    } catch (err) {
      await db.close().catch(() => undefined); // the first error is the one to report
      throw err;
    }
    if (!isWs) {
      writeMeta(metaFile, meta);
      // Definitions and workspace.json are meant for git; data and scratch space are not.
      const ignore = join(real, '.gitignore');
      if (!existsSync(ignore))
        writeFileSync(
          ignore,
          '# Segment Workbench: data and scratch stay local\nworkspace.duckdb\nworkspace.duckdb.wal\n.staging/\n.tmp/\n.trash/\n',
        );
    }
    const ws = new Workspace(real, db, meta);
    OPEN_IN_PROCESS.add(real);
    ws.clearStaleStaging();
    // Temps of writers that were killed (a crashed engine) go now, not a minute later.
    const written = [real, ws.segmentsDir, ws.schemesDir, join(real, 'comparisons')];
    for (const d of written) await cleanStaleTemps(d).catch(() => []);
    return ws;
  }

  get name(): string {
    return this.meta.name;
  }

  /** A copy of workspace.json's content. */
  getMeta(): WorkspaceMeta {
    return structuredClone(this.meta);
  }

  /** Change workspace.json (atomically written). */
  updateMeta(change: (meta: WorkspaceMeta) => void): void {
    const next = structuredClone(this.meta);
    change(next);
    writeMeta(join(this.path, WORKSPACE_FILE), next);
    this.meta = next;
  }

  query(sql: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<Row[]> {
    return this.db.query(sql, params, opts);
  }

  queryResult(sql: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<QueryResult> {
    return this.db.queryResult(sql, params, opts);
  }

  run(sql: string, params?: readonly SqlParam[], opts?: QueryOptions): Promise<void> {
    return this.db.run(sql, params, opts);
  }

  /** Several statements on one connection (transactions, multi-step jobs); cancellable by jobId. */
  withSession<T>(fn: (s: Session) => Promise<T>, jobId?: string): Promise<T> {
    return this.db.withSession(fn, jobId);
  }

  /** Interrupt a running job; false when no such job runs. */
  cancel(jobId: string): boolean {
    return this.db.cancel(jobId);
  }

  /** Tables with their snapshots (oldest first), row count and columns of the latest. */
  async tables(): Promise<TableInfo[]> {
    return this.withSession(async (s) => {
      const snaps = await listSnapshots(s);
      const byTable = new Map<string, SnapshotInfo[]>();
      for (const snap of snaps) byTable.set(snap.table, [...(byTable.get(snap.table) ?? []), snap]);
      const out: TableInfo[] = [];
      for (const [name, list] of byTable) {
        const latest = latestOf(list);
        out.push({ name, rows: latest.rows, columns: await describe(s, latest.relation), snapshots: list });
      }
      return out;
    });
  }

  /** One table; not_found when it does not exist. */
  async table(name: string): Promise<TableInfo> {
    const snaps = await this.withSession((s) => listSnapshots(s, name));
    if (!snaps.length) throw notFoundTable(name);
    const latest = latestOf(snaps);
    return { name, rows: latest.rows, columns: await this.columns(latest.relation), snapshots: snaps };
  }

  /** The named snapshot of a table, or its latest (latest as-of date, then latest import). */
  async resolveSnapshot(table: string, snapshotId?: string): Promise<SnapshotInfo> {
    const snaps = await this.withSession((s) => listSnapshots(s, table));
    if (!snaps.length) throw notFoundTable(table);
    if (snapshotId === undefined) return latestOf(snaps);
    const found = snaps.find((x) => x.id === snapshotId);
    if (!found)
      throw new ApiError(
        'not_found',
        `Table '${table}' has no snapshot '${snapshotId}' (it has ${snaps.map((x) => x.id).join(', ')}).`,
      );
    return found;
  }

  /** Columns of a relation (DuckDB types as DESCRIBE names them). */
  columns(relation: string): Promise<ColumnInfo[]> {
    return this.withSession((s) => describe(s, relation));
  }

  async info(): Promise<WorkspaceInfo> {
    return { path: this.path, name: this.name, tables: await this.tables() };
  }

  /**
   * Leftovers of imports that crashed or were killed: every copy the engine staged (`.stage-…`,
   * whatever its age: the workspace is open in no other process and no import runs before this
   * returns), and anything else older than a day (uploads never imported, old exports).
   */
  private clearStaleStaging(): void {
    const dayAgo = Date.now() - 86_400_000;
    for (const f of readdirSync(this.stagingDir)) {
      const p = join(this.stagingDir, f);
      try {
        if (f.startsWith(STAGE_PREFIX) || statSync(p).mtimeMs < dayAgo) rmSync(p, { recursive: true, force: true });
      } catch {
        // a file vanishing meanwhile is fine
      }
    }
  }

  /**
   * Close the database: at once when nothing runs (the returned promise is then already settled and
   * the folder can be opened again right away), else after the running queries were interrupted and
   * stopped. Rejects (engine_crashed) when one does not stop: the database then stays open, and so
   * does this folder for this process (only a new process can open it).
   */
  /** This workspace's instance of a module's state (workspace/owned.ts); dropped at close. */
  owned<T>(slot: WorkspaceSlot<T>): T {
    return this.state.get(slot);
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    const path = this.path;
    this.state.clear();
    this.closing = this.db.close();
    if (this.db.isClosed) {
      OPEN_IN_PROCESS.delete(path);
      return this.closing;
    }
    const done = this.closing.then(() => {
      OPEN_IN_PROCESS.delete(path);
    });
    CLOSING_IN_PROCESS.set(path, done);
    void done.catch(() => undefined).then(() => CLOSING_IN_PROCESS.delete(path));
    return this.closing;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Open the database, getting past a stale lock (lockHolder.ts): a holder that has just died is
 * retried until the kernel has dropped its lock; an engine whose parent is gone is given the time
 * its lifeline takes to end it, then ended (an engine of an older version has no lifeline). A live
 * holder is reported by pid.
 */
async function openPastStaleLock(real: string, options: DbOptions): Promise<Db> {
  const file = join(real, DB_FILE);
  let deadRetries = 0;
  let waitedSince: number | null = null;
  let ended = false;
  for (;;) {
    try {
      return await Db.open(file, options);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (!isLockConflict(msg)) throw new ApiError('runtime', msg);
      const pid = lockHolderPid(msg);
      const holder = pid === null ? null : describeLockHolder(pid);
      if (holder?.kind === 'gone' && deadRetries++ < DEAD_HOLDER_RETRIES) {
        await sleep(100);
        continue;
      }
      if (holder?.kind === 'orphaned-engine' && !ended) {
        waitedSince ??= Date.now();
        if (Date.now() - waitedSince < STALE_ENGINE_WAIT_MS) {
          await sleep(200);
          continue;
        }
        // Still there: an engine with no lifeline. Nobody can reach it; end it and take the lock.
        ended = true;
        try {
          process.kill(holder.pid, 'SIGKILL');
        } catch {
          // gone meanwhile, or not ours to end: reported below if it still holds the lock
        }
        for (let i = 0; i < 50 && processAlive(holder.pid); i++) await sleep(100);
        deadRetries = 0;
        continue;
      }
      const who =
        holder?.kind === 'engine'
          ? ` (PID ${holder.pid}, the engine of PID ${holder.parentPid})`
          : pid !== null
            ? ` (PID ${pid})`
            : '';
      throw new ApiError(
        'runtime',
        `The workspace ${real} is open in another Segment Workbench process${who}; close it there first.`,
      );
    }
  }
}

/** Latest snapshot: greatest as-of date, ties broken by import order (list is in import order). */
export function latestOf(snaps: SnapshotInfo[]): SnapshotInfo {
  let best = snaps[0]!;
  for (const s of snaps) if (s.asOf >= best.asOf) best = s;
  return best;
}

function notFoundTable(name: string): ApiError {
  return new ApiError('not_found', `No table named '${name}' in this workspace.`);
}
