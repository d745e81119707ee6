/**
 * Parent side of the engine process. Forks the engine child (an injectable forker: Node's
 * child_process under the web host and CLI, Electron's utilityProcess in the app), multiplexes any
 * number of connections onto it (each with its own request ids, remapped to host-wide ids), forwards
 * engine events to every connection, and survives the child dying:
 * - every call in flight fails with `engine_crashed`; `{kind:'engine', state:'crashed'}` is emitted;
 * - a new child is forked after a delay that doubles with each crash within `crashWindowMs` (capped at
 *   `maxRestartDelayMs`: a crash loop backs off, it never gives up for good); the last opened workspace
 *   is reopened (its `openWorkspace` replayed), then `{kind:'engine', state:'restarted'}` is emitted and
 *   calls that arrived meanwhile are sent (calls arriving during a long back-off are refused at once,
 *   saying when the engine will be back);
 * - the requests in flight at a crash are remembered by fingerprint (requestFingerprint.ts): one that
 *   was in flight at `refuseAfterCrashes` crashes is refused from then on with `invalid_input` instead
 *   of crashing the engine again; a workspace whose reopening crashed it that often is not reopened.
 *   Only requests with input of their own are held against (not `listTables {}` or a cancel).
 * The child may also ask to be replaced (`restart`: a query that ignored its interrupt). The host then
 * holds new calls, lets the calls in flight finish (at most `drainTimeoutMs`), kills the child and
 * starts a new one at once; the request that hung counts as a crash of its own.
 * Requests are forwarded without waiting for earlier ones, so `cancelJob` overtakes a running job.
 * Every request is checked against the message bounds (shared/api/limits.ts) before it is posted:
 * the link's serialisation is recursive and must never see an over-deep value.
 */
import { createClient, type ClientHandle } from '../../../shared/api/client';
import type { WorkbenchClient } from '../../../shared/api/contract';
import { messageBoundsProblem } from '../../../shared/api/limits';
import type { ApiEvent, ErrorData, Message, RequestMessage, ResponseMessage } from '../../../shared/api/protocol';
import type { Transport } from '../../../shared/api/transport';
import { isLinkMessage, type LinkMessage } from './link';
import { CrashMemory, refusal, times, type Strikes } from './crashMemory';
import { requestFingerprint } from './requestFingerprint';

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
  /** Delay before the first restart after a crash; doubles with each crash within the window. */
  restartDelayMs?: number;
  /** Cap of the restart delay. */
  maxRestartDelayMs?: number;
  /** Crashes within this window count towards the back-off. */
  crashWindowMs?: number;
  /** A request in flight at this many crashes is refused from then on. */
  refuseAfterCrashes?: number;
  /** Milliseconds to wait for a child to exit after `shutdown` before killing it. */
  closeTimeoutMs?: number;
  /** Milliseconds a restart the child asked for waits for the calls in flight. */
  drainTimeoutMs?: number;
  /** Schedules a restart (tests pass one to read the back-off schedule). */
  setTimer?: (fn: () => void, ms: number) => void;
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
  conn: Conn | null; // null: the host's own workspace replay or a cancel on behalf of a closed connection
  localId: number;
  method: string;
  params: unknown;
  sent: boolean;
  fingerprint?: string;
}
const WORKSPACE_METHODS = new Set(['openWorkspace', 'createDemoWorkspace']);
/** Calls arriving while a restart is further off than this are refused instead of queued. */
const QUEUE_WAIT_MS = 1000;

/** Whether the params carry anything but a job id. */
function hasInput(params: unknown): boolean {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return params !== undefined && params !== null;
  return Object.keys(params).some((k) => k !== 'jobId');
}

