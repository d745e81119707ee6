/**
 * Serves the built renderer: real files under `root` only (no traversal, no dotfiles, and no
 * symlink that leads out of `root`: the file served is the one its real path names, checked to lie
 * inside the real path of `root`), correct MIME types, `index.html` for directory and extension-less
 * paths (the SPA fallback), `no-store` on HTML so a new token or build is always picked up.
 */
import { open, realpath, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, relative, resolve, sep } from 'node:path';

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

/**
 * The real path of `path` when it is a regular file whose real path lies inside `realRoot` with no
 * dot-named part on the way (a symlink inside the folder may point to a file inside it, never out
 * of it), else null.
 */
async function realFileInside(realRoot: string, path: string): Promise<string | null> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return null;
  }
  const rel = relative(realRoot, real);
  if (rel === '' || rel.startsWith('..') || resolve(realRoot, rel) !== real) return null;
  if (rel.split(sep).some((seg) => seg.startsWith('.'))) return null;
  try {
    const handle = await open(real, 'r');
    try {
      return (await handle.stat()).isFile() ? real : null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** Map a URL path to the real path of a file under root, or null (404). */
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
  let realRoot: string;
  try {
    realRoot = await realpath(base);
  } catch {
    return null;
  }
  const file = await realFileInside(realRoot, target);
  if (file) return file;
  const last = decoded.split('/').pop() ?? '';
  if (target === base || decoded.endsWith('/') || !last.includes('.'))
    return realFileInside(realRoot, resolve(base, 'index.html'));
  return null;
}

export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
): Promise<void> {
  const file = await resolveStatic(root, urlPath);
  // Opened by its real path: what was checked is what is read.
  let handle: FileHandle | null = null;
  if (file) handle = await open(file, 'r').catch(() => null);
  if (!file || !handle) {
    const built = await resolveStatic(root, '/index.html').then((f) => f !== null);
    res.writeHead(built ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(built ? 'Not found\n' : 'The renderer is not built: run `npm run build:renderer` first.\n');
    return;
  }
  const type = mimeType(file);
  res.writeHead(200, { 'content-type': type, 'cache-control': type.startsWith('text/html') ? 'no-store' : 'no-cache' });
  if (req.method === 'HEAD') {
    await handle.close();
    res.end();
    return;
  }
  handle
    .createReadStream({ autoClose: true })
    .on('error', () => res.destroy())
    .pipe(res);
}
