/**
 * electron-vite build of the desktop app: main (plus the engine child entry, run in a
 * utilityProcess) and the sandboxed preload to out/, the renderer (root renderer/) to out/renderer.
 * The preload is bundled whole to CommonJS (a sandboxed preload can require only 'electron').
 * The renderer's index.html gets the app CSP as a meta tag too, because responses for file:// pages
 * do not pass through session.webRequest.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/host/csp';

const root = import.meta.dirname;

function cspMeta(): Plugin {
  // frame-ancestors is ignored in a meta tag (the header carries it); drop it to avoid a warning.
  const csp = contentSecurityPolicy({ connectSrc: [] })
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'segwb-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: csp }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          engine: resolve(root, 'electron/engine/process/child.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
