/**
 * Where the built pieces are relative to the main bundle (out/main/index.js): the preload
 * (out/preload/index.cjs), the renderer (out/renderer/index.html) and the engine child
 * (out/main/engine.js). Electron-vite sets ELECTRON_RENDERER_URL when serving the renderer in dev.
 */
import { fileURLToPath } from 'node:url';

export interface AppPaths {
  preload: string;
  rendererIndex: string;
  engineEntry: string;
  devServerUrl?: string;
}

export function appPaths(mainModuleUrl: string, env: NodeJS.ProcessEnv, packaged: boolean): AppPaths {
  const at = (rel: string) => fileURLToPath(new URL(rel, mainModuleUrl));
  const dev = !packaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : undefined;
  return {
    preload: at('../preload/index.cjs'),
    rendererIndex: at('../renderer/index.html'),
    engineEntry: at('./engine.js'),
    ...(dev ? { devServerUrl: dev } : {}),
  };
}
