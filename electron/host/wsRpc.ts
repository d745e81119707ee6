/**
 * The API over one WebSocket: each frame is one JSON protocol message. Incoming frames must be valid
 * request envelopes within the message bounds (envelope.ts). A request beyond the bounds whose id can
 * be read is answered with a `usage` error; anything else that breaks the protocol closes the socket
 * with 1008 (a client that breaks the protocol is not trusted further). Nothing that arrives may throw
 * out of the handler: an unexpected failure answers the request (or closes with 1011), and the host
 * and its engine carry on. Responses and engine events go back as frames. One engine connection per
 * socket, closed with it.
 */
import type { WebSocket } from 'ws';
import type { EngineConnector } from '../engine/process/engineHost';
import { StageClock } from '../engine/process/liveTrace';
import type { Message } from '../../shared/api/protocol';
import { checkRequest } from './envelope';

export function bridgeSocket(ws: WebSocket, engine: EngineConnector): void {
  const conn = engine.connect();
  const clock = new StageClock('host');
  const reply = (m: Message) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  conn.onMessage((m) => {
    if (m.type === 'response') clock.end(m.id);
    try {
      reply(m);
    } catch {
      // A socket failing mid-send is reported through its 'close'/'error' events.
    }
  });
  ws.on('message', (data, isBinary) => {
    let id: number | undefined;
    try {
      let value: unknown;
      try {
        value = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        value = undefined;
      }
      const checked = checkRequest(value);
      if (!checked.ok) {
        if (checked.id === undefined) ws.close(1008, 'invalid message');
        else
          reply({
            type: 'response',
            id: checked.id,
            result: { ok: false, error: { code: 'usage', message: `Refused: ${checked.reason}.` } },
          });
        return;
      }
      id = checked.request.id;
      clock.start(id, checked.request.method);
      conn.send(checked.request);
    } catch (err) {
      // Last line of defence (the engine connection refuses bad requests itself): answer, never throw.
      const message = `The request could not be forwarded: ${err instanceof Error ? err.message : String(err)}`;
      try {
        if (id === undefined) ws.close(1011, 'internal error');
        else reply({ type: 'response', id, result: { ok: false, error: { code: 'internal', message } } });
      } catch {
        ws.terminate();
      }
    }
  });
  ws.on('close', () => conn.close());
  ws.on('error', () => conn.close());
}
