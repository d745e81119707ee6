/**
 * Entry point of the engine process (forked by engineHost: a Node child process under the web host
 * and the CLI, an Electron utilityProcess in the app). The engine module is imported lazily, after
 * the link is listening, so a message sent while DuckDB loads is never lost. The lifeline
 * (childLifeline.ts) ends this process when its parent is gone, whatever the main thread is doing.
 *
 * SEGWB_STUCK_AFTER_MS sets how long an interrupted query may go on before the engine asks to be
 * replaced (db.ts; default 3 s). Tests set it low; nothing else needs to. SEGWB_SETTINGS_DIR (set by
 * `segwb serve`) is the app's settings folder: recent workspaces are kept there.
 */
import { currentParentLink, serveEngineChild } from './childMain';
import { parentPidFromArgv, startLifeline } from './childLifeline';
import type { EngineControls, EngineInstance } from './link';

const parentPid = parentPidFromArgv() ?? process.ppid;
const lifeline = startLifeline({ parentPid });

async function createRealEngine(controls: EngineControls): Promise<EngineInstance> {
  const { createEngine } = await import('../engineApi');
  const stuckAfter = Number(process.env.SEGWB_STUCK_AFTER_MS);
  const settingsDir = process.env.SEGWB_SETTINGS_DIR;
  return createEngine({
    ...(settingsDir ? { settingsDir } : {}),
    ...(Number.isFinite(stuckAfter) && stuckAfter > 0 ? { stuckAfterMs: stuckAfter } : {}),
    // Only the end of this process stops a statement that ignored its interrupt.
    onQueryStuck: () => controls.requestRestart('A query did not stop after it was cancelled'),
  });
}

// Ctrl-C in a terminal reaches the whole process group; the parent decides when the engine stops.
process.on('SIGINT', () => {});

serveEngineChild(createRealEngine, currentParentLink(), {
  exit: (code) => process.exit(code),
  kill: () => process.kill(process.pid, 'SIGKILL'),
  shuttingDown: (ms) => lifeline.deadline(ms),
}).catch((err: unknown) => {
  process.stderr.write(`segwb engine: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(70);
});
