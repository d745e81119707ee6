/** Helpers for engine tests: throwaway workspace folders under the OS temp dir, the real-data path. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Workspace } from '../../../electron/engine/workspace/workspace';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repo root (tests run from it); real third-party data sits in ../shared/data/real next to the clone. */
export const REPO_ROOT = resolve(process.cwd());
export const REAL_DATA = resolve(REPO_ROOT, '../shared/data/real');
export const FIXTURES = resolve(REPO_ROOT, 'test/fixtures/engine');

export function tempDir(prefix = 'segwb-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Files under a folder (relative paths), ignoring DuckDB's spill folder and WAL, which DuckDB manages. */
export function listFiles(root: string, sub = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, sub))) {
    const rel = sub ? `${sub}/${name}` : name;
    if (rel === '.tmp/duckdb' || name.endsWith('.wal')) continue;
    if (statSync(join(root, rel)).isDirectory()) out.push(`${rel}/`, ...listFiles(root, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** Everything a failed import must leave unchanged. */
export async function workspaceState(ws: Workspace): Promise<unknown> {
  const tables = await ws.tables();
  const rejects = await ws.query(`SELECT count(*) AS n FROM meta.rejects`);
  const snapTables = await ws.query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'snap' ORDER BY 1`);
  return {
    tables,
    rejects,
    snapTables,
    files: listFiles(ws.path),
    meta: readFileSync(join(ws.path, 'workspace.json'), 'utf8'),
  };
}
