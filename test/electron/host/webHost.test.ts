import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { inProcessConnector } from '../../../electron/engine/process/inProcess';
import { startWebHost, type WebHost } from '../../../electron/host/webHost';
import type { Message } from '../../../shared/api/protocol';
import { createFakeEngine } from '../engine/process/fakeEngineTestUtils';

let host: WebHost;
let root: string;
let workspace: string;
const INDEX = '<!doctype html><title>wb</title><script type="module" src="./assets/app.js"></script>';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'segwb-host-'));
  mkdirSync(join(root, 'static', 'assets'), { recursive: true });
  writeFileSync(join(root, 'static', 'index.html'), INDEX);
  writeFileSync(join(root, 'static', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'static', 'assets', 'app.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  workspace = join(root, 'ws');
  mkdirSync(workspace);
  host = await startWebHost({
    port: 0,
    workspace,
    staticDir: join(root, 'static'),
    engine: inProcessConnector(createFakeEngine()),
  });
});
afterAll(async () => host.close());

/** Raw HTTP (fetch would normalise paths and forbid setting Host). */
function raw(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

function openSocket(opts: { token?: string; origin?: string }): Promise<WebSocket> {
  const q = opts.token === undefined ? '' : `?token=${opts.token}`;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc${q}`, opts.origin ? { origin: opts.origin } : {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket, pred: (m: Message) => boolean): Promise<Message> {
  return new Promise((resolve) => {
    const on = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as Message;
      if (pred(m)) {
        ws.off('message', on);
        resolve(m);
      }
    };
    ws.on('message', on);
  });
}

describe('web host: HTTP', () => {
  it('listens on loopback with a 64-hex-digit token in its URL', () => {
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('refuses a request without a token (401) and with a wrong one (403)', async () => {
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/assets/app.js')).status).toBe(401);
    expect((await raw(`/?token=${'0'.repeat(64)}`)).status).toBe(403);
    expect((await raw('/', { 'x-workbench-token': host.token.slice(1) })).status).toBe(403);
  });

  it('serves the page with the token, sets an HttpOnly SameSite cookie and security headers, no CORS', async () => {
    const res = await raw(`/?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`=${host.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    // The 401 carries the headers too.
    expect((await raw('/')).headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with the cookie, with MIME types, and falls back to index.html for app routes', async () => {
    const cookie = { cookie: `segwb_token_${host.port}=${host.token}` };
    const js = await raw('/assets/app.js', cookie);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw('/assets/app.css', cookie)).headers['content-type']).toBe('text/css; charset=utf-8');
    const spa = await raw('/segments/activated', cookie);
    expect(spa.status).toBe(200);
    expect(spa.body).toBe(INDEX);
    expect((await raw('/assets/nope.js', cookie)).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    const h = { 'x-workbench-token': host.token };
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const res = await raw(p, h);
      expect(res.body).not.toContain('outside');
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await raw('/', { host: `evil.example:${host.port}`, 'x-workbench-token': host.token })).status).toBe(403);
  });
});

describe('web host: WebSocket', () => {
  it('refuses an upgrade without token, with a wrong token, from a foreign or missing Origin', async () => {
    await expect(openSocket({ origin: host.origin })).rejects.toThrow('refused 401');
    await expect(openSocket({ token: 'f'.repeat(64), origin: host.origin })).rejects.toThrow('refused 403');
    await expect(openSocket({ token: host.token, origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(openSocket({ token: host.token, origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow(
      'refused 403',
    );
    await expect(openSocket({ token: host.token })).rejects.toThrow('refused 403');
  });

  it('runs an RPC round trip and delivers events with the right token and Origin', async () => {
    const ws = await openSocket({ token: host.token, origin: host.origin });
    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'openWorkspace', params: { path: '/data/acme' } }));
    expect(await nextMessage(ws, (m) => m.type === 'response')).toEqual({
      type: 'response',
      id: 1,
      result: { ok: true, value: { path: '/data/acme', name: 'acme', tables: [] } },
    });
    ws.send(JSON.stringify({ type: 'request', id: 2, method: 'openWorkspace', params: { path: '/missing' } }));
    expect(await nextMessage(ws, (m) => m.type === 'response')).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'not_found' } },
    });
    const ev = nextMessage(ws, (m) => m.type === 'event');
    ws.send(
      JSON.stringify({
        type: 'request',
        id: 3,
        method: 'importFile',
        params: { file: { kind: 'staged', name: 'x.csv' }, jobId: 'w1' },
      }),
    );
    expect(await ev).toEqual({
      type: 'event',
      event: { kind: 'progress', jobId: 'w1', fraction: 0, message: 'started' },
    });
    ws.send(JSON.stringify({ type: 'request', id: 4, method: 'cancelJob', params: { jobId: 'w1' } }));
    expect(await nextMessage(ws, (m) => m.type === 'response' && m.id === 3)).toMatchObject({
      result: { ok: false, error: { code: 'interrupted' } },
    });
    ws.close();
  });

  it('closes the socket on a frame that is not a request envelope', async () => {
    const ws = await openSocket({ token: host.token, origin: host.origin });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'response', id: 1, result: { ok: true, value: 1 } }));
    expect(await closed).toBe(1008);
  });
});

describe('web host: upload', () => {
  const post = (name: string, body: string, headers: Record<string, string> = { 'x-workbench-token': host.token }) =>
    raw(`/upload?name=${encodeURIComponent(name)}`, headers, 'POST', Buffer.from(body));

  it('streams the body into the workspace staging folder under a unique name', async () => {
    const a = await post('customers.csv', 'id\n1\n');
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toEqual({ name: 'customers.csv' });
    expect(readFileSync(join(workspace, '.staging', 'customers.csv'), 'utf8')).toBe('id\n1\n');
    const b = await post('customers.csv', 'id\n2\n');
    const second = (JSON.parse(b.body) as { name: string }).name;
    expect(second).toMatch(/^customers-[0-9a-f]{6}\.csv$/);
    expect(readFileSync(join(workspace, '.staging', second), 'utf8')).toBe('id\n2\n');
    expect(readFileSync(join(workspace, '.staging', 'customers.csv'), 'utf8')).toBe('id\n1\n');
    expect(readdirSync(join(workspace, '.staging')).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('refuses traversal and hidden names and writes nothing', async () => {
    for (const name of ['../evil.csv', '..', 'a/b.csv', 'a\\b.csv', '.hidden', '', 'x\u0000.csv']) {
      const res = await post(name, 'evil');
      expect(res.status, name).toBe(400);
    }
    expect(existsSync(join(root, 'evil.csv'))).toBe(false);
    expect(existsSync(join(workspace, 'evil.csv'))).toBe(false);
  });

  it('needs the token in a header or query (not only the cookie) and our own Origin', async () => {
    expect((await post('a.csv', 'x', { cookie: `segwb_token_${host.port}=${host.token}` })).status).toBe(401);
    expect((await post('a.csv', 'x', { 'x-workbench-token': host.token, origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect((await post('a.csv', 'x', { 'x-workbench-token': host.token, origin: host.origin })).status).toBe(200);
  });
});
