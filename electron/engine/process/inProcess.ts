/**
 * An engine connector without a child process: each connection is an in-memory transport pair
 * served by the shared dispatcher. Used by tests (web host, IPC adapter) and anywhere isolation is
 * not wanted; it goes through the same validation and error-as-data path as the real transports.
 */
import type { WorkbenchApi } from '../../../shared/api/contract';
import { createDispatcher, serveTransport } from '../../../shared/api/dispatcher';
import type { ApiEvent } from '../../../shared/api/protocol';
import { createTransportPair } from '../../../shared/api/transport';
import type { EngineConnection, EngineConnector } from './engineHost';

export function inProcessConnector(engine: {
  api: WorkbenchApi;
  onEvent(listener: (e: ApiEvent) => void): () => void;
}): EngineConnector {
  const dispatch = createDispatcher(engine.api);
  return {
    connect(): EngineConnection {
      const [mine, theirs] = createTransportPair();
      const stop = serveTransport(theirs, dispatch, (l) => engine.onEvent(l));
      let closed = false;
      return {
        send: (m) => {
          if (!closed) mine.send(m);
        },
        onMessage: (l) => mine.onMessage(l),
        close() {
          closed = true;
          stop();
        },
      };
    },
  };
}
