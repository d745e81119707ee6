/**
 * RPC client: gives the renderer (and CLI) the WorkbenchApi over any transport. Errors arrive as
 * data and are rethrown as ApiError. Any method name becomes a call: the types hold the client to the
 * contract, and the dispatcher's allowlist refuses anything else. Not reading the allowlist here keeps
 * the API's zod schemas (three quarters of a megabyte of code) out of the CLI process, which only
 * forwards calls to its engine.
 */
import type { WorkbenchClient } from './contract';
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
        reject(
          new ApiError('runtime', `could not reach the engine: ${err instanceof Error ? err.message : String(err)}`),
        );
      }
    });

  const onEvent = (listener: (event: ApiEvent) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const methods = new Map<string, (params: unknown) => Promise<unknown>>();
  const api = new Proxy({} as Record<string, unknown>, {
    get(_target, prop) {
      if (prop === 'onEvent') return onEvent;
      // Not a thenable (await client must not call it), and no symbol-keyed protocol methods.
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      let fn = methods.get(prop);
      if (!fn) {
        fn = (params: unknown) => call(prop, params);
        methods.set(prop, fn);
      }
      return fn;
    },
  });

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
