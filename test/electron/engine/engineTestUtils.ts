/** Helpers for engine tests: throwaway workspace folders under the OS temp dir, the real-data path. */
import { mkdtempSync, rmSync } from 'node:fs';
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
