/**
 * Queries that ignore their interrupt, over the real engine child (issue 9, item 1). Each `stuckN`
 * table's snapshot is a view scanning a named pipe nobody writes to: stuck by construction, and
 * observable, since the pipe's write end (opened by the test) opens exactly when the engine's DuckDB
 * has opened the pipe to read it. From then on the statement is inside its first chunk of work, where
 * DuckDB never looks for an interrupt, and the read never returns. No premise on speed: these counts
 * end by the watchdog or never.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHost, type EngineHost } from '../../../../electron/engine/process/engineHost';
import { nodeForker } from '../../../../electron/engine/process/nodeForker';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { addSnapshotFromQuery } from '../../../../electron/engine/workspace/addSnapshot';
import type { ApiEvent } from '../../../../shared/api/protocol';

let dir: string;
let host: EngineHost;
const events: ApiEvent[] = [];
const writers: FileHandle[] = [];
const STUCK_TABLES = 5;
const pipe = (n: number) => join(dir, `pipe${n}.csv`);
const stuck = (n: number) => ({ definition: { entity: { table: `stuck${n}`, key: 'id' }, where: { all: [] } } });
const accounts = {
  definition: { entity: { table: 'accounts', key: 'id' }, where: { field: 'n', op: 'lt', value: 3 } },
} as const;

beforeAll(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'segwb-stuckeng-')), 'ws');
  const ws = await Workspace.open(dir, { create: true });
  await addSnapshotFromQuery(ws, {
    table: 'accounts',
    asOf: '2026-11-01',
    sourceFile: 'generated',
    select: `SELECT 'a' || i AS id, i AS n FROM range(10) t(i)`,
  });
  for (let n = 1; n <= STUCK_TABLES; n++) {
    execFileSync('mkfifo', [pipe(n)]);
    const snap = await addSnapshotFromQuery(ws, {
      table: `stuck${n}`,
      asOf: '2026-11-01',
      sourceFile: 'generated',
      select: `SELECT 'k' AS id`,
    });
    await ws.run(`DROP TABLE ${snap.relation}`);
    await ws.run(
      `CREATE VIEW ${snap.relation} AS SELECT * FROM read_csv('${pipe(n)}', columns = {'id': 'VARCHAR'}, header = false, auto_detect = false)`,
    );
  }
  await ws.close();
  host = startEngineHost({ fork: nodeForker(undefined, { env: { ...process.env, SEGWB_STUCK_AFTER_MS: '500' } }) });
  host.onEvent((e) => events.push(e));
  await host.client.openWorkspace({ path: dir });
}, 120_000);
afterAll(async () => {
  await host.close();
  for (const w of writers) await w.close();
});

/** Resolves once the engine's DuckDB is reading pipe `n` (its statement is then stuck). */
async function reading(n: number): Promise<void> {
  writers.push(await open(pipe(n), 'w'));
}

describe('the real engine with queries that ignore their interrupt', () => {
  it('four of them do not starve other calls', { timeout: 120_000 }, async () => {
    const running = [1, 2, 3, 4].map((n) =>
      host.client.countSegment({ target: stuck(n), jobId: `s${n}` }).catch((e: { code?: string }) => e.code),
    );
    for (const n of [1, 2, 3, 4]) await reading(n);
    // Four statements stuck; the default thread pool had four threads, all of them taken.
    expect((await host.client.listTables({})).map((t) => t.name)).toEqual([
      'accounts',
      'stuck1',
      'stuck2',
      'stuck3',
      'stuck4',
      'stuck5',
    ]);
    expect((await host.client.countSegment({ target: accounts })).count).toBe(3);
    const pid = host.pid;
    const restarted = new Promise<void>((resolve) =>
      host.onEvent((e) => e.kind === 'engine' && e.state === 'restarted' && resolve()),
    );
    for (const n of [1, 2, 3, 4]) expect(await host.client.cancelJob({ jobId: `s${n}` })).toEqual({ cancelled: true });
    expect(await Promise.all(running)).toEqual(['query_stuck', 'query_stuck', 'query_stuck', 'query_stuck']);
    await restarted;
    expect(host.pid).not.toBe(pid);
  });

  it(
    'a cancelled one: its caller is told, the engine is replaced, the workspace reopened; twice, and it is refused',
    { timeout: 120_000 },
    async () => {
      const before = events.length;
      const pid = host.pid;
      const count = host.client.countSegment({ target: stuck(5), jobId: 'stuck-1' });
      await reading(5);
      expect(await host.client.cancelJob({ jobId: 'stuck-1' })).toEqual({ cancelled: true });
      await expect(count).rejects.toMatchObject({
        code: 'query_stuck',
        message: expect.stringMatching(
          /^The query did not stop within 0.5 s of being cancelled, so the engine is being restarted \(the workspace reopens by itself\)\./,
        ),
      });
      // Asked right away: held until the new engine has the workspace open again.
      expect((await host.client.countSegment({ target: accounts })).count).toBe(3);
      expect(host.pid).not.toBe(pid);
      const lifecycle = events
        .slice(before)
        .filter((e) => e.kind === 'engine')
        .map((e) => (e as { message: string }).message);
      expect(lifecycle).toEqual([
        'A query did not stop after it was cancelled: restarting the engine (the workspace reopens by itself).',
        `The engine was restarted and the workspace ${(await host.client.getWorkspace({}))?.path} reopened.`,
      ]);
      // The same count stuck again, and it is refused instead of being run a third time.
      await writers.pop()!.close(); // its reader is gone with the old engine; the next reader opens the pipe anew
      const again = host.client.countSegment({ target: stuck(5), jobId: 'stuck-2' });
      await reading(5);
      await host.client.cancelJob({ jobId: 'stuck-2' });
      await expect(again).rejects.toMatchObject({ code: 'query_stuck' });
      await expect(host.client.countSegment({ target: stuck(5), jobId: 'stuck-3' })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(
          /^Refused: this countSegment request stopped the engine twice \(last: a query that did not stop when cancelled\)/,
        ),
      });
    },
  );
});
