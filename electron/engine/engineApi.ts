/**
 * The engine: the data half of the API (workspaces, imports, profiles, views, jobs) composed with
 * the segments half (segments/segmentsService.ts) over one open workspace. Runs in the engine
 * process (process/child.ts) or in-process for tests; knows nothing of Electron or transports.
 * Events (progress, workspace changes) go to every `onEvent` listener.
 */
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { WorkbenchApi } from '../../shared/api/contract';
import type { DataApi } from '../../shared/api/dataApi';
import { ApiError, type ApiEvent } from '../../shared/api/protocol';
import { segmentMethods, type SegmentsApi } from '../../shared/api/segmentsApi';
import { createSegmentsService } from './segments/segmentsService';
import { createCompareService } from './compare/compareService';
import { compareMethods } from '../../shared/api/compareApi';
import { overTimeMethods } from '../../shared/api/overTimeApi';
import { createOverTimeService } from './overTime/overTimeService';
import { postgresMethods } from '../../shared/api/postgresApi';
import { createPostgresService } from './postgres/postgresService';
import { Workspace, type OpenOptions } from './workspace/workspace';
import type { StuckInfo } from './db/db';
import { readRejects } from './workspace/catalog';
import { importFile } from './import/importFile';
import { sniffFile } from './import/sniff';
import { headerSummaries, profileColumn, topValues } from './profile/profile';
import { ViewCache } from './views/viewCache';
import { browseFolders } from './workspace/folders';
// The same recent list as the desktop shell's (node-only; it writes atomically).
import { RecentWorkspaces } from '../main/recent';
import { DEMO_ROWS, ensureDemoWorkspace } from './demo/demoWorkspace';
import { TEMPLATES } from './demo/templates';

export interface EngineOptions {
  /** DuckDB memory_limit per workspace (default 1GB: the engine stays under 2 GB). */
  memoryLimit?: string;
  /** How long an interrupted query may go on before it counts as stuck (db.ts; default 3 s). */
  stuckAfterMs?: number;
  /** A query did not stop after its interrupt: its connection is lost, only a new process frees it. */
  onQueryStuck?: (info: StuckInfo) => void;
  /**
   * The app's settings folder: workspaces opened are remembered there (recent-workspaces.json) and
   * it may be browsed. Without it (tests, one-shot CLI commands) nothing is remembered.
   */
  settingsDir?: string;
}

export interface Engine {
  api: WorkbenchApi;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  close(): Promise<void>;
}

/** Where `segwb serve --demo` keeps the demo workspace: $SEGWB_HOME/demo, default ~/.segment-workbench/demo. */
export function defaultDemoPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.SEGWB_HOME || join(homedir(), '.segment-workbench'), 'demo');
}

