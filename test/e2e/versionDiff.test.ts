/**
 * E2E (issue 11 item 6) at 1280×800 on the demo data: edit the shipped "Activated" segment into a
 * second version, compare the versions, and the member diff counts every added and removed member;
 * "▸ grid" shows exactly the added rows and their export holds exactly those keys — each count and
 * key set computed here from the raw rows (demoReference.ts), not by the engine. Then edit "Value
 * tiers": its diff says how many rows moved Medium → Low (counted here), its headline gives each
 * tier's count and its measurement records them per tier. Screenshots in test-results/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/api/dataApi';
import { fetchAllRows, isActivated, latestAsOf, valueTier } from './demoReference';
import { connectApi, openApp, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;
let remote: Awaited<ReturnType<typeof connectApi>>;
let rows: Record<string, CellValue>[] = [];
let asOfDay = '';

beforeAll(async () => {
  host = await startHost();
  remote = await connectApi(host);
  asOfDay = await latestAsOf(remote.api, 'accounts');
  rows = await fetchAllRows(remote.api, 'accounts');
  browser = await openApp(host, { width: 1280, height: 800 });
  await browser.page.getByTestId('table-item-accounts').waitFor();
  mkdirSync(resultsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

/** Activated with its two thresholds: billable usage ≥ minPct and inactive days ≤ maxDays. */
const activatedWith = (r: Record<string, CellValue>, minPct: number, maxDays: number) =>
  isActivated(r, asOfDay, maxDays) &&
  typeof r.billable_ticket_usage_pct === 'number' &&
  r.billable_ticket_usage_pct >= minPct;

/** Value tiers with Medium from `mediumMin` (High as shipped; a NULL value is Low). */
function tierWith(r: Record<string, CellValue>, mediumMin: number): 'High' | 'Medium' | 'Low' {
  const t = valueTier(r);
  if (t !== 'Medium') return t;
  return typeof r.contract_value === 'number' && r.contract_value >= mediumMin ? 'Medium' : 'Low';
}

async function saveVersion(note: string): Promise<void> {
  const { page } = browser;
  await page.getByTestId('builder-note').fill(note);
  await page.getByTestId('builder-save').click();
  await page.getByTestId('version-2').waitFor({ timeout: 30_000 });
}

describe('the member diff of two versions of a segment', () => {
  it('lists every added and removed member; the grid shows exactly the added rows and exports them', async () => {
    const { page } = browser;
    const keyed = rows.filter((r) => r.account_id !== null);
    const added = keyed
      .filter((r) => activatedWith(r, 3, 10) && !activatedWith(r, 2, 3))
      .map((r) => String(r.account_id))
      .sort();
    const removed = keyed.filter((r) => activatedWith(r, 2, 3) && !activatedWith(r, 3, 10)).length;
    // More than five examples either way: the diff must list them all, not a sample.
    expect(added.length).toBeGreaterThan(5);
    expect(removed).toBeGreaterThan(5);

    await page.getByTestId('segment-item-Activated').click();
    await expect.poll(() => page.getByTestId('builder-name').inputValue(), { timeout: 20_000 }).toBe('Activated');
    await page.getByTestId('value-0').fill('3');
    await page.getByTestId('value-1').fill('10');
    const v2 = rows.filter((r) => activatedWith(r, 3, 10)).length;
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(v2));
    await saveVersion('more usage, a longer week');

    await page.getByTestId('compare-run').click();
    const diff = page.getByTestId('member-diff');
    await diff.waitFor({ timeout: 30_000 });
    expect(await diff.getAttribute('data-added')).toBe(String(added.length));
    expect(await diff.getAttribute('data-removed')).toBe(String(removed));
    expect(await page.getByTestId('diff-added-count').textContent()).toBe(`+${added.length.toLocaleString('en-US')}`);
    await page.screenshot({ path: join(resultsDir, 'version-diff-segment.png') });

    await page.getByTestId('diff-added-show').click();
    await expect
      .poll(() => page.getByTestId('row-count').getAttribute('data-rows'), { timeout: 30_000 })
      .toBe(String(added.length));
    expect(await page.getByTestId('grid-segment-chip').textContent()).toContain('Activated: added in v2');
    await page.screenshot({ path: join(resultsDir, 'version-diff-added-grid.png') });

    // Export exactly those rows through the usual dialog (here from the grid's chip).
    await page.getByTestId('grid-segment-export').click();
    const dialog = page.getByTestId('export-dialog');
    await expect.poll(() => dialog.getAttribute('data-phase'), { timeout: 20_000 }).toBe('choose');
    await page.getByTestId('export-cols-none').click();
    await page.getByTestId('export-col-account_id').check();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-run').click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    expect(lines[0]).toBe('account_id');
    expect(
      lines
        .slice(1)
        .map((l) => l.replace(/^"|"$/g, ''))
        .sort(),
    ).toEqual(added);
    await page.getByTestId('export-result').waitFor();
    await page.getByTestId('export-close').click();
    // The grid's Rows filter offers the removed members too.
    await page.getByTestId('grid-segment-filter').selectOption('diff:removed');
    await expect
      .poll(() => page.getByTestId('row-count').getAttribute('data-rows'), { timeout: 30_000 })
      .toBe(String(removed));
    expect(await page.getByTestId('grid-segment-chip').textContent()).toContain('Activated: removed in v2');
    await page.getByTestId('grid-segment-clear').click();
    expect(browser.errors).toEqual([]);
  });
});

