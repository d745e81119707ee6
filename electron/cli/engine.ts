/**
 * The CLI's engine: the real engine in a child process (as under the web host), so a DuckDB crash
 * surfaces as an `engine_crashed` error with exit code 1 instead of killing the CLI mid-write. The
 * child dies with the CLI: closed on Ctrl-C/SIGTERM (main.ts), SIGKILLed from the exit hook when the
 * CLI exits any other way (nodeForker.ts), ending itself when the CLI is SIGKILLed (childLifeline.ts).
 */
import { startEngineHost, type EngineHost } from '../engine/process/engineHost';
import { nodeForker } from '../engine/process/nodeForker';

/** `env`: the child's environment (default this process's). */
export async function startCliEngine(env?: NodeJS.ProcessEnv): Promise<EngineHost> {
  const host = startEngineHost({ fork: nodeForker(undefined, env ? { env } : {}) });
  await host.ready();
  return host;
}
