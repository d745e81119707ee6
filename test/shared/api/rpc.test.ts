import { describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client';
import { createDispatcher, serveTransport } from '../../../shared/api/dispatcher';
import { ApiError, type ApiEvent, type Message } from '../../../shared/api/protocol';
import { createTransportPair } from '../../../shared/api/transport';
import { createFakeEngine } from '../../electron/engine/process/fakeEngineTestUtils';

function setup() {
  const engine = createFakeEngine();
  const [clientSide, serverSide] = createTransportPair();
  serveTransport(serverSide, createDispatcher(engine.api), (l) => engine.onEvent(l));
  const handle = createClient(clientSide);
  return { engine, client: handle.client, handle, clientSide };
}

function rawCall(t: ReturnType<typeof createTransportPair>[0], method: string, params: unknown): Promise<Message> {
  return new Promise((resolve) => {
    const off = t.onMessage((m) => {
      if (m.type === 'response' && m.id === 99) {
        off();
        resolve(m);
      }
    });
    t.send({ type: 'request', id: 99, method, params });
  });
}

describe('RPC over an in-memory transport pair', () => {
  it('round-trips a call and its JSON result', async () => {
    const { client, engine } = setup();
    const info = await client.openWorkspace({ path: '/data/acme' });
    expect(info).toEqual({ path: '/data/acme', name: 'acme', tables: [] });
    expect(engine.opened).toEqual(['/data/acme']);
    expect(await client.getWorkspace({})).toEqual({ path: '/data/acme', name: 'acme', tables: [] });
  });

  it('applies the zod defaults of a method before calling the implementation', async () => {
    const { client } = setup();
    const page = await client.getRows({ view: { table: 'accounts' }, offset: 10, limit: 2 });
    expect(page).toEqual({ offset: 10, rows: [{ n: 10 }, { n: 11 }], total: 1000 });
  });

  it('rethrows a typed error from the engine as an ApiError with its code', async () => {
    const { client } = setup();
    const err = await client.openWorkspace({ path: '/missing/ws' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'not_found', message: 'not a workspace: /missing/ws' });
  });

  it('turns an untyped engine exception into an internal error', async () => {
    const { client } = setup();
    await expect(client.profileColumn({ table: 't', column: 'c' })).rejects.toMatchObject({
      code: 'internal',
      message: 'boom',
    });
  });

  it('answers an unknown method with a usage error, never calling anything', async () => {
    const { clientSide } = setup();
    const res = await rawCall(clientSide, 'dropEverything', {});
    expect(res).toEqual({
      type: 'response',
      id: 99,
      result: { ok: false, error: { code: 'usage', message: "unknown method 'dropEverything'" } },
    });
    // Inherited object keys are not methods either.
    const proto = await rawCall(clientSide, 'constructor', {});
    expect(proto).toMatchObject({ result: { ok: false, error: { code: 'usage' } } });
  });

  it('answers invalid params with a usage error naming the field', async () => {
    const { clientSide, engine } = setup();
    const res = await rawCall(clientSide, 'openWorkspace', { path: 42 });
    expect(res).toMatchObject({
      result: { ok: false, error: { code: 'usage', message: expect.stringContaining('openWorkspace: path') } },
    });
    const neg = await rawCall(clientSide, 'getRows', { view: { table: 't' }, offset: -1, limit: 5 });
    expect(neg).toMatchObject({
      result: { ok: false, error: { code: 'usage', message: expect.stringContaining('offset') } },
    });
    expect(engine.opened).toEqual([]);
  });

  it('delivers engine events and supports cancelling a running job', async () => {
    const { client } = setup();
    const events: ApiEvent[] = [];
    const off = client.onEvent((e) => events.push(e));
    const job = client.importFile({ file: { kind: 'staged', name: 'a.csv' }, jobId: 'j7' });
    await expect.poll(() => events.length).toBe(1);
    expect(events[0]).toEqual({ kind: 'progress', jobId: 'j7', fraction: 0, message: 'started' });
    expect(await client.cancelJob({ jobId: 'j7' })).toEqual({ cancelled: true });
    await expect(job).rejects.toMatchObject({ code: 'interrupted' });
    expect(await client.cancelJob({ jobId: 'j7' })).toEqual({ cancelled: false });
    off();
  });

  it('fails pending calls when the client is disposed', async () => {
    const { client, handle } = setup();
    const job = client.importFile({ file: { kind: 'staged', name: 'a.csv' }, jobId: 'j8' });
    handle.dispose();
    await expect(job).rejects.toMatchObject({ code: 'engine_crashed' });
  });
});
