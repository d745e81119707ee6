/**
 * `npm start` (build/start.mjs) where the Electron binary is missing: one clear paragraph pointing
 * to `npm run web`, non-zero exit, and no download attempt. The binary is made missing for certain
 * with ELECTRON_OVERRIDE_DIST_PATH pointing at an empty folder (as electron/index.js honours it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const startScript = fileURLToPath(new URL('../../../build/start.mjs', import.meta.url));

describe('npm start without the Electron binary', () => {
  it('explains, points to npm run web, and exits non-zero without trying to build', () => {
    const empty = mkdtempSync(join(tmpdir(), 'segwb-noelectron-'));
    const r = spawnSync(process.execPath, [startScript], {
      cwd: tmpdir(),
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Electron binary could not be downloaded');
    expect(r.stderr).toContain('npm run web');
    expect(r.stderr).not.toContain('Downloading');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
