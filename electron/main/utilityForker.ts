/**
 * Forks the engine as an Electron utilityProcess (a Node process the app supervises), adapted to the
 * engine host's Forker. DuckDB work thus never runs on the main process, and a crash there only
 * costs a restart.
 */
import type { UtilityProcess, utilityProcess as UtilityProcessModule } from 'electron';
import type { EngineProcess, Forker } from '../engine/process/engineHost';
import { engineChildArgs, engineChildEnv } from '../engine/process/engineEnv';

export function utilityForker(up: typeof UtilityProcessModule, entry: string): Forker {
  return (): EngineProcess => {
    // The environment sizes the child's thread pool for DuckDB (see engineEnv.ts).
    const child: UtilityProcess = up.fork(entry, engineChildArgs(), {
      serviceName: 'Segment Workbench engine',
      stdio: 'inherit',
      env: engineChildEnv(process.env),
    });
    return {
      post: (m) => child.postMessage(m),
      onMessage: (l) => void child.on('message', l),
      onExit: (l) => void child.once('exit', (code) => l({ code, signal: null })),
      kill: () => void child.kill(),
      get pid() {
        return child.pid;
      },
    };
  };
}
