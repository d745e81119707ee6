/** ScalarRunners (for the SQL guard) over a workspace's DuckDB or a throwaway in-memory one. */
import type { ScalarRunner } from './parseSqlExpr';
import { withMemoryParser } from './parseSqlExpr';
import type { Workspace } from '../workspace/workspace';

export function workspaceRunner(ws: Workspace): ScalarRunner {
  return async (sql, params) => {
    const result = await ws.queryResult(sql, params);
    const cell = result.rows[0]?.[0];
    return cell === null || cell === undefined ? null : String(cell);
  };
}

/** Run `fn` with the workspace's runner when one is open, else an in-memory DuckDB's. */
export function withRunner<T>(runner: ScalarRunner | null, fn: (run: ScalarRunner) => Promise<T>): Promise<T> {
  return runner ? fn(runner) : withMemoryParser(fn);
}
