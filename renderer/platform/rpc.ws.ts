/**
 * WebSocket transport of the one API (browser side of the local web host). One JSON `Message` per
 * frame. Reconnects with backoff after a close; sends made while (re)connecting are queued and flushed
 * on open. On every close the owner is told (so pending calls fail instead of hanging), and the queue
 * is dropped because the client has already failed those calls.
 */
import type { Message } from '../../shared/api/protocol';
import type { Transport } from '../../shared/api/transport';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** The slice of the DOM WebSocket this transport needs (lets tests pass a fake socket). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Delays between reconnect attempts (ms); the last one repeats. */
  backoffMs?: number[];
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface WsTransport extends Transport {
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** Close for good (no reconnect). */
  close(): void;
}

const OPEN = 1;

export function createWsTransport(options: WsTransportOptions): WsTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = options.backoffMs ?? [250, 500, 1000, 2000, 5000];
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const messageListeners = new Set<(m: Message) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let queue: string[] = [];
  let socket: SocketLike | null = null;
  let current: ConnectionState = 'connecting';
  let attempt = 0;
  let timer: unknown = null;
  let disposed = false;

  const setState = (s: ConnectionState) => {
    current = s;
    for (const l of stateListeners) l(s);
  };

  const connect = () => {
    timer = null;
    if (disposed) return;
    setState('connecting');
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      const pending = queue;
      queue = [];
      for (const data of pending) ws.send(data);
      setState('open');
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let message: Message;
      try {
        message = JSON.parse(ev.data) as Message;
      } catch {
        return; // not ours: ignore rather than break the stream
      }
      for (const l of messageListeners) l(message);
    };
    ws.onerror = () => {
      /* a close always follows; handled there */
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      queue = [];
      setState('closed');
      if (disposed) return;
      const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
      attempt++;
      timer = setTimer(connect, delay);
    };
  };

  connect();

  return {
    send(message) {
      const data = JSON.stringify(message);
      if (socket && socket.readyState === OPEN) socket.send(data);
      else if (!disposed) queue.push(data);
      else throw new Error('connection closed');
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    state: () => current,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      const ws = socket;
      socket = null;
      queue = [];
      ws?.close();
      setState('closed');
    },
  };
}

/** ws://host/rpc?token=… for the page's own origin (the host checks Origin and token). */
export function rpcUrl(location: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rpc?token=${encodeURIComponent(token)}`;
}
