/**
 * Parent side of the engine process. Forks the engine child (an injectable forker: Node's
 * child_process under the web host and CLI, Electron's utilityProcess in the app), multiplexes any
 * number of connections onto it (each with its own request ids, remapped to host-wide ids), forwards
 * engine events to every connection, and survives the child dying:
 * - every call in flight fails with `engine_crashed`; `{kind:'engine', state:'crashed'}` is emitted;
 * - a new child is forked, the last opened workspace is reopened (its `openWorkspace` replayed), then
 *   `{kind:'engine', state:'restarted'}` is emitted and calls that arrived meanwhile are sent;
 * - more than `maxRestarts` crashes within `restartWindowMs` and the host gives up (calls then fail).
 * Requests are forwarded without waiting for earlier ones, so `cancelJob` overtakes a running job.
 */
import { createClient, type ClientHandle } from '../../../shared/api/client';
import type { WorkbenchClient } from '../../../shared/api/contract';
import type { ApiEvent, ErrorData, Message, RequestMessage, ResponseMessage } from '../../../shared/api/protocol';
import type { Transport } from '../../../shared/api/transport';
import { isLinkMessage, type LinkMessage } from './link';

/** One running engine child, whatever started it. */
export interface EngineProcess {
  post(message: LinkMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process has gone (exit, signal or failure to start). */
  onExit(listener: (info: { code: number | null; signal: string | null }) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}
export type Forker = () => EngineProcess;

/** A client-side endpoint onto the engine: send requests, receive their responses and all events. */
export interface EngineConnection extends Transport {
  close(): void;
}
export interface EngineConnector {
  connect(): EngineConnection;
}

export interface EngineHostOptions {
  fork: Forker;
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Milliseconds to wait for a child to exit after `shutdown` before killing it. */
  closeTimeoutMs?: number;
}

export interface EngineHost extends EngineConnector {
  /** A ready-made client on its own connection. */
  readonly client: WorkbenchClient;
  /** Resolves when the first child is serving; rejects if the engine never starts. */
  ready(): Promise<void>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  readonly pid: number | undefined;
  readonly restarts: number;
  close(): Promise<void>;
}

interface Conn {
  listeners: Set<(m: Message) => void>;
  closed: boolean;
}
interface Pending {
  conn: Conn | null; // null: the host's own workspace replay
  localId: number;
  method: string;
  params: unknown;
  sent: boolean;
}

const WORKSPACE_METHODS = new Set(['openWorkspace', 'createDemoWorkspace']);

export function startEngineHost(options: EngineHostOptions): EngineHost {
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.restartWindowMs ?? 60_000;
  const conns = new Set<Conn>();
  const pending = new Map<number, Pending>();
  const hostListeners = new Set<(e: ApiEvent) => void>();
  const crashTimes: number[] = [];
  let nextId = 1;
  let child: EngineProcess | null = null;
  let state: 'starting' | 'reopening' | 'ready' | 'closed' | 'failed' = 'starting';
  let lastWorkspace: string | null = null;
  let restarts = 0;
  let everReady = false;
  let failure = 'the engine is not running';
  let resolveReady!: () => void;
  let rejectReady!: (e: Error) => void;
  const readyPromise = new Promise<void>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  readyPromise.catch(() => {}); // observed through ready(); avoid an unhandled rejection when nobody asks
  let exited: Promise<void> = Promise.resolve();

  const deliver = (conn: Conn, m: Message) => {
    if (conn.closed) return;
    for (const l of conn.listeners) l(m);
  };
  const broadcast = (event: ApiEvent) => {
    for (const c of conns) deliver(c, { type: 'event', event });
    for (const l of hostListeners) l(event);
  };
  const respond = (id: number, p: Pending, error: ErrorData) => {
    pending.delete(id);
    if (p.conn) deliver(p.conn, { type: 'response', id: p.localId, result: { ok: false, error } });
  };
  const post = (id: number, p: Pending) => {
    p.sent = true;
    child?.post({ type: 'request', id, method: p.method, params: p.params });
  };
  const flushQueue = () => {
    for (const [id, p] of pending) if (!p.sent) post(id, p);
  };

  const onResponse = (m: ResponseMessage) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.result.ok && WORKSPACE_METHODS.has(p.method)) {
      const path = (m.result.value as { path?: unknown } | null)?.path;
      if (typeof path === 'string') lastWorkspace = path;
    }
    if (p.conn) deliver(p.conn, { type: 'response', id: p.localId, result: m.result });
    else if (p.method === 'openWorkspace') afterReplay(m);
  };

  const afterReplay = (m: ResponseMessage) => {
    if (state !== 'reopening') return;
    state = 'ready';
    const message = m.result.ok
      ? `The engine was restarted and the workspace ${lastWorkspace} reopened.`
      : `The engine was restarted but the workspace ${lastWorkspace} could not be reopened: ${m.result.error.message}`;
    if (!m.result.ok) lastWorkspace = null;
    broadcast({ kind: 'engine', state: 'restarted', message });
    flushQueue();
  };

