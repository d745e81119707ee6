/** Runs the real `segwb` bin (node electron/cli/segwb.mjs) as a child process from any folder. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const segwbBin = resolve(repoRoot, 'electron/cli/segwb.mjs');
/** Real third-party data, next to the clone (see the preamble: ../shared relative to the repo root). */
export const telcoCsv = resolve(repoRoot, '../shared/data/real/telco_customer_churn.csv');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runSegwb(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [segwbBin, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
