import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngineHost, type EngineHost } from '../../../../electron/engine/process/engineHost';
import { nodeForker } from '../../../../electron/engine/process/nodeForker';
import { ApiError, type ApiEvent, type Message } from '../../../../shared/api/protocol';

const fakeChild = fileURLToPath(new URL('./fakeEngineChild.ts', import.meta.url));
/** Waiting for something that will happen: bounded, but with no premise on how fast a child boots. */
const EVENTUALLY = { timeout: 30_000 };
let host: EngineHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

function waitForEvent(h: EngineHost, pred: (e: ApiEvent) => boolean): Promise<ApiEvent> {
  return new Promise((resolve) => {
    const off = h.onEvent((e) => {
      if (pred(e)) {
        off();
        resolve(e);
      }
    });
  });
}

describe('engine host over a real child process', () => {
  it('restarts a SIGKILLed engine and reopens the last workspace', async () => {
    host = startEngineHost({ fork: nodeForker(fakeChild) });
    await host.ready();
    const c = host.client;
    expect(await c.getWorkspace({})).toBeNull();
    await c.openWorkspace({ path: '/tmp/ws-one' });
    const firstPid = host.pid;
    expect(firstPid).toBeTypeOf('number');

    // A call in flight when the child dies fails with engine_crashed.
    const inFlight = c.importFile({ file: { kind: 'path', path: '/x.csv' }, jobId: 'j1' });
    const crashed = waitForEvent(host, (e) => e.kind === 'engine' && e.state === 'crashed');
    const restarted = waitForEvent(host, (e) => e.kind === 'engine' && e.state === 'restarted');
    await new Promise((r) => setTimeout(r, 100));
    process.kill(firstPid!, 'SIGKILL');
    await expect(inFlight).rejects.toMatchObject({ code: 'engine_crashed' });
    expect((await crashed).kind).toBe('engine');

    // The next call, made before the restart finished, waits for it and sees the workspace again.
    const ws = await c.getWorkspace({});
    expect(ws?.path).toBe('/tmp/ws-one');
    expect(host.pid).not.toBe(firstPid);
    expect(host.restarts).toBe(1);
    expect(await restarted).toMatchObject({
      kind: 'engine',
      state: 'restarted',
      message: expect.stringContaining('/tmp/ws-one'),
    });
  });

  it('cancels a running job through a second call while the first still runs', async () => {
    host = startEngineHost({ fork: nodeForker(fakeChild) });
    const c = host.client;
    const progress = new Promise<ApiEvent>((resolve) => c.onEvent((e) => e.kind === 'progress' && resolve(e)));
    const job = c.importFile({ file: { kind: 'path', path: '/x.csv' }, jobId: 'long' });
    expect(await progress).toMatchObject({ kind: 'progress', jobId: 'long' });
    expect(await c.cancelJob({ jobId: 'long' })).toEqual({ cancelled: true });
    const err = await job.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('interrupted');
  });

  it('keeps connections apart: each gets only its own responses', async () => {
    host = startEngineHost({ fork: nodeForker(fakeChild) });
    const a = host.connect();
    const b = host.connect();
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    a.onMessage((m) => m.type === 'response' && seenA.push(m));
    b.onMessage((m) => m.type === 'response' && seenB.push(m));
    a.send({ type: 'request', id: 1, method: 'getRows', params: { view: { table: 't' }, offset: 5, limit: 1 } });
    b.send({ type: 'request', id: 1, method: 'getRows', params: { view: { table: 't' }, offset: 7, limit: 1 } });
    await expect.poll(() => seenA.length + seenB.length, EVENTUALLY).toBe(2);
    expect(seenA).toEqual([
      { type: 'response', id: 1, result: { ok: true, value: { offset: 5, rows: [{ n: 5 }], total: 1000 } } },
    ]);
    expect(seenB).toEqual([
      { type: 'response', id: 1, result: { ok: true, value: { offset: 7, rows: [{ n: 7 }], total: 1000 } } },
    ]);
  });

  it('fails calls clearly after close and when the engine cannot start', async () => {
    host = startEngineHost({ fork: nodeForker(fakeChild) });
    await host.ready();
    await host.close();
    await expect(host.client.getWorkspace({})).rejects.toMatchObject({ code: 'engine_crashed' });

    const broken = startEngineHost({ fork: nodeForker(fileURLToPath(new URL('./no-such-child.ts', import.meta.url))) });
    await expect(broken.ready()).rejects.toThrow(/could not start/);
    await expect(broken.client.listTables({})).rejects.toMatchObject({ code: 'engine_crashed' });
    await broken.close();
  });
});

