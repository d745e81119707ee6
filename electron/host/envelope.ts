/**
 * Edge validation of the message envelope arriving from a renderer (WebSocket frame or Electron IPC):
 * only well-formed requests pass. Method names and params are then checked by the dispatcher's
 * allowlist and zod schemas, so this layer only guarantees the shape and bounds.
 */
import { z } from 'zod';
import type { RequestMessage } from '../../shared/api/protocol';

export const requestEnvelope = z
  .object({
    type: z.literal('request'),
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    method: z.string().min(1).max(100).regex(/^[A-Za-z][A-Za-z0-9]*$/),
    params: z.unknown(),
  })
  .strict();

/** The request, or null when the value is not a valid request envelope. */
export function parseRequest(value: unknown): RequestMessage | null {
  const r = requestEnvelope.safeParse(value);
  return r.success ? { type: 'request', id: r.data.id, method: r.data.method, params: r.data.params ?? {} } : null;
}
