// The engine child's lifeline (issue 9, item 2): its own thread ends the process when the parent is
// gone or a shutdown overruns, even while the main thread is blocked for good.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, 'lifelineChild.ts');

function start(
  parentPid: number,
  mode = '',
): { child: ChildProcess; armed: Promise<void>; ended: Promise<string | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(parentPid), mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const armed = new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  const ended = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  return { child, armed, ended };
}

describe('the engine child lifeline', () => {
  it('kills a blocked process once its parent is gone', { timeout: 60_000 }, async () => {
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const { armed, ended } = start(parent.pid!);
    await armed;
    parent.kill('SIGKILL');
    expect(await ended).toBe('SIGKILL');
  });

  it('kills a blocked process whose shutdown overran its deadline, parent alive', { timeout: 60_000 }, async () => {
    const { armed, ended } = start(process.pid, 'deadline');
    await armed;
    expect(await ended).toBe('SIGKILL');
  });
});
