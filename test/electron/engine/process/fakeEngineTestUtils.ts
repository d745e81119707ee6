/**
 * A small fake engine for transport and process tests: it keeps the open workspace in memory (so a
 * restarted process demonstrably lost it and got it back by replay), runs a cancellable job, and
 * throws typed and untyped errors. Not a model of the real engine's data behaviour.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { WorkbenchApi } from '../../../../shared/api/contract';
import { ApiError, type ApiEvent } from '../../../../shared/api/protocol';
import type { EngineControls, EngineInstance } from '../../../../electron/engine/process/link';

const rowsPage = (offset: number, limit: number) => ({
  offset,
  rows: Array.from({ length: limit }, (_, i) => ({ n: offset + i })),
  total: 1000,
});

/**
 * `controls` (in a child process) lets `topValues` on column 'stuck' stand in for a query that
 * ignored its interrupt: it answers query_stuck and asks the host for a new process, as db.ts does.
 * `openWorkspace` of a path containing 'crash-on-reopen' crashes the process from its second open on
 * (a marker file next to the path remembers the first).
 */
export function createFakeEngine(controls?: EngineControls): EngineInstance & { opened: string[] } {
  const listeners = new Set<(e: ApiEvent) => void>();
  const jobs = new Map<string, () => void>();
  let current: string | null = null;
  const opened: string[] = [];
  const info = (path: string) => ({ path, name: basename(path), tables: [] });
  const notHere = async () => {
    throw new ApiError('runtime', 'not in the fake engine');
  };
  const api = {
    getWorkspace: async () => (current ? info(current) : null),
    openWorkspace: async ({ path }: { path: string }) => {
      if (path.includes('missing')) throw new ApiError('not_found', `not a workspace: ${path}`);
      if (path.includes('crash-on-reopen')) {
        if (existsSync(`${path}.opened`) && typeof process.send === 'function') process.exit(9);
        writeFileSync(`${path}.opened`, '');
      }
      current = path;
      opened.push(path);
      return info(path);
    },
    createDemoWorkspace: notHere,
    listTables: async () => [],
    sniffFile: notHere,
    importFile: async ({ jobId }: { jobId?: string }) => {
      const id = jobId ?? 'job';
      for (const l of listeners) l({ kind: 'progress', jobId: id, fraction: 0, message: 'started' });
      await new Promise<void>((resolve) => jobs.set(id, resolve));
      throw new ApiError('interrupted', `job ${id} was cancelled`);
    },
    getRejects: notHere,
    profileColumn: async () => {
      throw new Error('boom');
    },
    headerSummaries: notHere,
    topValues: async ({ column }: { column: string }) => {
      if (column !== 'stuck' || !controls) return notHere();
      controls.requestRestart('A query did not stop after it was cancelled');
      throw new ApiError(
        'query_stuck',
        'The query did not stop within 3 s of being cancelled, so the engine is being restarted.',
      );
    },
    prepareView: notHere,
    // Never answers: an input-less request that is surely still in flight when the process dies.
    listTrash: () => new Promise(() => {}),
    getRows: async ({ view, offset, limit }: { view: { table: string }; offset: number; limit: number }) => {
      // Stands in for DuckDB dying on pathological input: the whole process goes, mid-call.
      if (view.table === 'crash' && typeof process.send === 'function') process.exit(9);
      return rowsPage(offset, limit);
    },
    cancelJob: async ({ jobId }: { jobId: string }) => {
      const stop = jobs.get(jobId);
      jobs.delete(jobId);
      stop?.();
      if (stop) for (const l of listeners) l({ kind: 'progress', jobId, fraction: null, message: 'cancelled' });
      return { cancelled: stop !== undefined };
    },
  } as unknown as WorkbenchApi; // the fake covers the methods the tests call; the rest throw
  return {
    api,
    opened,
    onEvent(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: async () => {},
  };
}
