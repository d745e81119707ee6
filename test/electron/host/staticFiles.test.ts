// The web host's static file server (issue 9 item 8): only real files inside the renderer folder.
// A symlink in the folder that points out of it (to a file or a folder) is not followed, nor is a
// symlinked folder; a symlink to a file inside the folder is served as that file. Checked through
// a real HTTP server on loopback, as the browser sees it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStatic, serveStatic } from '../../../electron/host/staticFiles';

const dir = mkdtempSync(join(tmpdir(), 'segwb-static-'));
const root = join(dir, 'renderer');
const outside = join(dir, 'outside');
let server: Server;
let base = '';

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(outside, 'secret.txt'), "the user's data");
  writeFileSync(join(outside, 'secret.js'), "the user's data");
  symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync(join(outside, 'secret.js'), join(root, 'assets', 'leak.js'));
  symlinkSync(outside, join(root, 'linked'));
  symlinkSync('/etc/passwd', join(root, 'passwd.txt'));
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
  server = createServer((req, res) => void serveStatic(root, req, res, new URL(req.url ?? '/', 'http://x').pathname));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(base + path);
  return { status: res.status, body: await res.text() };
}

describe('static files', () => {
  it('serves real files inside the folder, and the SPA fallback', async () => {
    expect(await get('/assets/app.js')).toEqual({ status: 200, body: 'console.log(1)' });
    expect((await get('/')).body).toContain('<title>app</title>');
    expect((await get('/some/route')).body).toContain('<title>app</title>');
  });

  it('never follows a symlink out of the folder', async () => {
    for (const path of ['/leak.txt', '/assets/leak.js', '/linked/secret.txt', '/linked/secret.js', '/passwd.txt']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toMatch(/user's data|root:/);
    }
    expect(await resolveStatic(root, '/linked/secret.txt')).toBeNull();
  });

  it('a symlink to a file inside the folder is that file', async () => {
    expect(await get('/alias.js')).toEqual({ status: 200, body: 'console.log(1)' });
  });
});
