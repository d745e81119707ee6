// The README's three screenshots, taken from the real app: `node build/screenshots.mjs` after a build
// (`npx vite build && npm run build:node`). Starts `segwb serve --demo` on a fresh demo workspace in
// a temporary SEGWB_HOME, drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) with
// playwright-core at 1440×900 in the light theme, and writes build/screenshot.png (the grid showing
// Activated's members, the builder open on it), build/screenshot-compare.png (key figures and overlap
// of three templates) and build/screenshot-overtime.png (three templates' trends, Activated at a new
// version beside v1 as recorded). The host, its engine and the browser profile are gone when it ends.
// Colours come from the segments' ids, which a new demo workspace draws afresh: look at the result.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = (name) => join(root, 'build', name);
const TEMPLATES = ['Activated', 'Advocates', 'At risk of churn'];

/** `segwb serve --demo --json` in a fresh SEGWB_HOME; resolves with its URL once it listens. */
function startHost(home) {
  const cwd = join(home, 'cwd');
  mkdirSync(cwd);
  const child = spawn(
    process.execPath,
    [join(root, 'electron/cli/segwb.mjs'), 'serve', '--port', '0', '--json', '--demo'],
    { cwd, env: { ...process.env, SEGWB_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`segwb serve did not start:\n${stderr}`)), 180_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const line = stdout.split('\n').find((l) => l.trim().startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).url);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`segwb serve exited with ${code}:\n${stderr}`));
    });
  });
  return { child, ready };
}

/** Wait until charts have finished their entry animation and transient notes are gone. */
async function settle(page) {
  await page.mouse.move(1430, 890); // no hover toolbar or tooltip in the picture
  await page.waitForTimeout(1500);
}

async function main() {
  const home = mkdtempSync(join(tmpdir(), 'segwb-shots-'));
  const profile = mkdtempSync(join(tmpdir(), 'segwb-shots-chromium-'));
  const host = startHost(home);
  let context;
  try {
    const url = await host.ready;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
      colorScheme: 'light',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.getByTestId('table-item-accounts').waitFor({ timeout: 120_000 });
    await page.getByTestId('segment-count-Activated').waitFor();

    // 1. The grid with the builder on a template, its live count and the grid showing its members.
    await page.getByTestId('segment-item-Activated').click();
    await page.getByTestId('builder-panel').waitFor();
    await page.getByTestId('live-count').waitFor();
    await page.getByTestId('grid-segment-filter').selectOption({ label: 'Members of Activated' });
    await page.getByTestId('grid-segment-chip').waitFor();
    await settle(page);
    await page.screenshot({ path: out('screenshot.png') });
    await page.getByTestId('grid-segment-filter').selectOption('');
    await page.getByLabel('Close builder').click();

    // 2. Compare three templates: key figures and the overlap matrix.
    for (const name of TEMPLATES) await page.getByTestId(`compare-check-${name}`).check();
    await page.getByTestId('compare-run').click();
    await page.getByTestId('kpi-table').waitFor({ timeout: 120_000 });
    await page.getByTestId('overlap-chart').locator('canvas').first().waitFor();
    await settle(page);
    await page.screenshot({ path: out('screenshot-compare.png') });

    // 3. Over time: three trends measured with v1 (recorded in the log), then a new version of
    //    Activated, whose trend is drawn beside v1 as recorded (Upsell candidates instead of At risk:
    //    its line stays clear of the v1 marker).
    await page.getByTestId('compare-check-At risk of churn').uncheck();
    await page.getByTestId('compare-check-Upsell candidates').check();
    await page.getByTestId('overtime-run').click();
    await page.getByTestId('trend-table').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-grid').click();
    await page.getByTestId('segment-item-Activated').click();
    await page.getByTestId('builder-panel').waitFor();
    await page.getByTestId('value-1').fill('7');
    await page.getByTestId('builder-note').fill('relax inactivity to a week');
    await page.getByTestId('builder-save').click();
    await page.getByTestId('version-2').waitFor({ timeout: 60_000 });
    await page.getByLabel('Close builder').click();
    await page.getByTestId('tab-overtime').click();
    await page.locator('[data-testid=trend-table] td[data-col="Activated (v2) members"]').first().waitFor({
      timeout: 120_000,
    });
    await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
    await settle(page);
    await page.screenshot({ path: out('screenshot-overtime.png') });

    if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
    console.log('wrote build/screenshot.png, build/screenshot-compare.png, build/screenshot-overtime.png');
  } finally {
    await context?.close();
    if (host.child.exitCode === null) {
      const exited = new Promise((r) => host.child.once('exit', r));
      host.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
      if (host.child.exitCode === null) host.child.kill('SIGKILL');
    }
    rmSync(profile, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
