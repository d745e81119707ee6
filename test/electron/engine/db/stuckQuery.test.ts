// Queries that ignore their interrupt (issue 9, item 1) and calls waiting for a connection, at the
// level of the workspace database (db.ts); the engine process around them: test/electron/engine/process/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { tempDir } from '../engineTestUtils';

describe('a statement still running after its interrupt', () => {
  it('is given up: its caller hears query_stuck, its connection is retired, the rest serves, close does not block', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'stuckQueryChild.ts')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    const seen = JSON.parse(child.stdout.trim()) as Record<string, unknown>;
    const stuck = {
      code: 'query_stuck',
      message: expect.stringMatching(
        /^The query did not stop within 0.3 s of being cancelled, so the engine is being restarted .*regexp_matches\(\)/,
      ),
    };
    expect(seen).toEqual({
      cancelled: true,
      outcome: stuck,
      notices: [{ jobId: 'io', message: expect.stringContaining('did not stop within 0.3 s') }],
      stuckStatements: 1,
      after: [{ x: 42 }],
      close: 'engine_crashed', // the database stays open: closing under the statement would crash DuckDB
    });
    expect(child.signal).toBe('SIGKILL'); // it ended itself: process.exit() would wait for the statement forever
  });
});

describe('a call waiting for a connection', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true, poolSize: 1 });
  });
  afterAll(async () => {
    await ws.close();
    t.cleanup();
  });

  it('is cancelled where it waits, while the job holding the connection runs on', async () => {
    // range(5e9) is minutes of work on any machine: it holds the only connection until cancelled.
    const long = ws
      .query(`SELECT count(*) FROM range(5000000000) WHERE hash(range) % 7 = 1`, [], { jobId: 'long' })
      .catch((e: { code?: string }) => e.code);
    while (!ws.db.isRunning('long')) await new Promise((r) => setTimeout(r, 10));
    const queued = ws.query('SELECT 1 AS x', [], { jobId: 'queued' }).catch((e: { code?: string }) => e.code);
    expect(ws.cancel('queued')).toBe(true);
    expect(await queued).toBe('interrupted');
    expect(ws.db.isRunning('long')).toBe(true);
    expect(ws.cancel('long')).toBe(true);
    expect(await long).toBe('interrupted');
    expect(await ws.query('SELECT 2 AS x')).toEqual([{ x: 2 }]);
  });
});
