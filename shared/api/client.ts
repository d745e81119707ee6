/**
 * RPC client: gives the renderer (and CLI) the WorkbenchApi over any transport. Errors arrive as
 * data and are rethrown as ApiError. Methods are generated from the same allowlist the dispatcher uses.
 */
import { apiMethods, type WorkbenchClient } from './contract';
import { ApiError, type ApiEvent, type Message, type Result } from './protocol';
import type { Transport } from './transport';

export interface ClientHandle {
  client: WorkbenchClient;
  /** Fail every pending call (e.g. the connection closed). */
  failPending(message: string): void;
  dispose(): void;
}

export function createClient(transport: Transport): ClientHandle {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Set<(event: ApiEvent) => void>();

  const off = transport.onMessage((message: Message) => {
    if (message.type === 'response') {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      const result = message.result as Result<unknown>;
      if (result.ok) p.resolve(result.value);
      else p.reject(new ApiError(result.error.code, result.error.message, result.error.details));
    } else if (message.type === 'event') {
      for (const l of listeners) l(message.event);
    }
  });

  const call = (method: string, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        transport.send({ type: 'request', id, method, params: params ?? {} });
      } catch (err) {
        pending.delete(id);
        reject(new ApiError('runtime', `could not reach the engine: ${err instanceof Error ? err.message : String(err)}`));
      }
    });

  const api: Record<string, unknown> = {
    onEvent(listener: (event: ApiEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const method of Object.keys(apiMethods)) api[method] = (params: unknown) => call(method, params);

  return {
    client: api as unknown as WorkbenchClient,
    failPending(message) {
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new ApiError('engine_crashed', message));
      }
    },
    dispose() {
      off();
      this.failPending('client closed');
      listeners.clear();
    },
  };
}
