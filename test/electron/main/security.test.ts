import { describe, expect, it, vi } from 'vitest';
import { appUrlMatcher } from '../../../electron/main/appUrl';
import { appCsp, hardenWindow, installSessionPolicy, secureWebPreferences } from '../../../electron/main/security';

/** Parse a CSP into directive → sources. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...src]) => [name!, src]),
  );
}

describe('window hardening', () => {
  it('webPreferences isolate and sandbox the page', () => {
    const p = secureWebPreferences('/app/out/preload/index.cjs');
    expect(p).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
    });
  });

  it('the production CSP allows only our own scripts and no remote content', () => {
    const d = directives(appCsp());
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(appCsp()).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('the dev CSP adds only the dev server', () => {
    const d = directives(appCsp('http://localhost:5173/'));
    expect(d['connect-src']).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(d['script-src']).toEqual(["'self'", "'unsafe-inline'", 'http://localhost:5173']);
  });

  it('sets the CSP on every response, replacing any other, and denies all permissions', () => {
    let headersHook:
      | ((
          d: { responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void)
      | null = null;
    let requestHandler: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;
    let checkHandler: (() => boolean) | null = null;
    const session = {
      webRequest: { onHeadersReceived: (fn: typeof headersHook) => (headersHook = fn) },
      setPermissionRequestHandler: (fn: typeof requestHandler) => (requestHandler = fn),
      setPermissionCheckHandler: (fn: typeof checkHandler) => (checkHandler = fn),
    };
    installSessionPolicy(session as never, "default-src 'none'");
    const out = vi.fn();
    headersHook!({ responseHeaders: { 'content-security-policy': ['default-src *'], 'x-other': ['1'] } }, out);
    expect(out).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Security-Policy': ["default-src 'none'"],
        'X-Content-Type-Options': ['nosniff'],
        'x-other': ['1'],
      },
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      requestHandler!({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(checkHandler!()).toBe(false);
  });

  it('denies navigation away from the app, redirects, webviews and every new window', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const win = {
      webContents: {
        on: (ev: string, fn: (e: { preventDefault(): void }, url?: string) => void) => listeners.set(ev, fn),
        setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      },
    };
    const isApp = appUrlMatcher({ rendererIndex: '/app/out/renderer/index.html' });
    hardenWindow(win as never, isApp);
    const nav = (ev: string, url: string) => {
      const e = { preventDefault: vi.fn() };
      listeners.get(ev)!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(nav('will-navigate', 'https://evil.example/')).toBe(true);
    expect(nav('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(nav('will-navigate', 'file:///app/out/renderer/index.html#/segments')).toBe(false);
    expect(nav('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    const wv = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(wv);
    expect(wv.preventDefault).toHaveBeenCalled();
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///app/out/renderer/index.html' })).toEqual({ action: 'deny' });
  });

  it('recognises only the app page as the app (file build or dev server origin)', () => {
    const prod = appUrlMatcher({ rendererIndex: '/app/out/renderer/index.html' });
    expect(prod('file:///app/out/renderer/index.html?x=1#y')).toBe(true);
    expect(prod('file:///app/out/renderer/other.html')).toBe(false);
    expect(prod('http://localhost:5173/')).toBe(false);
    expect(prod(undefined)).toBe(false);
    const dev = appUrlMatcher({ rendererIndex: '/app/out/renderer/index.html', devServerUrl: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('file:///app/out/renderer/index.html')).toBe(false);
  });
});
