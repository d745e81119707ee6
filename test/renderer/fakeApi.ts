/**
 * A scripted fake of the WorkbenchClient for store tests: each method is implemented by the test
 * (unimplemented ones reject loudly), every call is logged, and `emit` pushes engine events.
 */
import type { WorkbenchApi, WorkbenchClient } from '../../shared/api/contract';
import { apiMethods } from '../../shared/api/contract';
import type { ApiEvent } from '../../shared/api/protocol';

export interface FakeApi {
  client: WorkbenchClient;
  calls: { method: string; params: unknown }[];
  emit(event: ApiEvent): void;
  callsOf(method: keyof WorkbenchApi): unknown[];
}

export function createFakeApi(
  impl: Partial<{
    [K in keyof WorkbenchApi]: (req: Parameters<WorkbenchApi[K]>[0]) => Promise<Awaited<ReturnType<WorkbenchApi[K]>>>;
  }>,
): FakeApi {
  const calls: { method: string; params: unknown }[] = [];
  const listeners = new Set<(e: ApiEvent) => void>();
  const client: Record<string, unknown> = {
    onEvent(l: (e: ApiEvent) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  for (const method of Object.keys(apiMethods)) {
    client[method] = (params: unknown) => {
      calls.push({ method, params });
      const fn = (impl as Record<string, ((p: unknown) => Promise<unknown>) | undefined>)[method];
      return fn ? fn(params) : Promise.reject(new Error(`fake api: ${method} not scripted`));
    };
  }
  return {
    client: client as unknown as WorkbenchClient,
    calls,
    emit: (e) => {
      for (const l of listeners) l(e);
    },
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.params),
  };
}

/** A promise resolved or rejected by the test, to hold a call in flight. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Let queued promise callbacks run. */
export const flush = () => new Promise<void>((r) => setTimeout(r, 0));
