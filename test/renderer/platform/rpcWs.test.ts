import { describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client';
import { ApiError, type Message } from '../../../shared/api/protocol';
import { createWsTransport, rpcUrl, type SocketLike } from '../../../renderer/platform/rpc.ws';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.serverClose();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  serverClose() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(m: Message | string) {
    this.onmessage?.({ data: typeof m === 'string' ? m : JSON.stringify(m) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const transport = createWsTransport({
    url: 'ws://127.0.0.1:9/rpc?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    backoffMs: [100, 200],
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
  });
  return { transport, sockets, timers };
}

describe('WebSocket transport', () => {
  it('builds the rpc URL from the page location and its token', () => {
    expect(rpcUrl({ protocol: 'http:', host: '127.0.0.1:5123', search: '?token=a%2Fb' })).toBe(
      'ws://127.0.0.1:5123/rpc?token=a%2Fb',
    );
  });

  it('queues sends until open, then carries requests and responses through a client', async () => {
    const { transport, sockets } = setup();
    const { client } = createClient(transport);
    const call = client.listTables({});
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.open();
    const req = JSON.parse(sockets[0]!.sent[0]!) as { id: number; method: string };
    expect(req.method).toBe('listTables');
    sockets[0]!.receive('not json'); // ignored, stream continues
    sockets[0]!.receive({ type: 'response', id: req.id, result: { ok: true, value: [] } });
    await expect(call).resolves.toEqual([]);
  });

  it('delivers events and rethrows errors as ApiError', async () => {
    const { transport, sockets } = setup();
    const { client } = createClient(transport);
    const events: unknown[] = [];
    client.onEvent((e) => events.push(e));
    sockets[0]!.open();
    const call = client.getRows({ view: { table: 'x' }, offset: 0, limit: 1 });
    const req = JSON.parse(sockets[0]!.sent[0]!) as { id: number };
    sockets[0]!.receive({ type: 'event', event: { kind: 'engine', state: 'crashed', message: 'x' } });
    sockets[0]!.receive({
      type: 'response',
      id: req.id,
      result: { ok: false, error: { code: 'not_found', message: 'no table x' } },
    });
    await expect(call).rejects.toBeInstanceOf(ApiError);
    expect(events).toEqual([{ kind: 'engine', state: 'crashed', message: 'x' }]);
  });

  it('on close reports the state (so pending calls fail), drops the queue and reconnects with backoff', async () => {
    const { transport, sockets, timers } = setup();
    const handle = createClient(transport);
    const states: string[] = [];
    transport.onState((s) => {
      states.push(s);
      if (s === 'closed') handle.failPending('connection lost');
    });
    sockets[0]!.open();
    const inflight = handle.client.listTables({});
    sockets[0]!.serverClose();
    await expect(inflight).rejects.toMatchObject({ code: 'engine_crashed', message: 'connection lost' });
    expect(timers.map((t) => t.ms)).toEqual([100]);
    timers[0]!.fn();
    expect(sockets).toHaveLength(2);
    sockets[1]!.serverClose(); // failed attempt: longer wait
    expect(timers.map((t) => t.ms)).toEqual([100, 200]);
    timers[1]!.fn();
    const later = handle.client.listTables({});
    sockets[2]!.open();
    const req = JSON.parse(sockets[2]!.sent[0]!) as { id: number };
    sockets[2]!.receive({ type: 'response', id: req.id, result: { ok: true, value: ['ok'] } });
    await expect(later).resolves.toEqual(['ok']);
    expect(states).toEqual(['open', 'closed', 'connecting', 'closed', 'connecting', 'open']);
    // After a successful open the backoff starts over.
    sockets[2]!.serverClose();
    expect(timers.at(-1)!.ms).toBe(100);
  });

  it('close() stops for good: no reconnect, sends throw', () => {
    const { transport, sockets, timers } = setup();
    sockets[0]!.open();
    transport.close();
    expect(sockets[0]!.closed).toBe(true);
    expect(timers).toHaveLength(0);
    expect(() => transport.send({ type: 'request', id: 1, method: 'listTables', params: {} })).toThrow();
  });
});
