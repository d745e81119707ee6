/**
 * What counts as the app's own page: the built renderer's index.html (file URL, any query or hash)
 * or, in development, the Vite dev server's origin. Everything else is foreign: no navigation to
 * it, and IPC from it is refused.
 */
import { pathToFileURL } from 'node:url';

export function appUrlMatcher(opts: {
  rendererIndex: string;
  devServerUrl?: string;
}): (url: string | undefined | null) => boolean {
  const fileHref = pathToFileURL(opts.rendererIndex).href;
  const devOrigin = opts.devServerUrl ? new URL(opts.devServerUrl).origin : null;
  return (url) => {
    if (!url) return false;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin) return parsed.origin === devOrigin;
    return parsed.protocol === 'file:' && `${parsed.protocol}//${parsed.host}${parsed.pathname}` === fileHref;
  };
}
