// Builds the Node side that runs outside Electron — the segwb CLI (with the web host of `segwb
// serve`) and the engine child it forks — to plain JavaScript in out/node/, so `segwb` starts
// like a compiled program instead of compiling TypeScript on every start (docs/architecture.md, SPEC §11). Runs on
// `npm install` / `npm ci` (prepare) and before the tests. The engine child and the CLI share
// chunks (ESM code splitting). Small pure-JavaScript dependencies (@duckdb/node-api's JS layer, zod,
// ulid) are bundled: loaded from node_modules, Node's ESM loader lexes every CommonJS
// file of them for its exports, ~120 ms of each engine start. Native code and the big, lazily
// loaded dependencies stay in node_modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const EXTERNAL = [
  '@duckdb/node-bindings', // the native DuckDB binding (a .node file per platform)
  'exceljs', // ~200 ms to load; imported on first XLSX export only
  'iconv-lite', // half a megabyte of code tables; imported when an import needs transcoding
  'pg',
  'pg-cursor',
  'ws', // optional native add-ons (bufferutil) resolved at run time
  'electron',
];

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
  external: EXTERNAL,
  sourcemap: true,
  logLevel: 'warning',
  // Bundled ESM has no require; a few dependencies' CommonJS paths need one.
  banner: {
    js: "import { createRequire as __segwbRequire } from 'node:module'; const require = __segwbRequire(import.meta.url);",
  },
});
