/**
 * Edge validation of the message envelope arriving from a renderer (WebSocket frame or Electron IPC):
 * only well-formed requests within the message bounds (shared/api/limits.ts: depth and size) pass.
 * Method names and params are then checked by the dispatcher's allowlist and zod schemas, so this
 * layer only guarantees the shape and bounds. The bounds are checked first, iteratively: zod and
 * everything after it recurse.
 */
import { z } from 'zod';
import { messageBoundsProblem } from '../../shared/api/limits';
import type { RequestMessage } from '../../shared/api/protocol';

export const requestEnvelope = z
  .object({
    type: z.literal('request'),
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    method: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z][A-Za-z0-9]*$/),
    params: z.unknown(),
  })
  .strict();

export type EnvelopeCheck =
  | { ok: true; request: RequestMessage }
  /** `id` is set when the value carried a usable request id, so the refusal can be answered. */
  | { ok: false; reason: string; id?: number };

/** Check a value from the wire: a valid request within bounds, or why not. Never throws. */
export function checkRequest(value: unknown): EnvelopeCheck {
  const rawId = value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
  const id = typeof rawId === 'number' && Number.isSafeInteger(rawId) && rawId >= 0 ? rawId : undefined;
  const tooBig = messageBoundsProblem(value);
  if (tooBig) return { ok: false, reason: `the request ${tooBig}`, ...(id === undefined ? {} : { id }) };
  const r = requestEnvelope.safeParse(value);
  if (!r.success) return { ok: false, reason: 'not a request envelope' };
  return { ok: true, request: { type: 'request', id: r.data.id, method: r.data.method, params: r.data.params ?? {} } };
}

/** The request, or null when the value is not a valid request envelope within bounds. */
export function parseRequest(value: unknown): RequestMessage | null {
  const r = checkRequest(value);
  return r.ok ? r.request : null;
}
