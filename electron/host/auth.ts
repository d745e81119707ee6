/**
 * Who may talk to the web host: requests carrying this start's random token (query `token`, header
 * `x-workbench-token`, or the HttpOnly cookie set on the first page load), addressed to our own
 * loopback host name (defeats DNS rebinding), and for WebSocket upgrades and uploads from our own
 * Origin (defeats other web pages, which could otherwise reach a loopback port).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

export function cookieName(port: number): string {
  // Cookies are shared between ports of one host, so the name carries the port.
  return `segwb_token_${port}`;
}

export function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type TokenSource = 'query' | 'header' | 'cookie';

/** Find the token a request presents; `allowCookie` is false where a cookie alone must not do. */
export function presentedToken(
  req: IncomingMessage,
  url: URL,
  port: number,
  allowCookie: boolean,
): { token: string; source: TokenSource } | null {
  const q = url.searchParams.get('token');
  if (q) return { token: q, source: 'query' };
  const h = req.headers['x-workbench-token'];
  if (typeof h === 'string' && h) return { token: h, source: 'header' };
  const c = allowCookie ? readCookie(req, cookieName(port)) : undefined;
  return c ? { token: c, source: 'cookie' } : null;
}

export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  return req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
}

/** `required`: a missing Origin fails too (WebSocket upgrades, which browsers always send it on). */
export function originAllowed(req: IncomingMessage, port: number, required: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return !required;
  return ownOrigins(port).includes(origin);
}
