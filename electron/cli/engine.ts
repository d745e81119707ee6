/**
 * The CLI's engine: the real engine in a child process (as under the web host), so a DuckDB crash
 * surfaces as an `engine_crashed` error with exit code 1 instead of killing the CLI mid-write.
 */
import { startEngineHost, type EngineHost } from '../engine/process/engineHost';
import { nodeForker } from '../engine/process/nodeForker';

export async function startCliEngine(maxRestarts = 1): Promise<EngineHost> {
  const host = startEngineHost({ fork: nodeForker(), maxRestarts });
  await host.ready();
  return host;
}
