/**
 * How an engine child is started, whatever forks it (nodeForker.ts, electron/main/utilityForker.ts).
 *
 * - Its libuv thread pool is enlarged: every DuckDB statement of @duckdb/node-api runs as async work
 *   on that pool, whose default is 4 threads, so four queries that ignore their interrupt (a LIKE
 *   pattern backtracking over long text) held every thread and every other call, even `SELECT 42`,
 *   waited behind them. The pool must hold all of db.ts's connections plus room for file work. It is
 *   sized by the environment because libuv reads it once, before any code of the child runs.
 * - It carries a marker argument and its parent's pid, so a later open that finds the workspace
 *   locked can tell an engine left behind by a dead parent from a live one (workspace/lockHolder.ts).
 */

/** Marker argument of engine children. */
export const ENGINE_ARG = '--segwb-engine';
/** DuckDB connections per workspace (db.ts) + file work + headroom. */
export const ENGINE_THREADPOOL = 16;

export function engineChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const given = Number(env.UV_THREADPOOL_SIZE);
  const size = Math.max(Number.isInteger(given) ? given : 0, ENGINE_THREADPOOL);
  return { ...env, UV_THREADPOOL_SIZE: String(size) };
}

/** The engine arguments: the marker and the parent's pid. */
export function engineChildArgs(parentPid: number = process.pid): string[] {
  return [ENGINE_ARG, `--parent=${parentPid}`];
}