describe('engine host message bounds', () => {
  it('refuses a request nested past the bounds instead of posting it; the child carries on', async () => {
    host = startEngineHost({ fork: nodeForker(fakeChild) });
    await host.ready();
    const pid = host.pid;
    const conn = host.connect();
    const seen: Message[] = [];
    conn.onMessage((m) => m.type === 'response' && seen.push(m));
    const deep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) as unknown; // past JSON.stringify's stack
    conn.send({
      type: 'request',
      id: 1,
      method: 'getRows',
      params: { view: { table: 't' }, offset: 0, limit: 1, deep },
    });
    conn.send({ type: 'request', id: 2, method: 'getRows', params: { view: { table: 't' }, offset: 4, limit: 1 } });
    await expect.poll(() => seen.length, EVENTUALLY).toBe(2);
    expect(seen[0]).toEqual({
      type: 'response',
      id: 1,
      result: {
        ok: false,
        error: { code: 'usage', message: 'Refused: the getRows request nests deeper than 512 levels.' },
      },
    });
    expect(seen[1]).toMatchObject({ id: 2, result: { ok: true, value: { offset: 4 } } });
    expect(host.pid).toBe(pid);
    expect(host.restarts).toBe(0);
  });
});

describe('engine host connections', () => {
  it('cancels the running jobs of a connection that closes', async () => {
    host = startEngineHost({ fork: nodeForker(fakeChild) });
    await host.ready();
    const tab = host.connect();
    const events: ApiEvent[] = [];
    host.onEvent((e) => events.push(e));
    tab.send({
      type: 'request',
      id: 1,
      method: 'importFile',
      params: { file: { kind: 'staged', name: 'a.csv' }, jobId: 'tab-job' },
    });
    await expect.poll(() => events.some((e) => e.kind === 'progress' && e.jobId === 'tab-job'), EVENTUALLY).toBe(true);
    tab.close();
    // The fake engine reports each cancellation it performs; nobody but the host asked for this one.
    await expect
      .poll(
        () => events.some((e) => e.kind === 'progress' && e.jobId === 'tab-job' && e.message === 'cancelled'),
        EVENTUALLY,
      )
      .toBe(true);
  });
});

