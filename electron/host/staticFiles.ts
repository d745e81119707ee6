/**
 * Serves the built renderer: files under `root` only (no traversal, no dotfiles), correct MIME types,
 * `index.html` for directory and extension-less paths (the SPA fallback), `no-store` on HTML so a new
 * token or build is always picked up.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Map a URL path to a file under root, or null (404). */
export async function resolveStatic(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).some((seg) => seg.startsWith('.') && seg !== '')) return null;
  const base = resolve(root);
  const target = resolve(base, '.' + decoded);
  if (target !== base && !target.startsWith(base + sep)) return null;
  if (await isFile(target)) return target;
  const last = decoded.split('/').pop() ?? '';
  if (target === base || decoded.endsWith('/') || !last.includes('.')) {
    const index = resolve(base, 'index.html');
    return (await isFile(index)) ? index : null;
  }
  return null;
}

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
  const file = await resolveStatic(root, urlPath);
  if (!file) {
    const built = await isFile(resolve(root, 'index.html'));
    res.writeHead(built ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(built ? 'Not found\n' : 'The renderer is not built: run `npm run build:renderer` first.\n');
    return;
  }
  const type = mimeType(file);
  res.writeHead(200, { 'content-type': type, 'cache-control': type.startsWith('text/html') ? 'no-store' : 'no-cache' });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
