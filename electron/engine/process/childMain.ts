/**
 * Child side of the engine process: builds the engine and serves it with the shared dispatcher over
 * the parent link (Node `process.send` under the web host and CLI, `process.parentPort` in an Electron
 * utilityProcess). Requests are dispatched concurrently, so `cancelJob` reaches the engine while
 * another call is still running. Exits when the parent goes away or asks it to.
 *
 * Nothing from the link may throw out of its handler: a request beyond the message bounds is answered
 * with an error, and a response the link cannot carry is replaced by an error response.
 *
 * Exiting: a clean close first (the engine interrupts its queries and closes DuckDB, which
 * checkpoints); when that fails (a query would not stop) the process is killed at once, because
 * process.exit() waits forever for DuckDB work still running on the thread pool. The lifeline
 * (childLifeline.ts) holds a deadline for the whole shutdown, on a thread of its own.
 */
import { createDispatcher, serveTransport } from '../../../shared/api/dispatcher';
import { messageBoundsProblem } from '../../../shared/api/limits';
import type { Message } from '../../../shared/api/protocol';
import type { Transport } from '../../../shared/api/transport';
import { isLinkMessage, type EngineFactory, type LinkMessage } from './link';
import { StageClock } from './liveTrace';

/** The parent link as seen from the child. */
export interface ParentLink {
  post(message: LinkMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called when the parent is gone (IPC channel closed). */
  onClose(listener: () => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

/** The link of the current process: Electron's parentPort when present, else Node's IPC channel. */
export function currentParentLink(): ParentLink {
  // Electron adds parentPort to `process` in a utilityProcess; typed here so this file needs no 'electron' types.
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data)),
      onClose: () => {
        // A utilityProcess is killed with its parent; the lifeline watches the parent's pid as well.
      },
    };
  }
  if (typeof process.send !== 'function') throw new Error('the engine child must be started with an IPC channel');
  return {
    post: (m) => {
      if (process.connected) process.send?.(m);
    },
    onMessage: (l) => process.on('message', l),
    onClose: (l) => process.on('disconnect', l),
  };
}

export interface ChildExit {
  /** A normal exit (default process.exit). */
  exit(code: number): void;
  /** An exit that runs nothing: DuckDB work is still running (default SIGKILL of this process). */
  kill(): void;
  /** Called when shutdown starts, with the longest it may take (the lifeline's deadline). */
  shuttingDown?(deadlineMs: number): void;
}

const defaultExit: ChildExit = {
  exit: (c) => process.exit(c),
  kill: () => process.kill(process.pid, 'SIGKILL'),
};

/** How long a clean shutdown may take before the process is killed regardless. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/** Build the engine, serve it over `link`, and announce readiness. Resolves once serving. */
export async function serveEngineChild(
  factory: EngineFactory,
  link: ParentLink,
  how: ChildExit = defaultExit,
): Promise<void> {
  const listeners = new Set<(m: Message) => void>();
  const clock = new StageClock('child');
  const post = (m: LinkMessage) => {
    try {
      link.post(m);
    } catch (err) {
      // A value the link cannot carry (it serialises recursively): answer with an error instead.
      if (m.type !== 'response') return;
      const message = `The engine could not send its answer (${err instanceof Error ? err.message : String(err)}).`;
      try {
        link.post({ type: 'response', id: m.id, result: { ok: false, error: { code: 'internal', message } } });
      } catch {
        // the channel itself is gone; the parent sees the exit
      }
    }
  };
  const transport: Transport = {
    send: (m) => {
      if (m.type === 'response') clock.end(m.id);
      post(m);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  let closing = false;
  const shutdown = async (engineClose: () => Promise<void>) => {
    if (closing) return;
    closing = true;
    how.shuttingDown?.(SHUTDOWN_DEADLINE_MS);
    try {
      await engineClose();
    } catch {
      how.kill();
      return;
    }
    how.exit(0);
  };
  // Listen before building the engine so a shutdown during boot is not lost.
  let engineClose: () => Promise<void> = async () => {};
  link.onMessage((raw) => {
    try {
      if (!isLinkMessage(raw)) return;
      if (raw.type === 'shutdown') void shutdown(engineClose);
      else if (raw.type === 'request') {
        const tooBig = messageBoundsProblem(raw.params);
        if (tooBig) {
          post({
            type: 'response',
            id: raw.id,
            result: { ok: false, error: { code: 'usage', message: `Refused: the ${raw.method} request ${tooBig}.` } },
          });
          return;
        }
        clock.start(raw.id, raw.method);
        for (const l of listeners) l(raw);
      }
    } catch {
      // Never let one message take the engine down; the dispatcher answers what it accepted.
    }
  });
  link.onClose(() => void shutdown(engineClose));

  const engine = await factory({ requestRestart: (reason) => post({ type: 'restart', reason }) });
  engineClose = () => engine.close();
  serveTransport(transport, createDispatcher(engine.api), (l) => engine.onEvent(l));
  link.post({ type: 'ready' });
}
