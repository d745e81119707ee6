/**
 * Child side of the engine process: builds the engine and serves it with the shared dispatcher over
 * the parent link (Node `process.send` under the web host and CLI, `process.parentPort` in an Electron
 * utilityProcess). Requests are dispatched concurrently, so `cancelJob` reaches the engine while
 * another call is still running. Exits when the parent goes away or asks it to.
 */
import { createDispatcher, serveTransport } from '../../../shared/api/dispatcher';
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
        // A utilityProcess is killed with its parent; nothing to watch.
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

/** Build the engine, serve it over `link`, and announce readiness. Resolves once serving. */
export async function serveEngineChild(factory: EngineFactory, link: ParentLink, exit: (code: number) => void = (c) => process.exit(c)): Promise<void> {
  const listeners = new Set<(m: Message) => void>();
  const clock = new StageClock('child');
  const transport: Transport = {
    send: (m) => {
      if (m.type === 'response') clock.end(m.id);
      link.post(m);
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
    try {
      await engineClose();
    } finally {
      exit(0);
    }
  };
  // Listen before building the engine so a shutdown during boot is not lost.
  let engineClose: () => Promise<void> = async () => {};
  link.onMessage((raw) => {
    if (!isLinkMessage(raw)) return;
    if (raw.type === 'shutdown') void shutdown(engineClose);
    else if (raw.type === 'request') {
      clock.start(raw.id, raw.method);
      for (const l of listeners) l(raw);
    }
  });
  link.onClose(() => void shutdown(engineClose));

  const engine = await factory();
  engineClose = () => engine.close();
  serveTransport(transport, createDispatcher(engine.api), (l) => engine.onEvent(l));
  link.post({ type: 'ready' });
}
