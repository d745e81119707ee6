/**
 * A transport moves protocol messages between a client and a dispatcher. Electron IPC, WebSocket,
 * child-process IPC and the in-memory pair used in tests all implement this.
 */
import type { Message } from './protocol';

export interface Transport {
  send(message: Message): void;
  /** Subscribe to incoming messages; returns an unsubscribe function. */
  onMessage(listener: (message: Message) => void): () => void;
}

/** Two connected in-memory transports (like VS Code's createProtocolPair); delivery is async, as over a wire. */
export function createTransportPair(): [Transport, Transport] {
  const listeners: [Set<(m: Message) => void>, Set<(m: Message) => void>] = [new Set(), new Set()];
  const make = (mine: 0 | 1): Transport => ({
    send(message) {
      // Round-trip through JSON so tests catch values that would not survive a real wire.
      const copy = JSON.parse(JSON.stringify(message)) as Message;
      void Promise.resolve().then(() => {
        for (const l of listeners[mine === 0 ? 1 : 0]) l(copy);
      });
    },
    onMessage(listener) {
      listeners[mine].add(listener);
      return () => listeners[mine].delete(listener);
    },
  });
  return [make(0), make(1)];
}
