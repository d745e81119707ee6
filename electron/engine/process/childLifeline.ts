/**
 * The engine child's lifeline: a worker thread that kills the process when its parent is gone, or
 * when a shutdown overruns its deadline. It runs on its own thread because the main thread may be
 * the one that is stuck: closing a DuckDB connection under a statement that ignores its interrupt
 * blocks the closing thread, and process.exit() waits forever for DuckDB work still on the thread
 * pool. Either way the process went on holding the workspace's lock at full CPU after its parent
 * (a `segwb count` stopped with Ctrl-C, or SIGKILLed) was gone.
 *
 * The main thread hears of a parent that goes away through the IPC channel's 'disconnect' and shuts
 * down cleanly; the lifeline is the backstop. It polls the parent (pid alive, and our ppid unchanged
 * since start: a reparented process has lost its parent) and, once the parent is gone, gives the main
 * thread `graceMs` to finish before the SIGKILL. The worker is unref'd: it never keeps the process up.
 */
import { Worker } from 'node:worker_threads';

export interface Lifeline {
  /** Kill the process if it is still alive `ms` from now (a shutdown has started). */
  deadline(ms: number): void;
}

export interface LifelineOptions {
  /** The pid of the process that started this one (its `--parent=` argument). */
  parentPid: number;
  pollMs?: number;
  graceMs?: number;
}

// Plain JavaScript run by the worker (eval: no loader, no TypeScript).
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { parentPid, pollMs, graceMs } = workerData;
const startPpid = process.ppid;
const die = () => process.kill(process.pid, 'SIGKILL');
const alive = (pid) => {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
};
let doomed = false;
const poll = setInterval(() => {
  if (doomed) return;
  if (process.ppid !== startPpid || !alive(parentPid)) {
    doomed = true;
    clearInterval(poll);
    setTimeout(die, graceMs);
  }
}, pollMs);
parentPort.on('message', (m) => {
  if (m && m.type === 'deadline' && typeof m.ms === 'number') setTimeout(die, m.ms);
});
`;

export function startLifeline(options: LifelineOptions): Lifeline {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { parentPid: options.parentPid, pollMs: options.pollMs ?? 500, graceMs: options.graceMs ?? 3000 },
    // No loader (the engine may run under tsx) and its own small heap: it never touches the engine's data.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: 16 },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  worker.on('error', () => {
    // Without a lifeline the 'disconnect' handler still ends the process; nothing to do here.
  });
  return {
    deadline(ms) {
      worker.postMessage({ type: 'deadline', ms });
    },
  };
}

/** The `--parent=<pid>` argument of this process, if any. */
export function parentPidFromArgv(argv: readonly string[] = process.argv): number | null {
  for (const a of argv) {
    const m = /^--parent=(\d+)$/.exec(a);
    if (m) return Number(m[1]);
  }
  return null;
}
