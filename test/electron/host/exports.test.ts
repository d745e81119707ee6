/**
 * Browser exports through the web host: a slot is reserved with the token (header or query, never
 * the cookie alone) from our own Origin; the file written to the slot's path downloads once as an
 * attachment, then is gone. Unknown ids, path tricks, foreign Origins and missing or wrong tokens get
 * nothing; slots expire, and a host's close removes them.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessConnector } from '../../../electron/engine/process/inProcess';
import { contentDisposition, exportsRoot } from '../../../electron/host/exports';
import { startWebHost, type WebHost } from '../../../electron/host/webHost';
import { createFakeEngine } from '../engine/process/fakeEngineTestUtils';

let host: WebHost;
let root: string;
let workspace: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'segwb-hostexp-'));
  mkdirSync(join(root, 'static'));
  writeFileSync(join(root, 'static', 'index.html'), '<!doctype html><title>wb</title>');
  writeFileSync(join(root, 'secret.csv'), 'outside');
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

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Raw HTTP (fetch would normalise paths and forbid setting Host or Origin). */
function raw(h: WebHost, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: h.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const auth = () => ({ 'x-workbench-token': host.token });

async function reserve(name: string, h: WebHost = host): Promise<{ id: string; out: string }> {
  const res = await raw(
    h,
    `/exports?name=${encodeURIComponent(name)}`,
    { 'x-workbench-token': h.token, origin: h.origin },
    'POST',
  );
  expect(res.status, res.body).toBe(200);
  return JSON.parse(res.body) as { id: string; out: string };
}

describe('web host: export slots', () => {
  it('reserves a slot inside the workspace under an opaque id', async () => {
    const slot = await reserve('Activated members.csv');
    expect(slot.id).toMatch(/^[0-9a-f]{32}$/);
    expect(slot.out).toBe(join(exportsRoot(workspace), slot.id, 'Activated members.csv'));
    expect(existsSync(dirname(slot.out))).toBe(true);
  });

  it('refuses to reserve without the token in a header or query, or from a foreign Origin', async () => {
    const post = (headers: Record<string, string>) => raw(host, '/exports?name=a.csv', headers, 'POST');
    expect((await post({})).status).toBe(401);
    expect((await post({ cookie: `segwb_token_${host.port}=${host.token}` })).status).toBe(401);
    expect((await post({ 'x-workbench-token': 'f'.repeat(64) })).status).toBe(403);
    expect((await post({ ...auth(), origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw(host, `/exports?name=a.csv&token=${host.token}`, {}, 'POST')).status).toBe(200);
  });

  it('refuses names that are not plain export file names', async () => {
    for (const name of [
      '../evil.csv',
      'a/b.csv',
      'a\\b.csv',
      '.hidden.csv',
      '',
      'members.exe',
      'members',
      'x\u0000.csv',
    ]) {
      const res = await raw(host, `/exports?name=${encodeURIComponent(name)}`, auth(), 'POST');
      expect(res.status, name).toBe(400);
    }
    expect(existsSync(join(root, 'evil.csv'))).toBe(false);
  });

  it('downloads the written file once, as an attachment, then removes it', async () => {
    const slot = await reserve('Activated – members.csv');
    // Before the engine wrote it there is nothing to download (and the slot stays).
    expect((await raw(host, `/download/${slot.id}?token=${host.token}`)).status).toBe(404);
    writeFileSync(slot.out, 'account_id,mrr\nA1,100\n');
    writeFileSync(`${slot.out}.segment-meta.json`, '{}');
    const res = await raw(host, `/download/${slot.id}?token=${host.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('account_id,mrr\nA1,100\n');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Activated _ members.csv"; filename*=UTF-8''Activated%20%E2%80%93%20members.csv`,
    );
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength('account_id,mrr\nA1,100\n')));
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    await expect.poll(() => existsSync(dirname(slot.out))).toBe(false);
    expect((await raw(host, `/download/${slot.id}?token=${host.token}`)).status).toBe(404);
  });

  it('refuses a download without a token, with a wrong one, with the cookie alone, or from a foreign Origin', async () => {
    const slot = await reserve('m.csv');
    writeFileSync(slot.out, 'secret members');
    const get = (q: string, headers: Record<string, string> = {}) => raw(host, `/download/${slot.id}${q}`, headers);
    const refused = [
      [await get(''), 401],
      [await get(`?token=${'0'.repeat(64)}`), 403],
      [await get('', { cookie: `segwb_token_${host.port}=${host.token}` }), 401],
      [await get(`?token=${host.token}`, { origin: 'http://evil.example' }), 403],
      [await get(`?token=${host.token}`, { host: `evil.example:${host.port}` }), 403],
    ] as const;
    for (const [res, status] of refused) {
      expect(res.status).toBe(status);
      expect(res.body).not.toContain('secret members');
    }
    // Still there for the rightful download.
    expect((await get(`?token=${host.token}`, { origin: host.origin })).body).toBe('secret members');
  });

  it('serves nothing for unknown ids or path tricks', async () => {
    const slot = await reserve('n.csv');
    writeFileSync(slot.out, 'members');
    const q = `?token=${host.token}`;
    for (const p of [
      '/download/' + '0'.repeat(32),
      '/download/',
      '/download/..%2f..%2fsecret.csv',
      '/download/../secret.csv',
      `/download/${slot.id}%2f..%2f..%2f..%2fsecret.csv`,
      `/download/${slot.id}/n.csv`,
      `/download/${slot.id.toUpperCase()}`,
      '/download/%2e%2e',
    ]) {
      const res = await raw(host, p + q);
      expect(res.body, p).not.toContain('outside');
      expect(res.body, p).not.toBe('members');
    }
    expect((await raw(host, '/download/' + '0'.repeat(32) + q)).status).toBe(404);
  });

  it('never serves a link planted in place of the export', async () => {
    const slot = await reserve('link.csv');
    symlinkSync(join(root, 'secret.csv'), slot.out);
    const res = await raw(host, `/download/${slot.id}?token=${host.token}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside');
  });

  it('DELETE drops a slot (an export that failed or was cancelled)', async () => {
    const slot = await reserve('dropped.csv');
    writeFileSync(slot.out, 'x');
    expect((await raw(host, `/download/${slot.id}`, { origin: host.origin }, 'DELETE')).status).toBe(401);
    expect((await raw(host, `/download/${slot.id}`, auth(), 'DELETE')).status).toBe(200);
    expect(existsSync(dirname(slot.out))).toBe(false);
    expect((await raw(host, `/download/${slot.id}?token=${host.token}`)).status).toBe(404);
    expect((await raw(host, `/download/${slot.id}`, auth(), 'DELETE')).status).toBe(404);
  });

  it('answers 409 when no workspace is open', async () => {
    const h = await startWebHost({
      port: 0,
      workspace: null,
      staticDir: join(root, 'static'),
      engine: inProcessConnector(createFakeEngine()),
    });
    try {
      expect((await raw(h, '/exports?name=a.csv', { 'x-workbench-token': h.token }, 'POST')).status).toBe(409);
    } finally {
      await h.close();
    }
  });

  it('expires slots after the TTL, sweeps folders an earlier host left, and removes its slots on close', async () => {
    const ws2 = join(root, 'ws2');
    mkdirSync(ws2);
    const stale = join(exportsRoot(ws2), 'f'.repeat(32));
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'old.csv'), 'old');
    const old = new Date(Date.now() - 10_000);
    utimesSync(stale, old, old);
    const h = await startWebHost({
      port: 0,
      workspace: ws2,
      staticDir: join(root, 'static'),
      engine: inProcessConnector(createFakeEngine()),
      exportTtlMs: 300,
    });
    const kept = await reserve('kept.csv', h);
    expect(existsSync(stale)).toBe(false);
    const expiring = await reserve('soon.csv', h);
    writeFileSync(expiring.out, 'x');
    await expect.poll(() => existsSync(dirname(expiring.out)), { timeout: 3000 }).toBe(false);
    expect((await raw(h, `/download/${expiring.id}?token=${h.token}`)).status).toBe(404);
    expect(existsSync(dirname(kept.out))).toBe(false); // expired as well (same TTL)
    const last = await reserve('last.csv', h);
    await h.close();
    expect(existsSync(dirname(last.out))).toBe(false);
    expect(readdirSync(exportsRoot(ws2))).toEqual([]);
  });

  it('names the attachment safely', () => {
    expect(contentDisposition('a"b\\c.csv')).toBe(`attachment; filename="a_b_c.csv"; filename*=UTF-8''a%22b%5Cc.csv`);
  });
});
