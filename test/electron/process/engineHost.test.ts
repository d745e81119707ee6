import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngineHost, type EngineHost } from '../../../electron/engine/process/engineHost';
import { nodeForker } from '../../../electron/engine/process/nodeForker';
import { ApiError, type ApiEvent } from '../../../shared/api/protocol';

const fakeChild = fileURLToPath(new URL('./fakeEngineChild.ts', import.meta.url));
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
    expect(await restarted).toMatchObject({ kind: 'engine', state: 'restarted', message: expect.stringContaining('/tmp/ws-one') });
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
    await expect.poll(() => seenA.length + seenB.length).toBe(2);
    expect(seenA).toEqual([{ type: 'response', id: 1, result: { ok: true, value: { offset: 5, rows: [{ n: 5 }], total: 1000 } } }]);
    expect(seenB).toEqual([{ type: 'response', id: 1, result: { ok: true, value: { offset: 7, rows: [{ n: 7 }], total: 1000 } } }]);
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

describe('engine host connections', () => {
  it('cancels the running jobs of a connection that closes', async () => {
    host = startEngineHost({ fork: nodeForker(fakeChild) });
    await host.ready();
    const tab = host.connect();
    const events: ApiEvent[] = [];
    host.onEvent((e) => events.push(e));
    tab.send({ type: 'request', id: 1, method: 'importFile', params: { file: { kind: 'staged', name: 'a.csv' }, jobId: 'tab-job' } });
    await expect.poll(() => events.some((e) => e.kind === 'progress' && e.jobId === 'tab-job')).toBe(true);
    tab.close();
    // The fake engine reports each cancellation it performs; nobody but the host asked for this one.
    await expect.poll(() => events.some((e) => e.kind === 'progress' && e.jobId === 'tab-job' && e.message === 'cancelled')).toBe(true);
  });
});

describe('engine host crash loop', () => {
  it('gives up after maxRestarts crashes in the window and then fails calls clearly', async () => {
    host = startEngineHost({ fork: nodeForker(fakeChild), maxRestarts: 2, restartWindowMs: 60_000 });
    const c = host.client;
    await c.openWorkspace({ path: '/tmp/ws-loop' });
    const crash = () => c.getRows({ view: { table: 'crash' }, offset: 0, limit: 1 });
    await expect(crash()).rejects.toMatchObject({ code: 'engine_crashed' });
    await expect(crash()).rejects.toMatchObject({ code: 'engine_crashed' });
    // Two crashes are within budget: the engine is back with the workspace.
    expect((await c.getWorkspace({}))?.path).toBe('/tmp/ws-loop');
    expect(host.restarts).toBe(2);
    await expect(crash()).rejects.toMatchObject({ code: 'engine_crashed' });
    const after = await c.getWorkspace({}).catch((e: unknown) => e);
    expect(after).toMatchObject({ code: 'engine_crashed', message: expect.stringContaining('gave up') });
    expect(host.restarts).toBe(2);
  });
});
