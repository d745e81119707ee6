/**
 * The local web host (`segwb serve`, `npm run web`): the built renderer over HTTP and the API over a
 * WebSocket, on 127.0.0.1 only. Every request needs this start's random token (see auth.ts);
 * upgrades, uploads and export downloads also need our own Origin (when one is sent). Member exports
 * reach the browser through host-made slots (exports.ts): `POST /exports`, `GET|DELETE /download/<id>`. Every response
 * carries the app's CSP and
 * hardening headers; no CORS headers are ever sent, so other origins cannot read anything.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import type { EngineConnector } from '../engine/process/engineHost';
import { cookieName, hostAllowed, newToken, originAllowed, presentedToken, sameToken } from './auth';
import { contentSecurityPolicy } from './csp';
import { ExportSlots } from './exports';
import { HttpError } from './httpError';
import { serveStatic } from './staticFiles';
import { receiveUpload } from './upload';
import { bridgeSocket } from './wsRpc';

export interface WebHostOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The open workspace folder (uploads land in its `.staging/`), or a function asking the engine. */
  workspace: string | null | (() => Promise<string | null>);
  /** The built renderer; default `out/renderer` of this checkout. */
  staticDir?: string;
  engine: EngineConnector;
  maxUploadBytes?: number;
  /** How long an export waits for its download before it is removed (default 1 hour). */
  exportTtlMs?: number;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/?token=TOKEN` */
  url: string;
  port: number;
  token: string;
  origin: string;
  close(): Promise<void>;
}

export function defaultStaticDir(): string {
  // From source (electron/host/) or built (out/node/): the renderer build is out/renderer/ either way.
  return fileURLToPath(
    new URL(import.meta.url.endsWith('.ts') ? '../../out/renderer/' : '../renderer/', import.meta.url),
  );
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy({
      connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`],
    }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

function reply(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = newToken();
  const staticDir = options.staticDir ?? defaultStaticDir();
  const maxUpload = options.maxUploadBytes ?? 16 * 1024 ** 3;
  const workspaceNow = async () => (typeof options.workspace === 'function' ? options.workspace() : options.workspace);
  const exportSlots = new ExportSlots(options.exportTtlMs ?? 60 * 60 * 1000);
  let port = 0;

  /** `POST /exports?name=` reserves a slot; `GET|HEAD|DELETE /download/<id>` serves or drops it. */
  const handleExports = async (req: IncomingMessage, res: ServerResponse, url: URL, download: string | null) => {
    try {
      if (download === null) {
        const ws = await workspaceNow();
        if (!ws) return reply(res, 409, 'No workspace is open.\n');
        return reply(
          res,
          200,
          JSON.stringify(await exportSlots.reserve(ws, url.searchParams.get('name'))),
          'application/json; charset=utf-8',
        );
      }
      if (req.method === 'DELETE')
        return (await exportSlots.release(download))
          ? reply(res, 200, 'Removed\n')
          : reply(res, 404, 'No such export\n');
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'Method not allowed\n');
      return await exportSlots.serve(download, res, req.method === 'HEAD');
    } catch (err) {
      if (err instanceof HttpError) return reply(res, err.status, err.message + '\n');
      throw err;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [k, v] of Object.entries(securityHeaders(port))) res.setHeader(k, v);
    if (!hostAllowed(req, port)) return reply(res, 403, 'Forbidden: unexpected Host header\n');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isUpload = req.method === 'POST' && url.pathname === '/upload';
    const isReserve = req.method === 'POST' && url.pathname === '/exports';
    const download = url.pathname.startsWith('/download/') ? url.pathname.slice('/download/'.length) : null;
    // A cookie alone never authorises a state-changing request (a download removes its file).
    const given = presentedToken(req, url, port, !isUpload && !isReserve && download === null);
    if (!given) return reply(res, 401, 'Unauthorized: this Segment Workbench link needs its token (?token=…)\n');
    if (!sameToken(given.token, token)) return reply(res, 403, 'Forbidden: wrong token\n');
    if (given.source === 'query') {
      res.setHeader('set-cookie', `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (isUpload) {
      if (!originAllowed(req, port, false)) return reply(res, 403, 'Forbidden: foreign Origin\n');
      const ws = await workspaceNow();
      if (!ws) return reply(res, 409, 'No workspace is open.\n');
      try {
        const name = await receiveUpload(req, ws, url.searchParams.get('name'), maxUpload);
        return reply(res, 200, JSON.stringify({ name }), 'application/json; charset=utf-8');
      } catch (err) {
        if (err instanceof HttpError) return reply(res, err.status, err.message + '\n');
        return reply(res, 500, `Upload failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
    if (isReserve || download !== null) {
      if (!originAllowed(req, port, false)) return reply(res, 403, 'Forbidden: foreign Origin\n');
      return handleExports(req, res, url, download);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'Method not allowed\n');
    return serveStatic(staticDir, req, res, url.pathname);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) reply(res, 500, `Internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      else res.destroy();
    });
  });
  // Small JSON frames on loopback: compression would only add latency to live counts (ws also sets TCP_NODELAY).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024, perMessageDeflate: false });
  wss.on('connection', (ws) => bridgeSocket(ws, options.engine));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/rpc') return refuseUpgrade(socket, '404 Not Found');
    if (!hostAllowed(req, port)) return refuseUpgrade(socket, '403 Forbidden');
    const given = presentedToken(req, url, port, true);
    if (!given) return refuseUpgrade(socket, '401 Unauthorized');
    if (!sameToken(given.token, token) || !originAllowed(req, port, true))
      return refuseUpgrade(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    origin,
    async close() {
      await exportSlots.closeAll();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
