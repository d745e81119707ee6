/**
 * Entry point of the engine process (forked by engineHost: a Node child process under the web host
 * and the CLI, an Electron utilityProcess in the app). The engine module is imported lazily, after
 * the IPC link is listening, so a slow DuckDB load never loses a message.
 */
import { currentParentLink, serveEngineChild } from './childMain';
import type { EngineInstance } from './link';

async function createRealEngine(): Promise<EngineInstance> {
  const mod = (await import(ENGINE_MODULE)) as { createEngine: () => Promise<EngineInstance> | EngineInstance };
  return await mod.createEngine();
}

// Until electron/engine/engineApi.ts lands the specifier is kept out of the type checker's sight.
const ENGINE_MODULE = '../engineApi';

// Ctrl-C in a terminal reaches the whole process group; the parent decides when the engine stops.
process.on('SIGINT', () => {});

serveEngineChild(createRealEngine, currentParentLink()).catch((err: unknown) => {
  process.stderr.write(`segwb engine: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(70);
});
