/**
 * Queries that ignore their interrupt, over the real engine child (issue 9, item 1). The `stuck`
 * table's snapshot is a view whose one value takes hours by construction (ILIKE with three
 * backtracking wildcards over 100,000 characters: ~1.7e14 steps, one value, so DuckDB never looks for
 * the interrupt). No premise on speed: the counts below can only end by the watchdog or never.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineHost, type EngineHost } from '../../../electron/engine/process/engineHost';
import { nodeForker } from '../../../electron/engine/process/nodeForker';
import { Workspace } from '../../../electron/engine/workspace';
import { addSnapshotFromQuery } from '../../../electron/engine/workspace/addSnapshot';
import type { ApiEvent } from '../../../shared/api/protocol';

let dir: string;
let host: EngineHost;
const events: ApiEvent[] = [];
/** A count over the stuck value; `variant` makes the requests differ (each one that got stuck counts against it). */
const stuck = (variant: number) => ({ definition: { entity: { table: 'stuck', key: 'id' }, where: { all: Array.from({ length: variant }, () => ({ field: 'v', op: 'isTrue' })) } } });
const accounts = { definition: { entity: { table: 'accounts', key: 'id' }, where: { field: 'n', op: 'lt', value: 3 } } } as const;

beforeAll(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'segwb-stuckeng-')), 'ws');
  const ws = await Workspace.open(dir, { create: true });
  await addSnapshotFromQuery(ws, { table: 'accounts', asOf: '2026-11-01', sourceFile: 'generated', select: `SELECT 'a' || i AS id, i AS n FROM range(10) t(i)` });
  const snap = await addSnapshotFromQuery(ws, { table: 'stuck', asOf: '2026-11-01', sourceFile: 'generated', select: `SELECT 'k' AS id, false AS v` });
  await ws.run(`DROP TABLE ${snap.relation}`);
  await ws.run(`CREATE VIEW ${snap.relation} AS SELECT 'k' || range AS id, repeat('a', 100000 + CAST(range AS INTEGER)) ILIKE '%a%a%a%b' AS v FROM range(1)`);
  await ws.close();
  host = startEngineHost({ fork: nodeForker(undefined, { env: { ...process.env, SEGWB_STUCK_AFTER_MS: '500' } }) });
  host.onEvent((e) => events.push(e));
  await host.client.openWorkspace({ path: dir });
}, 120_000);
afterAll(() => host.close());

const counting = (jobId: string) => expect.poll(() => events.some((e) => e.kind === 'progress' && e.jobId === jobId && e.message === 'Counting'), { timeout: 30_000 }).toBe(true);

describe('the real engine with a query that ignores its interrupt', () => {
  it('four of them do not starve other calls', { timeout: 120_000 }, async () => {
    const running = ['s1', 's2', 's3', 's4'].map((jobId, i) => host.client.countSegment({ target: stuck(i + 1), jobId }).catch((e: { code?: string }) => e.code));
    for (const jobId of ['s1', 's2', 's3', 's4']) await counting(jobId);
    // Four statements busy for hours; the default thread pool had four threads, all of them taken.
    expect((await host.client.listTables({})).map((t) => t.name).sort()).toEqual(['accounts', 'stuck']);
    expect((await host.client.countSegment({ target: accounts })).count).toBe(3);
    const pid = host.pid;
    const restarted = new Promise<void>((resolve) => host.onEvent((e) => e.kind === 'engine' && e.state === 'restarted' && resolve()));
    for (const jobId of ['s1', 's2', 's3', 's4']) expect(await host.client.cancelJob({ jobId })).toEqual({ cancelled: true });
    expect(await Promise.all(running)).toEqual(['query_stuck', 'query_stuck', 'query_stuck', 'query_stuck']);
    await restarted;
    expect(host.pid).not.toBe(pid);
  });

  it('a cancelled one: its caller is told, the engine is replaced, the workspace reopened', { timeout: 120_000 }, async () => {
    const before = events.length;
    const pid = host.pid;
    const count = host.client.countSegment({ target: stuck(5), jobId: 'stuck-1' });
    await counting('stuck-1');
    expect(await host.client.cancelJob({ jobId: 'stuck-1' })).toEqual({ cancelled: true });
    await expect(count).rejects.toMatchObject({
      code: 'query_stuck',
      message: expect.stringMatching(/^The query did not stop within 0.5 s of being cancelled, so the engine is being restarted \(the workspace reopens by itself\)\./),
    });
    // Asked right away: held until the new engine has the workspace open again.
    expect((await host.client.countSegment({ target: accounts })).count).toBe(3);
    expect(host.pid).not.toBe(pid);
    const lifecycle = events.slice(before).filter((e) => e.kind === 'engine').map((e) => (e as { message: string }).message);
    expect(lifecycle).toEqual([
      'A query did not stop after it was cancelled: restarting the engine (the workspace reopens by itself).',
      `The engine was restarted and the workspace ${(await host.client.getWorkspace({}))?.path} reopened.`,
    ]);
    // Twice stuck, and the same count is refused instead of being run a third time.
    const again = host.client.countSegment({ target: stuck(5), jobId: 'stuck-2' });
    await counting('stuck-2');
    await host.client.cancelJob({ jobId: 'stuck-2' });
    await expect(again).rejects.toMatchObject({ code: 'query_stuck' });
    await expect(host.client.countSegment({ target: stuck(5), jobId: 'stuck-3' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Refused: this countSegment request stopped the engine twice \(last: a query that did not stop when cancelled\)/) });
  });
});
