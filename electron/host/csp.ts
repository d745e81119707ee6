/**
 * The Content-Security-Policy of the app, one builder for both shells (Electron window and web host),
 * so the two cannot drift apart.
 *
 * `style-src 'unsafe-inline'` is a deliberate choice: AG Grid and ECharts set element `style`
 * attributes and AG Grid injects its theme CSS as <style> elements at runtime. A nonce would cover
 * <style> elements but not style attributes (those would need 'unsafe-hashes' per value, which is
 * unworkable for computed column widths). Inline *styles* cannot run code; scripts stay 'self' only,
 * with no 'unsafe-inline' and no 'unsafe-eval', which is what stops injected content from executing.
 */
export function contentSecurityPolicy(opts: { connectSrc: string[] }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...opts.connectSrc].join(' ')}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
