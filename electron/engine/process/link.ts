/**
 * The private link between the engine host (parent) and the engine child process: the API's
 * protocol messages plus two control messages. `ready` is the child's first message (sent once the
 * engine exists, so nothing the host sends is lost to a child still booting); `shutdown` asks the
 * child to close the engine and exit. Nothing outside electron/engine/process sees these.
 */
import type { WorkbenchApi } from '../../../shared/api/contract';
import type { ApiEvent, Message } from '../../../shared/api/protocol';

export type LinkMessage = Message | { type: 'ready' } | { type: 'shutdown' };

/** What `createEngine()` of electron/engine/engineApi.ts returns; restated here so this folder compiles on its own. */
export interface EngineInstance {
  api: WorkbenchApi;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  close(): Promise<void>;
}

export type EngineFactory = () => Promise<EngineInstance>;

/** Narrow an unknown value from the wire to a link message (the child trusts only its parent, but a
 * malformed message must not crash it). */
export function isLinkMessage(value: unknown): value is LinkMessage {
  if (!value || typeof value !== 'object') return false;
  const t = (value as { type?: unknown }).type;
  return t === 'request' || t === 'response' || t === 'event' || t === 'ready' || t === 'shutdown';
}
