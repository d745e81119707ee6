/**
 * Entry point of the engine process (forked by engineHost: a Node child process under the web host
 * and the CLI, an Electron utilityProcess in the app). The engine module is imported lazily, after
 * the link is listening, so a message sent while DuckDB loads is never lost.
 */
import { currentParentLink, serveEngineChild } from './childMain';
import type { EngineInstance } from './link';

async function createRealEngine(): Promise<EngineInstance> {
  const { createEngine } = await import('../engineApi');
  return createEngine();
}

// Ctrl-C in a terminal reaches the whole process group; the parent decides when the engine stops.
process.on('SIGINT', () => {});

serveEngineChild(createRealEngine, currentParentLink()).catch((err: unknown) => {
  process.stderr.write(`segwb engine: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(70);
});
