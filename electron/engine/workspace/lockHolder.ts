/**
 * Who holds a workspace's lock. The lock is DuckDB's: an fcntl lock on workspace.duckdb, which the
 * kernel drops the moment its process dies, so a lock of a dead process never blocks for long (a
 * retry sees it gone). What blocked every later command was a live process: an engine child whose
 * parent (`segwb count`, `segwb serve`) was stopped, spinning on a query that ignored its interrupt.
 * Such an engine is stale: nobody can reach it. DuckDB's refusal names the holder's pid; engine
 * children carry a marker and their parent's pid in their arguments (process/engineEnv.ts), so the
 * holder can be told apart (Linux /proc; elsewhere every live holder counts as another process).
 */
import { readFileSync } from 'node:fs';
import { ENGINE_ARG } from '../process/engineEnv';

export type LockHolder =
  | { kind: 'gone'; pid: number }
  /** An engine whose parent is gone: stale. */
  | { kind: 'orphaned-engine'; pid: number; parentPid: number }
  | { kind: 'engine'; pid: number; parentPid: number }
  | { kind: 'other'; pid: number };

/** The pid DuckDB names in a lock conflict ("Conflicting lock is held in /usr/bin/node (PID 123)"). */
export function lockHolderPid(message: string): number | null {
  const m = /Conflicting lock is held in .*\(PID (\d+)\)/.exec(message);
  return m ? Number(m[1]) : null;
}

export function isLockConflict(message: string): boolean {
  return /Could not set lock on file|Conflicting lock/i.test(message);
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): state, ppid, … */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Alive and not a zombie (a zombie runs nothing and holds no lock; its parent has not reaped it yet). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return procStat(pid)?.[0] !== 'Z';
}

function procPpid(pid: number): number | null {
  const ppid = Number(procStat(pid)?.[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

export function describeLockHolder(pid: number): LockHolder {
  if (!processAlive(pid)) return { kind: 'gone', pid };
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return { kind: 'other', pid };
  }
  if (!args.includes(ENGINE_ARG)) return { kind: 'other', pid };
  const parentArg = args.find((a) => a.startsWith('--parent='));
  const parentPid = parentArg ? Number(parentArg.slice('--parent='.length)) : NaN;
  if (!Number.isInteger(parentPid)) return { kind: 'other', pid };
  // Reparented to init, or its parent is gone: nobody can reach this engine any more.
  const orphaned = !processAlive(parentPid) || procPpid(pid) === 1;
  return orphaned ? { kind: 'orphaned-engine', pid, parentPid } : { kind: 'engine', pid, parentPid };
}
