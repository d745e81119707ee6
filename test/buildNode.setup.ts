// vitest global setup: build the Node side (out/node: the segwb CLI and the engine child) from the
// current sources before any test runs it as a process, so a test never runs a stale build.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../build/buildNode.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
}