describe('the diff of two versions of a scheme', () => {
  it('says how many rows moved Medium → Low; the headline and the measurement give per-tier counts', async () => {
    const { page } = browser;
    const moved = rows.filter(
      (r) => r.account_id !== null && tierWith(r, 3_000) === 'Medium' && tierWith(r, 10_000) === 'Low',
    ).length;
    expect(moved).toBeGreaterThan(0);
    const after = { High: 0, Medium: 0, Low: 0 };
    for (const r of rows) after[tierWith(r, 10_000)]++;

    await page.getByTestId('scheme-open-Value tiers').click();
    await expect.poll(() => page.getByTestId('builder-name').inputValue(), { timeout: 20_000 }).toBe('Value tiers');
    await page.getByTestId('tier1-value-root').fill('10000');
    // The headline: every tier's count, otherwise last.
    const headline = async () =>
      [0, 1, 2].map(
        async (i) =>
          `${await page.getByTestId(`live-tier-${i}`).getAttribute('data-name')}=${await page.getByTestId(`live-tier-${i}`).getAttribute('data-count')}`,
      );
    await expect
      .poll(async () => (await Promise.all(await headline())).join(' '), { timeout: 30_000 })
      .toBe(`High=${after.High} Medium=${after.Medium} Low=${after.Low}`);
    await page.getByTestId('live-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'version-diff-scheme-headline.png') });
    await saveVersion('Medium from 10k');

    await page.getByTestId('compare-run').click();
    const move = page.locator('[data-testid=tier-move][data-from=Medium][data-to=Low]');
    await move.waitFor({ timeout: 30_000 });
    expect(await move.getAttribute('data-rows')).toBe(String(moved));
    expect(await move.textContent()).toContain(`${moved.toLocaleString('en-US')} moved Medium → Low`);
    // The only move: nothing else changes tier.
    expect(await page.getByTestId('tier-move').count()).toBe(1);
    expect(await page.getByTestId('tier-count-to-1').getAttribute('data-rows')).toBe(String(after.Medium));
    await page.screenshot({ path: join(resultsDir, 'version-diff-scheme.png') });

    await page.getByTestId(`tier-move-1-2-show`).click();
    await expect
      .poll(() => page.getByTestId('row-count').getAttribute('data-rows'), { timeout: 30_000 })
      .toBe(String(moved));

    // Measure the saved version on the latest snapshot: the record shows each tier's count.
    const snapshots = (await remote.api.listTables({})).find((t) => t.name === 'accounts')!.snapshots;
    await page.getByLabel('Snapshot to measure').selectOption(snapshots.at(-1)!.id);
    await page.getByTestId('measure-run').click();
    const cell = (tier: string) =>
      page
        .locator(`[data-testid=measurement-table] tbody tr`)
        .first()
        .locator(`[data-testid=measurement-tier][data-tier=${tier}]`);
    await expect.poll(() => cell('Low').getAttribute('data-count'), { timeout: 60_000 }).toBe(String(after.Low));
    expect(await cell('High').getAttribute('data-count')).toBe(String(after.High));
    expect(await cell('Medium').getAttribute('data-count')).toBe(String(after.Medium));
    await page.getByTestId('measurements').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'version-diff-scheme-measured.png') });
    expect(browser.errors).toEqual([]);
  });
});
