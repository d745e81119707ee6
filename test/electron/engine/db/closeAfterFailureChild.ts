/**
 * Child of db.test.ts: a session reads a large result and fails, then the workspace closes at once;
 * several rounds. Closing a connection while its post-failure rollback still ran crashed DuckDB
 * (SIGSEGV), so the parent asserts this process exits cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';

for (let round = 0; round < 6; round++) {
  const dir = mkdtempSync(join(tmpdir(), 'segwb-close-'));
  const ws = await Workspace.open(join(dir, 'ws'), { create: true, memoryLimit: '256MB' });
  await ws
    .withSession(async (s) => {
      await s.queryResult('SELECT range AS id FROM range(30000) ORDER BY id LIMIT 10000');
      throw new Error('fails after reading');
    }, `job-${round}`)
    .catch(() => undefined);
  ws.close();
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write('closed cleanly\n');