describe('engine host crash loop', () => {
  /** Restart delays the host asks for, run at once: the schedule is read, not waited for. */
  const recordingTimer = (delays: number[]) => (fn: () => void, ms: number) => {
    delays.push(ms);
    setTimeout(fn, 0);
  };
  const crashOn = (c: EngineHost['client'], offset: number) =>
    c.getRows({ view: { table: 'crash' }, offset, limit: 1 });

  it('backs off exponentially (capped) instead of giving up, and says so', async () => {
    const delays: number[] = [];
    const events: ApiEvent[] = [];
    host = startEngineHost({
      fork: nodeForker(fakeChild),
      restartDelayMs: 100,
      maxRestartDelayMs: 1000,
      crashWindowMs: 60_000,
      setTimer: recordingTimer(delays),
    });
    host.onEvent((e) => events.push(e));
    const c = host.client;
    await c.openWorkspace({ path: '/tmp/ws-loop' });
    for (let i = 0; i < 8; i++) {
      // Different requests each time: none is refused, each crashes the engine.
      const err = await crashOn(c, i).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'engine_crashed', message: expect.stringContaining('while running getRows') });
      expect((err as Error).message).not.toMatch(/gave up/);
    }
    // Eight crashes within a minute, and the engine is back with the workspace.
    expect((await c.getWorkspace({}))?.path).toBe('/tmp/ws-loop');
    expect(host.restarts).toBe(8);
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000, 1000, 1000]);
    const crashes = events
      .filter((e) => e.kind === 'engine' && e.state === 'crashed')
      .map((e) => (e as { message: string }).message);
    expect(crashes[0]).toMatch(/stopped unexpectedly \(exit code 9 while running getRows\); restarting it\.$/);
    expect(crashes[7]).toMatch(/it stopped 8 times within 60 s, so it restarts in 1 s\.$/);
  });

  it('refuses a request that crashed the engine twice instead of crashing again', async () => {
    host = startEngineHost({ fork: nodeForker(fakeChild), setTimer: recordingTimer([]) });
    const c = host.client;
    await c.openWorkspace({ path: '/tmp/ws-poison' });
    // Each crash with a request without input of its own in flight beside it (it never answers).
    const crashWithBystander = async (message?: string) => {
      const bystander = c.listTrash({}).catch((e: { code?: string }) => e.code);
      await expect(crashOn(c, 1)).rejects.toMatchObject({
        code: 'engine_crashed',
        ...(message ? { message: expect.stringContaining(message) } : {}),
      });
      expect(await bystander).toBe('engine_crashed');
    };
    await crashWithBystander();
    await crashWithBystander('will not be run again');
    await c.getWorkspace({}); // back up
    const pid = host.pid;
    await expect(crashOn(c, 1)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^Refused: this getRows request stopped the engine twice \(last: exit code 9 while running getRows\)/,
      ),
    });
    // Not sent: the engine did not crash a third time, and other requests run as before.
    expect(host.pid).toBe(pid);
    expect(host.restarts).toBe(2);
    // The bystander was in flight at both crashes too, but has no input: it is sent, not refused
    // (a refusal is answered before the getWorkspace sent after it).
    let refusedBystander = false;
    void c.listTrash({}).catch(() => (refusedBystander = true));
    await c.getWorkspace({});
    expect(refusedBystander).toBe(false);
    expect(await c.getRows({ view: { table: 't' }, offset: 3, limit: 1 })).toMatchObject({ offset: 3 });
    // The fingerprint ignores the job id, which is new on every attempt.
    const started = new Set<string>();
    host.onEvent((e) => e.kind === 'progress' && started.add(e.jobId));
    const crashDuring = async (jobId: string) => {
      const job = c.importFile({ file: { kind: 'path', path: '/nonexistent/x.csv' }, jobId });
      await expect.poll(() => started.has(jobId), EVENTUALLY).toBe(true);
      process.kill(host!.pid!, 'SIGKILL');
      await expect(job).rejects.toMatchObject({ code: 'engine_crashed' });
    };
    await crashDuring('a');
    await crashDuring('b');
    await expect(
      c.importFile({ file: { kind: 'path', path: '/nonexistent/x.csv' }, jobId: 'c' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('importFile request stopped the engine twice'),
    });
  });

  it('stops reopening a workspace whose reopening crashed the engine twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segwb-reopen-'));
    const path = join(dir, 'crash-on-reopen');
    const events: ApiEvent[] = [];
    host = startEngineHost({ fork: nodeForker(fakeChild), setTimer: recordingTimer([]) });
    host.onEvent((e) => events.push(e));
    const c = host.client;
    await c.openWorkspace({ path });
    await expect(crashOn(c, 0)).rejects.toMatchObject({ code: 'engine_crashed' });
    // Each restart replays the open, which crashes it; after two, the engine comes back without it.
    await expect.poll(() => events.some((e) => e.kind === 'engine' && e.state === 'restarted'), EVENTUALLY).toBe(true);
    expect(await c.getWorkspace({})).toBeNull();
    expect(host.restarts).toBe(3);
    const restarted = events.find((e) => e.kind === 'engine' && e.state === 'restarted') as { message: string };
    expect(restarted.message).toBe(
      `The engine was restarted without the workspace ${path}: reopening it stopped the engine twice (last: exit code 9 while running openWorkspace). Open it again to retry, or open another workspace.`,
    );
  });
});

describe('engine host replacing a child on its request', () => {
  it('answers the stuck call, holds new calls, drains those in flight, then starts a new child', async () => {
    const events: ApiEvent[] = [];
    host = startEngineHost({ fork: nodeForker(fakeChild), drainTimeoutMs: 300 });
    host.onEvent((e) => events.push(e));
    const c = host.client;
    await c.openWorkspace({ path: '/tmp/ws-stuck' });
    const pid = host.pid;
    // A job that only a cancel ends: it is still in flight when the restart is asked for.
    const running = c.importFile({ file: { kind: 'path', path: '/x.csv' }, jobId: 'never-ends' });
    await expect
      .poll(() => events.some((e) => e.kind === 'progress' && e.jobId === 'never-ends'), EVENTUALLY)
      .toBe(true);
    const restarted = waitForEvent(host, (e) => e.kind === 'engine' && e.state === 'restarted');
    await expect(c.topValues({ table: 't', column: 'stuck' })).rejects.toMatchObject({ code: 'query_stuck' });
    // Asked during the drain: held for the new child, not sent to the one on its way out.
    const meanwhile = c.getWorkspace({});
    await expect(running).rejects.toMatchObject({
      code: 'engine_crashed',
      message: expect.stringContaining(
        'restarted before this importFile finished (A query did not stop after it was cancelled)',
      ),
    });
    expect((await meanwhile)?.path).toBe('/tmp/ws-stuck');
    await restarted;
    expect(host.pid).not.toBe(pid);
    expect(events.filter((e) => e.kind === 'engine').map((e) => (e as { message: string }).message)).toEqual([
      'A query did not stop after it was cancelled: restarting the engine (the workspace reopens by itself).',
      'The engine was restarted and the workspace /tmp/ws-stuck reopened.',
    ]);
  });
});
