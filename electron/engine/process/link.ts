/**
 * The private link between the engine host (parent) and the engine child process: the API's
 * protocol messages plus three control messages. `ready` is the child's first message (sent once the
 * engine exists, so nothing the host sends is lost to a child still booting); `shutdown` asks the
 * child to close the engine and exit; `restart` is the child asking to be killed and replaced (a query
 * of it did not stop after its interrupt and keeps a core and a connection busy: only the end of the
 * process stops it). Nothing outside electron/engine/process sees these.
 */
import type { WorkbenchApi } from '../../../shared/api/contract';
import type { ApiEvent, Message } from '../../../shared/api/protocol';

export type LinkMessage = Message | { type: 'ready' } | { type: 'shutdown' } | { type: 'restart'; reason: string };

/** What `createEngine()` of electron/engine/engineApi.ts returns; restated here so this folder compiles on its own. */
export interface EngineInstance {
  api: WorkbenchApi;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  close(): Promise<void>;
}

/** What the child offers the engine it builds. */
export interface EngineControls {
  /** Ask the host to replace this process (it drains the calls in flight, then kills it). */
  requestRestart(reason: string): void;
}

export type EngineFactory = (controls: EngineControls) => Promise<EngineInstance>;

/** Narrow an unknown value from the wire to a link message (the child trusts only its parent, but a
 * malformed message must not crash it). */
export function isLinkMessage(value: unknown): value is LinkMessage {
  if (!value || typeof value !== 'object') return false;
  const t = (value as { type?: unknown }).type;
  if (t === 'restart') return typeof (value as { reason?: unknown }).reason === 'string';
  return t === 'request' || t === 'response' || t === 'event' || t === 'ready' || t === 'shutdown';
}