export function createEngine(options: EngineOptions = {}): Engine {
  const listeners = new Set<(event: ApiEvent) => void>();
  const emit = (event: ApiEvent): void => {
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // a failing listener must not break the engine
      }
    }
  };
  let ws: Workspace | null = null;
  let views: ViewCache | null = null;

  const requireWs = (): Workspace => {
    if (!ws) throw new ApiError('not_found', 'No workspace is open; open or create one first.');
    return ws;
  };
  const requireViews = (): ViewCache => {
    requireWs();
    return views!;
  };
  const progressFor = (jobId: string) => (fraction: number | null, message: string) =>
    emit({ kind: 'progress', jobId, fraction, message });
  const newJobId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

  const dbOptions: Pick<OpenOptions, 'memoryLimit' | 'stuckAfterMs' | 'onStuck'> = {
    memoryLimit: options.memoryLimit,
    ...(options.stuckAfterMs ? { stuckAfterMs: options.stuckAfterMs } : {}),
    ...(options.onQueryStuck ? { onStuck: options.onQueryStuck } : {}),
  };
  /** Rejects (engine_crashed) when a query of the old workspace would not stop: it stays open then. */
  const closeCurrent = async (): Promise<void> => {
    const old = ws;
    ws = null;
    views = null;
    await old?.close();
  };
  const recent = options.settingsDir ? new RecentWorkspaces(options.settingsDir) : null;
  const setCurrent = (next: Workspace): void => {
    try {
      if (options.settingsDir) mkdirSync(options.settingsDir, { recursive: true });
      recent?.add(next.path);
    } catch {
      // The recent list is a convenience: a read-only settings folder must not fail an open.
    }
    ws = next;
    views = new ViewCache(next);
    emit({ kind: 'workspace', state: 'changed', path: next.path });
  };

  const postgres = createPostgresService({ workspace: () => ws, emit });

  const data: DataApi = {
    async getWorkspace() {
      return ws ? ws.info() : null;
    },
    async openWorkspace({ path, create }) {
      // The same folder cannot be opened twice (DuckDB's file lock): close it first then.
      if (ws && existsSync(path) && realpathSync(path) === ws.path) await closeCurrent();
      const next = await Workspace.open(path, { create: create ?? false, ...dbOptions });
      await closeCurrent();
      setCurrent(next);
      return next.info();
    },
    async createDemoWorkspace({ path, rows }) {
      await closeCurrent();
      const jobId = newJobId('demo');
      const demo = await ensureDemoWorkspace(path, rows ?? DEMO_ROWS, progressFor(jobId), dbOptions);
      setCurrent(demo);
      await seedTemplates(demo);
      return demo.info();
    },
    async recentWorkspaces() {
      return (recent?.list() ?? []).filter((p) => existsSync(join(p, 'workspace.json')));
    },
    async browseFolders({ path }) {
      return browseFolders(path, [homedir(), ...(options.settingsDir ? [options.settingsDir] : [])]);
    },
    async listTables() {
      return requireWs().tables();
    },
    async sniffFile({ file, options: opts }) {
      return sniffFile(requireWs(), file, opts ?? {});
    },
    async importFile({ file, options: opts, jobId }) {
      const w = requireWs();
      const id = jobId ?? newJobId('import');
      const report = await importFile(w, file, opts ?? {}, progressFor(id), id);
      views?.invalidate();
      emit({ kind: 'workspace', state: 'changed', path: w.path });
      return report;
    },
    async getRejects({ table, snapshot, offset, limit }) {
      const w = requireWs();
      const snap = await w.resolveSnapshot(table, snapshot);
      return w.withSession((s) => readRejects(s, snap.id, offset ?? 0, limit ?? 100));
    },
    async profileColumn({ table, snapshot, column, view, jobId }) {
      if (!view) return profileColumn(requireWs(), table, column, snapshot, jobId);
      if (view.table !== table || (view.snapshot ?? null) !== (snapshot ?? null)) {
        const of = `${view.table}${view.snapshot ? ` (snapshot ${view.snapshot})` : ''}`;
        throw new ApiError('invalid_input', `The view is of ${of}, not of the profiled table.`);
      }
      const { relation } = await requireViews().relation(view, jobId);
      return profileColumn(requireWs(), table, column, snapshot, jobId, relation);
    },
    async headerSummaries({ table, snapshot }) {
      return headerSummaries(requireWs(), table, snapshot);
    },
    async topValues({ table, snapshot, column, limit, jobId }) {
      return topValues(requireWs(), table, column, limit ?? 20, snapshot, jobId);
    },
    async prepareView({ view, jobId }) {
      const id = jobId ?? newJobId('view');
      const report = progressFor(id);
      report(0, 'Sorting');
      const res = await requireViews().prepare(view, id, (f) => report(f, 'Sorting'));
      report(1, 'Sorted');
      return res;
    },
    async getRows({ view, offset, limit }) {
      return requireViews().rows(view, offset, limit);
    },
    async cancelJob({ jobId }) {
      // A PostgreSQL export has a server half and a DuckDB half (writing the file): cancel both.
      const onServer = postgres.cancel(jobId);
      const local = ws ? ws.cancel(jobId) : false;
      return { cancelled: onServer || local };
    },
  };

  const segments: SegmentsApi = createSegmentsService({ workspace: () => ws, emit });

  /** First start of the demo: save the template definitions once (through the segments API). */
  const seedTemplates = async (demo: Workspace): Promise<void> => {
    if (demo.getMeta().templatesSeeded) return;
    const failed: string[] = [];
    for (const t of TEMPLATES) {
      try {
        await segments.saveDefinition({
          kind: t.kind,
          name: t.name,
          description: t.description,
          tags: t.tags,
          definition: t.definition,
          note: 'template',
        });
      } catch (err) {
        failed.push(`${t.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    demo.updateMeta((m) => {
      m.templatesSeeded = failed.length ? { failed } : true;
    });
  };
  const compare = createCompareService({ workspace: () => ws, emit });
  const overTime = createOverTimeService({ workspace: () => ws, emit });
  const api: WorkbenchApi = {
    ...data,
    ...bound(segments, segmentMethods),
    ...bound(compare, compareMethods),
    ...bound(overTime, overTimeMethods),
    ...bound(postgres, postgresMethods),
  };

  return {
    api,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await closeCurrent();
      listeners.clear();
    },
  };
}

/** A service's methods bound to it, by the allowlist (a class instance composes like a plain object). */
function bound<T extends object>(service: T, methods: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(methods)) {
    const fn = (service as Record<string, unknown>)[name];
    if (typeof fn === 'function') out[name] = (fn as (...a: unknown[]) => unknown).bind(service);
  }
  return out as T;
}
