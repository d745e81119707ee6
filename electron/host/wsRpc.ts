/**
 * The API over one WebSocket: each frame is one JSON protocol message. Incoming frames must be valid
 * request envelopes (anything else closes the socket with 1008: a client that breaks the protocol is
 * not trusted further); responses and engine events go back as frames. One engine connection per
 * socket, closed with it.
 */
import type { WebSocket } from 'ws';
import type { EngineConnector } from '../engine/process/engineHost';
import { StageClock } from '../engine/process/liveTrace';
import { parseRequest } from './envelope';

export function bridgeSocket(ws: WebSocket, engine: EngineConnector): void {
  const conn = engine.connect();
  const clock = new StageClock('host');
  conn.onMessage((m) => {
    if (m.type === 'response') clock.end(m.id);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  });
  ws.on('message', (data, isBinary) => {
    let value: unknown;
    try {
      value = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      value = undefined;
    }
    const req = parseRequest(value);
    if (!req) {
      ws.close(1008, 'invalid message');
      return;
    }
    clock.start(req.id, req.method);
    conn.send(req);
  });
  ws.on('close', () => conn.close());
  ws.on('error', () => conn.close());
}