const seconds = (ms: number) => (ms < 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export function startEngineHost(options: EngineHostOptions): EngineHost {
  const baseDelay = options.restartDelayMs ?? 100;
  const maxDelay = options.maxRestartDelayMs ?? 30_000;
  const windowMs = options.crashWindowMs ?? 60_000;
  const refuseAfter = options.refuseAfterCrashes ?? 2;
  const setTimer = options.setTimer ?? ((fn, ms) => void setTimeout(fn, ms));
  const conns = new Set<Conn>();
  const pending = new Map<number, Pending>();
  const hostListeners = new Set<(e: ApiEvent) => void>();
  const memory = new CrashMemory(refuseAfter);
  const crashTimes: number[] = [];
  let nextId = 1;
  let child: EngineProcess | null = null;
  let state: 'starting' | 'reopening' | 'ready' | 'waiting' | 'draining' | 'closed' | 'failed' = 'starting';
  let lastWorkspace: string | null = null;
  let restarts = 0;
  let everReady = false;
  let failure = 'the engine is not running';
  /** While waiting: when the next child starts, and what the wait is about. */
  let restartAt = 0;
  let waitReason = '';
  /** A child being replaced on its own request, and why. */
  let replacing: { proc: EngineProcess; reason: string } | null = null;
  let drainTimer: ReturnType<typeof setTimeout> | null = null;
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
    try {
      child?.post({ type: 'request', id, method: p.method, params: p.params });
    } catch (err) {
      // Bounds were checked; this is a value the link still cannot carry. Answer, never throw.
      respond(id, p, {
        code: 'usage',
        message: `Refused: the ${p.method} request could not be sent to the engine (${err instanceof Error ? err.message : String(err)}).`,
      });
    }
  };
  const flushQueue = () => {
    for (const [id, p] of pending) if (!p.sent) post(id, p);
  };

  const fingerprintOf = (p: Pending): string =>
    (p.fingerprint ??= requestFingerprint(p.method, p.params, lastWorkspace));
  const strike = (p: Pending, how: string): Strikes => memory.strike(fingerprintOf(p), p.method, how);
  const refused = (p: Pending): Strikes | null => (memory.isEmpty ? null : memory.refused(fingerprintOf(p)));

  const onResponse = (m: ResponseMessage) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.result.ok && WORKSPACE_METHODS.has(p.method)) {
      const path = (m.result.value as { path?: unknown } | null)?.path;
      if (typeof path === 'string') lastWorkspace = path;
    }
    if (!m.result.ok && m.result.error.code === 'query_stuck') strike(p, 'a query that did not stop when cancelled');
    else if (m.result.ok && !memory.isEmpty) memory.forgive(fingerprintOf(p));
    if (p.conn) deliver(p.conn, { type: 'response', id: p.localId, result: m.result });
    else if (p.method === 'openWorkspace') afterReplay(m);
    if (state === 'draining') drainIfIdle();
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
      const id = nextId++;
      const p: Pending = {
        conn: null,
        localId: id,
        method: 'openWorkspace',
        params: { path: lastWorkspace },
        sent: false,
      };
      const bad = refused(p);
      if (bad) {
        // Reopening it is what keeps crashing the engine: carry on without it, and say so.
        const path = lastWorkspace;
        lastWorkspace = null;
        state = 'ready';
        broadcast({
          kind: 'engine',
          state: 'restarted',
          message: `The engine was restarted without the workspace ${path}: reopening it stopped the engine ${times(bad.count)} (last: ${bad.how}). Open it again to retry, or open another workspace.`,
        });
        flushQueue();
        return;
      }
      state = 'reopening';
      pending.set(id, p);
      post(id, p);
      return;
    }
    state = 'ready';
    if (first) resolveReady();
    else broadcast({ kind: 'engine', state: 'restarted', message: 'The engine was restarted.' });
    flushQueue();
  };

  const inFlight = () => [...pending].filter(([, p]) => p.sent);

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
    const now = Date.now();
    crashTimes.push(now);
    while (crashTimes.length && now - crashTimes[0]! > windowMs) crashTimes.shift();
    const n = crashTimes.length;
    const delay = Math.min(maxDelay, baseDelay * 2 ** (n - 1));
    const running = inFlight();
    const methods = [...new Set(running.map(([, p]) => p.method).filter((m) => m !== 'cancelJob'))];
    const during = methods.length ? ` while running ${methods.join(', ')}` : '';
    const again =
      n > 1
        ? `; it stopped ${times(n)} within ${seconds(windowMs)}, so it restarts in ${seconds(delay)}`
        : '; restarting it';
    for (const [id, p] of running) {
      // What is refused is input: a request without any of its own (getWorkspace {}, listTables {},
      // a cancel, whose job id is not input) was only there, and refusing it would break the app.
      const s = hasInput(p.params) ? strike(p, `${how} while running ${p.method}`) : null;
      const note =
        s && memory.isRefused(s) ? ` This request stopped the engine ${times(s.count)} and will not be run again.` : '';
      respond(id, p, {
        code: 'engine_crashed',
        message: `The engine stopped unexpectedly (${how}) while running ${p.method}${again}.${note}`,
      });
    }
    waitReason = `The engine stopped unexpectedly (${how}${during})${again}`;
    broadcast({ kind: 'engine', state: 'crashed', message: `${waitReason}.` });
    restarts++;
    state = 'waiting';
    restartAt = now + delay;
    setTimer(spawn, delay);
  };

  /** The child asked to be replaced: hold new calls, let those in flight finish, then kill it. */
  const onRestartRequest = (proc: EngineProcess, reason: string) => {
    if (child !== proc || (state !== 'ready' && state !== 'reopening')) return;
    state = 'draining';
    replacing = { proc, reason };
    broadcast({
      kind: 'engine',
      state: 'crashed',
      message: `${reason}: restarting the engine (the workspace reopens by itself).`,
    });
    drainTimer = setTimeout(() => finishDrain(), options.drainTimeoutMs ?? 10_000);
    drainIfIdle();
  };
  const drainIfIdle = () => {
    if (state === 'draining' && inFlight().length === 0) finishDrain();
  };
  const finishDrain = () => {
    if (drainTimer) clearTimeout(drainTimer);
    drainTimer = null;
    if (state !== 'draining' || !replacing) return;
    replacing.proc.kill();
  };
  const onReplaced = (reason: string) => {
    for (const [id, p] of inFlight()) {
      respond(id, p, {
        code: 'engine_crashed',
        message: `The engine was restarted before this ${p.method} finished (${reason}). Try again.`,
      });
    }
    restarts++;
    state = 'starting';
    spawn();
  };

  function spawn() {
    if (state === 'closed') return;
    state = 'starting';
    const proc = options.fork();
    child = proc;
    let resolveExit!: () => void;
    exited = new Promise((r) => (resolveExit = r));
    proc.onMessage((raw) => {
      if (child !== proc || !isLinkMessage(raw)) return;
      if (raw.type === 'ready') onReady();
      else if (raw.type === 'response') onResponse(raw);
      else if (raw.type === 'event') broadcast(raw.event);
      else if (raw.type === 'restart') onRestartRequest(proc, raw.reason);
    });
    proc.onExit((info) => {
      resolveExit();
      if (child !== proc) return;
      child = null;
      if (state === 'closed') return;
      if (replacing?.proc === proc) {
        const { reason } = replacing;
        replacing = null;
        if (drainTimer) clearTimeout(drainTimer);
        drainTimer = null;
        onReplaced(reason);
        return;
      }
      replacing = null;
      if (drainTimer) clearTimeout(drainTimer);
      drainTimer = null;
      onCrash(info);
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
          const tooBig = messageBoundsProblem(req.params);
          if (tooBig)
            return respond(id, p, { code: 'usage', message: `Refused: the ${req.method} request ${tooBig}.` });
          const bad = refused(p);
          if (bad) return respond(id, p, refusal(bad));
          if (state === 'ready') post(id, p);
          else if (state === 'closed' || state === 'failed')
            respond(id, p, {
              code: 'engine_crashed',
              message: state === 'closed' ? 'The engine was closed.' : failure,
            });
          else if (state === 'waiting' && restartAt - Date.now() > QUEUE_WAIT_MS) {
            respond(id, p, { code: 'engine_crashed', message: `${waitReason}; try again then.` });
          }
          // else: queued until the (re)started engine is ready
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
          if (state === 'draining') drainIfIdle();
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
      if (drainTimer) clearTimeout(drainTimer);
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
