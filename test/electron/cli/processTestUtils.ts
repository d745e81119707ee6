/**
 * Looking at processes from outside (Linux /proc): the engine child of a segwb process, whether a
 * process is alive, who holds a file's lock, how much CPU a process has used. For the tests that kill
 * a parent and check that its engine went with it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie is dead for our purposes (it holds no lock, runs nothing) until its parent reaps it.
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function stat(pid: number): string[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Pids of the engine children (marked `--segwb-engine`) whose parent is `parentPid`. */
export function engineChildrenOf(parentPid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const fields = stat(pid);
    if (!fields || Number(fields[1]) !== parentPid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('--segwb-engine')) out.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** CPU time used by `pid`, in clock ticks (user + system). */
export function cpuTicks(pid: number): number {
  const fields = stat(pid);
  return fields ? Number(fields[11]) + Number(fields[12]) : 0;
}

/** Pids holding a POSIX lock on `file` (/proc/locks lists them by device and inode). */
export function lockHolders(file: string): number[] {
  const ino = statSync(file).ino;
  const out: number[] = [];
  for (const line of readFileSync('/proc/locks', 'utf8').split('\n')) {
    const m = /^\d+: (?:POSIX|OFDLCK)\s+\S+\s+\S+\s+(\d+|-1) [0-9a-f]+:[0-9a-f]+:(\d+) /.exec(line);
    if (m && Number(m[2]) === ino) out.push(Number(m[1]));
  }
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `pred` every 50 ms until it holds or `timeoutMs` passed; returns whether it held. */
export async function waitFor(pred: () => boolean, timeoutMs = 30_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (pred()) return true;
    await sleep(50);
  }
  return pred();
}
