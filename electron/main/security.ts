/**
 * Window and session hardening (docs/architecture.md, SPEC §10): the webPreferences every app window gets, navigation
 * and
 * new-window denial, permission denial, and the CSP on every response. The policy text itself lives
 * in electron/host/csp.ts, shared with the web host (see there for why style-src allows inline).
 */
import type { BrowserWindow, Session, WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../host/csp';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/**
 * The app's CSP. In development the renderer comes from the Vite dev server, whose React refresh
 * preamble is an inline script and whose HMR uses a WebSocket; only then are those allowed.
 */
export function appCsp(devServerUrl?: string): string {
  if (!devServerUrl) return contentSecurityPolicy({ connectSrc: [] });
  const dev = new URL(devServerUrl);
  const csp = contentSecurityPolicy({ connectSrc: [dev.origin, `ws://${dev.host}`] });
  return csp.replace("script-src 'self'", `script-src 'self' 'unsafe-inline' ${dev.origin}`);
}

/** CSP header on every response the session loads; every permission request and check denied. */
export function installSessionPolicy(session: Session, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-security-policy') delete headers[k];
    headers['Content-Security-Policy'] = [csp];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Deny navigation away from the app and every new window; no webviews. */
export function hardenWindow(win: BrowserWindow, isAppUrl: (url: string) => boolean): void {
  const contents = win.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