  const onReady = () => {
    const first = !everReady;
    everReady = true;
    if (!first && lastWorkspace) {
      state = 'reopening';
      const id = nextId++;
      const p: Pending = { conn: null, localId: id, method: 'openWorkspace', params: { path: lastWorkspace }, sent: false };
      pending.set(id, p);
      post(id, p);
      return;
    }
    state = 'ready';
    if (first) resolveReady();
    else broadcast({ kind: 'engine', state: 'restarted', message: 'The engine was restarted.' });
    flushQueue();
  };

  const onCrash = (info: { code: number | null; signal: string | null }) => {
    const how = info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
    if (!everReady) {
      // Never served once: a broken install or engine module, not a crash worth retrying.
      state = 'failed';
      failure = `The engine could not start (${how}).`;
      for (const [id, p] of pending) respond(id, p, { code: 'engine_crashed', message: failure });
      rejectReady(new Error(failure));
      return;
    }
    for (const [id, p] of pending) {
      if (p.sent) respond(id, p, { code: 'engine_crashed', message: `The engine stopped unexpectedly (${how}) while running ${p.method}; it is being restarted.` });
    }
    const now = Date.now();
    crashTimes.push(now);
    while (crashTimes.length && now - crashTimes[0]! > windowMs) crashTimes.shift();
    if (crashTimes.length > maxRestarts) {
      state = 'failed';
      failure = `The engine keeps stopping (${crashTimes.length} times within ${Math.round(windowMs / 1000)} s, last: ${how}); gave up restarting it.`;
      broadcast({ kind: 'engine', state: 'crashed', message: failure });
      for (const [id, p] of pending) respond(id, p, { code: 'engine_crashed', message: failure });
      rejectReady(new Error(failure));
      return;
    }
    broadcast({ kind: 'engine', state: 'crashed', message: `The engine stopped unexpectedly (${how}); restarting it.` });
    restarts++;
    state = 'starting';
    // Back off a little on repeated crashes so a crash loop does not spin the CPU.
    setTimeout(spawn, Math.min(2000, 50 * 2 ** (crashTimes.length - 1)));
  };

  function spawn() {
    if (state === 'closed') return;
    const proc = options.fork();
    child = proc;
    let resolveExit!: () => void;
    exited = new Promise((r) => (resolveExit = r));
    proc.onMessage((raw) => {
      if (child !== proc || !isLinkMessage(raw)) return;
      if (raw.type === 'ready') onReady();
      else if (raw.type === 'response') onResponse(raw);
      else if (raw.type === 'event') broadcast(raw.event);
    });
    proc.onExit((info) => {
      resolveExit();
      if (child !== proc) return;
      child = null;
      if (state !== 'closed') onCrash(info);
    });
  }

  const host: EngineHost = {
    connect() {
      const conn: Conn = { listeners: new Set(), closed: false };
      conns.add(conn);
      return {
        send(m: Message) {
          if (m.type !== 'request' || conn.closed) return;
          const req = m as RequestMessage;
          const id = nextId++;
          const p: Pending = { conn, localId: req.id, method: req.method, params: req.params, sent: false };
          pending.set(id, p);
          if (state === 'ready') post(id, p);
          else if (state === 'closed' || state === 'failed') respond(id, p, { code: 'engine_crashed', message: state === 'closed' ? 'The engine was closed.' : failure });
        },
        onMessage(listener) {
          conn.listeners.add(listener);
          return () => conn.listeners.delete(listener);
        },
        close() {
          conn.closed = true;
          conns.delete(conn);
          for (const [id, p] of pending) {
            if (p.conn !== conn) continue;
            pending.delete(id);
            // Nobody is left to see this job's result: stop it instead of letting it run on.
            const jobId = (p.params as { jobId?: unknown } | null)?.jobId;
            if (p.sent && typeof jobId === 'string' && state === 'ready') {
              const cid = nextId++;
              const c: Pending = { conn: null, localId: cid, method: 'cancelJob', params: { jobId }, sent: false };
              pending.set(cid, c);
              post(cid, c);
            }
          }
        },
      };
    },
    client: undefined as unknown as WorkbenchClient, // set below, once connect exists
    ready: () => readyPromise,
    onEvent(listener) {
      hostListeners.add(listener);
      return () => hostListeners.delete(listener);
    },
    get pid() {
      return child?.pid;
    },
    get restarts() {
      return restarts;
    },
    async close() {
      if (state === 'closed') return;
      state = 'closed';
      rejectReady(new Error('The engine was closed.'));
      for (const [id, p] of pending) respond(id, p, { code: 'engine_crashed', message: 'The engine was closed.' });
      const proc = child;
      if (!proc) return;
      proc.post({ type: 'shutdown' });
      const timer = setTimeout(() => proc.kill(), options.closeTimeoutMs ?? 5000);
      await exited;
      clearTimeout(timer);
      child = null;
    },
  };
  const own: ClientHandle = createClient(host.connect());
  (host as { client: WorkbenchClient }).client = own.client;
  spawn();
  return host;
}
