// Builds the Node side that runs outside Electron — the segwb CLI (with the web host of `segwb
// serve`) and the engine child it forks — to plain JavaScript in out/node/, so `segwb` starts
// like a compiled program instead of compiling TypeScript on every start (SPEC §11). Runs on
// `npm install` / `npm ci` (prepare) and before the tests. Dependencies stay in node_modules
// (`packages: 'external'`); the engine child and the CLI share chunks (ESM code splitting).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}out/node`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'electron/cli/main.ts', child: 'electron/engine/process/child.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Bundled ESM has no require; a few dependencies' CommonJS paths need one.
  banner: { js: "import { createRequire as __segwbRequire } from 'node:module'; const require = __segwbRequire(import.meta.url);" },
});
