/**
 * E2E: the engine process dies (SIGKILL, as a DuckDB crash would) while the app is open. The status
 * bar reports it, the host restarts the engine and reopens the workspace, and the grid shows rows
 * again without reloading the page (SPEC §10).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstCell, openApp, startHost, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost();
  browser = await openApp(host);
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** The engine child of our own `segwb serve` process (from /proc: no `ps` needed on CI images). */
function engineChildPid(): number {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid …; comm may contain spaces, so parse after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === host.pid) pids.push(Number(entry));
  }
  if (pids.length !== 1)
    throw new Error(`expected one engine child of ${host.pid}, found ${pids.join(', ') || 'none'}`);
  return pids[0]!;
}

describe('engine crash in the browser', () => {
  it('shows the crash and the restart, and the grid carries on', async () => {
    const { page } = browser;
    expect(await firstCell(page, 'account_id')).toMatch(/^A\d{6}$/);
    const before = engineChildPid();
    process.kill(before, 'SIGKILL');
    await expect
      .poll(async () => (await page.getByTestId('engine-state').textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/restarted|crashed/i);
    await expect.poll(() => engineChildPid(), { timeout: 30_000 }).not.toBe(before);
    await expect
      .poll(async () => (await page.getByTestId('engine-state').textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/restarted/i);
    // The workspace was reopened: sorting (a new prepareView on the new engine) works.
    expect(await page.getByTestId('table-rows-accounts').textContent()).toBe('20,000');
    await page.locator('.ag-header-cell[col-id=seats] .hdr-name').click();
    await expect.poll(async () => Number(await firstCell(page, 'seats')), { timeout: 30_000 }).toBeLessThanOrEqual(1);
    expect(browser.errors).toEqual([]);
  });
});
