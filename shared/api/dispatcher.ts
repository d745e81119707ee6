/**
 * Pure RPC dispatcher: allowlists methods, validates each request with its zod schema, calls the
 * implementation and turns every outcome into a Result. Transport-agnostic.
 */
import { apiMethods, isMethodName, type WorkbenchApi } from './contract';
import { ApiError, type ApiEvent, type ErrorData, type Message, type Result } from './protocol';
import type { Transport } from './transport';

export type Dispatch = (method: string, params: unknown) => Promise<Result<unknown>>;

/** Turn any thrown value into error data; non-ApiErrors become 'internal' (or 'runtime' when marked). */
export function toErrorData(err: unknown): ErrorData {
  if (err instanceof ApiError) return err.toData();
  if (
    err &&
    typeof err === 'object' &&
    'code' in err &&
    'message' in err &&
    typeof (err as ErrorData).code === 'string'
  ) {
    const e = err as ErrorData;
    if (
      [
        'usage',
        'invalid_input',
        'not_found',
        'runtime',
        'interrupted',
        'engine_crashed',
        'query_stuck',
        'internal',
      ].includes(e.code)
    ) {
      return { code: e.code, message: String(e.message), ...(e.details === undefined ? {} : { details: e.details }) };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}

export function createDispatcher(impl: WorkbenchApi): Dispatch {
  return async (method, params) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'usage', message: `unknown method '${method}'` } };
    }
    let parsed: ReturnType<(typeof apiMethods)[typeof method]['safeParse']>;
    try {
      parsed = apiMethods[method].safeParse(params ?? {});
    } catch {
      // zod recurses: params nested past what the stack holds throw instead of failing to parse.
      return { ok: false, error: { code: 'usage', message: `${method}: the request is nested too deeply` } };
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
      return {
        ok: false,
        error: { code: 'usage', message: `${method}: ${where}${issue?.message ?? 'invalid request'}` },
      };
    }
    try {
      const fn = (impl as unknown as Record<string, (p: unknown) => Promise<unknown>>)[method];
      if (typeof fn !== 'function')
        return { ok: false, error: { code: 'usage', message: `method '${method}' is not available here` } };
      const value = await fn.call(impl, parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  };
}

/**
 * Serve a dispatcher over a transport; events from `subscribe` are forwarded as event messages.
 * Returns a function that stops serving.
 */
export function serveTransport(
  transport: Transport,
  dispatch: Dispatch,
  subscribe?: (listener: (event: ApiEvent) => void) => () => void,
): () => void {
  const offMessages = transport.onMessage((message: Message) => {
    if (message.type !== 'request') return;
    void dispatch(message.method, message.params)
      .then((result) => transport.send({ type: 'response', id: message.id, result }))
      .catch(() => {
        // The transport could not carry the answer and could not say so either: its side reports
        // the broken link; an unhandled rejection here would end the process.
      });
  });
  const offEvents = subscribe?.((event) => transport.send({ type: 'event', event }));
  return () => {
    offMessages();
    offEvents?.();
  };
}
