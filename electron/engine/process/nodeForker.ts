/**
 * Forks the engine child with Node's child_process (web host, CLI, tests). Built (out/node, the
 * CLI's layout) the child is the built child.js beside this code; from source (tests) a `.ts` entry
 * runs through tsx, a development tool, registered by absolute URL so the child starts from any
 * working directory. The
 * child's stdout is sent to the parent's stderr: the CLI's stdout carries only its own output.
 *
 * The child never outlives this process when it can help it: every child still running when this
 * process exits (process.exit after a signal, an uncaught error) is SIGKILLed from the 'exit' hook,
 * which runs synchronously whatever ended the process. Against a SIGKILL of this process, which runs
 * no hook, the child watches its side of the link itself (childLifeline.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineProcess, Forker } from './engineHost';
import { engineChildArgs, engineChildEnv } from './engineEnv';

/** The engine child entry next to this module: child.js when this code is built, child.ts from source. */
export function defaultEngineEntry(): string {
  return fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './child.ts' : './child.js', import.meta.url));
}

const live = new Set<ChildProcess>();
let exitHooked = false;
function killLiveChildren(): void {
  for (const cp of live) {
    try {
      cp.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function nodeForker(entry: string = defaultEngineEntry(), opts: { env?: NodeJS.ProcessEnv } = {}): Forker {
  const execArgv = entry.endsWith('.ts')
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', killLiveChildren);
  }
  return (): EngineProcess => {
    const cp = fork(entry, engineChildArgs(), {
      execArgv,
      env: engineChildEnv(opts.env ?? process.env),
      stdio: ['ignore', 2, 2, 'ipc'],
      serialization: 'json',
    });
    live.add(cp);
    let exitListener: ((info: { code: number | null; signal: string | null }) => void) | null = null;
    let done = false;
    const finish = (code: number | null, signal: string | null) => {
      live.delete(cp);
      if (done) return;
      done = true;
      exitListener?.({ code, signal });
    };
    cp.on('exit', (code, signal) => finish(code, signal));
    cp.on('error', () => {
      // Spawn failure or a failed send; a dead channel is also reported through 'exit'.
      if (cp.exitCode !== null || cp.pid === undefined) finish(cp.exitCode ?? 1, null);
    });
    return {
      post(message) {
        if (cp.connected) cp.send(message, (err) => void err); // the exit handler reports a dead child
      },
      onMessage: (l) => void cp.on('message', l),
      onExit(l) {
        exitListener = l;
      },
      kill: () => void cp.kill('SIGKILL'),
      get pid() {
        return cp.pid;
      },
    };
  };
}
