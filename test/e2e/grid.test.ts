/**
 * E2E: the demo workspace in Chromium through the real web host — rows show, sorting changes the
 * first row to the column's minimum/maximum (computed independently by the engine's profile
 * aggregates over the API, not by the sort path), the profile panel opens, and the main window
 * (a template open in the rule builder) is saved as a screenshot for the README.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableInfo } from '../../shared/api/dataApi';
import { connectApi, firstCell, openApp, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;
let remote: Awaited<ReturnType<typeof connectApi>>;
let accounts: TableInfo;

beforeAll(async () => {
  host = await startHost();
  remote = await connectApi(host);
  const tables = await remote.api.listTables({});
  accounts = tables.find((t) => t.name === 'accounts')!;
  browser = await openApp(host);
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

describe('demo workspace in the browser', () => {
  it('lists the demo tables with row counts and snapshots, and shows rows of accounts', async () => {
    const { page } = browser;
    expect(accounts).toBeDefined();
    for (const name of ['accounts', 'tickets', 'usage_events']) await page.getByTestId(`table-item-${name}`).waitFor();
    expect(await page.getByTestId('table-rows-accounts').textContent()).toBe(accounts.rows.toLocaleString('en-US'));
    await expect.poll(() => page.getByTestId('row-count').getAttribute('data-rows')).toBe(String(accounts.rows));
    // Six monthly snapshots of accounts, by as-of date (the demo's history: 2026-06-01 … 2026-11-01).
    for (const asOf of ['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'])
      await page.getByTestId(`snapshot-item-${asOf}`).waitFor();
    expect(await page.locator('[data-testid^=snapshot-item-]').count()).toBe(6);
    const first = await firstCell(page, 'account_id');
    expect(first).toMatch(/^A\d{6}$/);
    expect(await page.locator('[role=row][row-index]').count()).toBeGreaterThan(10);
    expect(await page.locator('[role=gridcell][col-id=mrr]').count()).toBeGreaterThan(10);
    expect(browser.errors).toEqual([]);
  });

  it('sorting mrr puts the minimum first, then the maximum, changing the first row', async () => {
    const { page } = browser;
    const profile = await remote.api.profileColumn({ table: 'accounts', column: 'mrr' });
    expect(typeof profile.min).toBe('number');
    const naturalFirst = await firstCell(page, 'account_id');
    const header = page.locator('.ag-header-cell[col-id=mrr] .hdr-name');

    await header.click();
    await expect
      .poll(async () => Number((await firstCell(page, 'mrr')).replaceAll(',', '')), { timeout: 30_000 })
      .toBeCloseTo(profile.min as number, 6);
    const ascFirst = await firstCell(page, 'account_id');

    await header.click();
    await expect
      .poll(async () => Number((await firstCell(page, 'mrr')).replaceAll(',', '')), { timeout: 30_000 })
      .toBeCloseTo(profile.max as number, 6);
    const descFirst = await firstCell(page, 'account_id');
    expect(descFirst).not.toBe(ascFirst);
    expect([ascFirst, descFirst].some((id) => id !== naturalFirst)).toBe(true);
    expect(await page.locator('.ag-header-cell[col-id=mrr]').getAttribute('aria-sort')).toBe('descending');
  });

  it('a column filter is pushed down: the row count matches the value count from the profile', async () => {
    const { page } = browser;
    const plan = await remote.api.profileColumn({ table: 'accounts', column: 'plan' });
    const pro = plan.top?.find((t) => t.value === 'pro')?.count;
    expect(pro).toBeGreaterThan(0);
    await page.locator('.ag-header-cell[col-id=plan] .ag-header-cell-filter-button').click();
    const input = page.locator('.ag-filter-body input').first();
    await input.fill('pro');
    await expect
      .poll(() => page.getByTestId('row-count').getAttribute('data-rows'), { timeout: 30_000 })
      .toBe(String(pro));
    await expect.poll(() => firstCell(page, 'plan')).toBe('pro');
    await input.fill('');
    await expect
      .poll(() => page.getByTestId('row-count').getAttribute('data-rows'), { timeout: 30_000 })
      .toBe(String(accounts.rows));
    await page.keyboard.press('Escape');
  });

  it('the boolean column filter keeps the true rows; the count matches the profile', async () => {
    const { page } = browser;
    const p = await remote.api.profileColumn({ table: 'accounts', column: 'cancellation_requested' });
    const trues = p.top?.find((t) => t.value === true)?.count;
    expect(trues).toBeGreaterThan(0);
    const header = page.locator('.ag-header-cell[col-id=cancellation_requested]');
    // Columns are virtualised: scroll right until the header is rendered.
    for (let x = 0; (await header.count()) === 0 && x < 20_000; x += 400) {
      await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el, left) => el.scrollTo({ left }), x);
      await page.waitForTimeout(50);
    }
    await header.locator('.ag-header-cell-filter-button').click();
    await page.locator('.bool-filter label', { hasText: 'true' }).first().click();
    await expect
      .poll(() => page.getByTestId('row-count').getAttribute('data-rows'), { timeout: 30_000 })
      .toBe(String(trues));
    await page.locator('.bool-filter label', { hasText: 'All' }).click();
    await expect
      .poll(() => page.getByTestId('row-count').getAttribute('data-rows'), { timeout: 30_000 })
      .toBe(String(accounts.rows));
    await page.keyboard.press('Escape');
    await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => el.scrollTo({ left: 0 }));
    await page.locator('.ag-header-cell[col-id=plan]').waitFor();
  });

  it('opens the column profile from a header and saves the main window screenshot', async () => {
    const { page } = browser;
    const plan = await remote.api.profileColumn({ table: 'accounts', column: 'plan' });
    await page.getByTestId('profile-button-plan').click();
    await page.getByTestId('profile-chart').waitFor();
    expect(await page.getByTestId('profile-distinct').textContent()).toBe(plan.distinct.toLocaleString('en-US'));
    await page.waitForTimeout(400); // let the chart draw
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'column-profile.png') });
    // The README picture: a shipped template open in the rule builder beside the grid.
    const template = page.getByTestId('segment-item-Activated');
    if ((await template.count()) > 0) {
      await page.getByRole('button', { name: 'Close profile' }).click();
      await template.click();
      await page.locator('.live.ready').waitFor({ timeout: 30_000 });
      await page
        .getByTestId('funnel')
        .waitFor({ timeout: 30_000 })
        .catch(() => undefined);
    }
    await page.screenshot({ path: join(resultsDir, 'main-window.png') });
    await page.getByTestId('theme-toggle').click();
    const theme = await page.locator('html').getAttribute('data-theme');
    expect(['light', 'dark']).toContain(theme);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(resultsDir, `main-window-${theme}.png`) });
  });
});
