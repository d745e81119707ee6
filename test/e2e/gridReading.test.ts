/**
 * E2E at 1280×800: the grid for reading — formatted numbers and timestamps with the exact value in
 * the tooltip; a ✓ column sorted and filtered, its count the Activated reference's (demoReference.ts,
 * evaluated here over the raw rows); the column profile following the grid's filter; the ✓ columns
 * menu closing on Escape and on a click outside, inside the viewport; the status bar's words; and
 * "Open workspace" with its folder browser and recent workspaces. Screenshots go to test-results/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/api/dataApi';
import { fetchAllRows, isActivated, latestAsOf, type Row } from './demoReference';
import { connectApi, firstCell, openApp, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

const VIEWPORT = { width: 1280, height: 800 };
let host: RunningHost;
let browser: Browser;
let remote: Awaited<ReturnType<typeof connectApi>>;
let rows: Row[] = [];
let asOfDay = '';
const ACTIVATED_COL = (file: string) => `segment:${file}`;
let activatedFile = '';

beforeAll(async () => {
  host = await startHost();
  remote = await connectApi(host);
  asOfDay = await latestAsOf(remote.api, 'accounts');
  rows = await fetchAllRows(remote.api, 'accounts');
  activatedFile = (await remote.api.listDefinitions({})).find((d) => d.name === 'Activated')!.file;
  browser = await openApp(host, VIEWPORT);
  await browser.page.getByTestId('table-item-accounts').waitFor();
  await firstCell(browser.page, 'account_id');
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

/** Scroll the grid sideways until the column's header is rendered (columns are virtualised). */
async function showColumn(colId: string): Promise<void> {
  const { page } = browser;
  const header = page.locator(`.ag-header-cell[col-id="${colId}"]`);
  for (let x = 0; (await header.count()) === 0 && x < 20_000; x += 300) {
    await page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el, left) => el.scrollTo({ left }), x);
    await page.waitForTimeout(50);
  }
  await header.scrollIntoViewIfNeeded();
}

async function scrollHome(): Promise<void> {
  await browser.page.locator('.ag-body-horizontal-scroll-viewport').evaluate((el) => el.scrollTo({ left: 0 }));
}

/** The tooltip text of the first row's cell in a column (AG Grid's tooltip, after hovering). */
async function tooltipOf(colId: string): Promise<string> {
  const { page } = browser;
  await page.mouse.move(5, 5);
  await page
    .locator('.ag-tooltip')
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.locator(`[role=row][row-index="0"]:not(.ag-row-loading) [role=gridcell][col-id="${colId}"]`).hover();
  const tip = page.locator('.ag-tooltip');
  await tip.waitFor({ state: 'visible', timeout: 10_000 });
  return ((await tip.textContent()) ?? '').trim();
}

const rowCount = () => browser.page.getByTestId('row-count').getAttribute('data-rows');
const statusRows = async () => ((await browser.page.getByTestId('status-rows').textContent()) ?? '').trim();
const activated = (r: Record<string, CellValue>) => isActivated(r, asOfDay);

describe('the grid for reading, at 1280×800', () => {
  it('shows numbers with separators and decimals, the exact value in the tooltip', async () => {
    const { page } = browser;
    // The largest mrr, computed here from the raw rows: over 1,000, so it has a separator.
    const max = Math.max(...rows.map((r) => (typeof r.mrr === 'number' ? r.mrr : -Infinity)));
    expect(max).toBeGreaterThan(1000);
    await showColumn('mrr');
    await page.locator('.ag-header-cell[col-id=mrr] .hdr-name').click();
    await page.locator('.ag-header-cell[col-id=mrr] .hdr-name').click();
    await expect.poll(() => page.locator('.ag-header-cell[col-id=mrr]').getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(async () => Number((await firstCell(page, 'mrr')).replaceAll(',', '')), { timeout: 30_000 })
      .toBeCloseTo(max, 2);
    const shown = await firstCell(page, 'mrr');
    // Thousands separator, at most two decimals.
    expect(shown).toMatch(/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/);
    expect(await tooltipOf('mrr')).toBe(String(max));
    await page.screenshot({ path: join(resultsDir, 'grid-formatted-tooltip.png') });
    // A timestamp reads as a date and a time; the tooltip has the exact instant.
    await showColumn('last_active_at');
    const ts = await firstCell(page, 'last_active_at');
    expect(ts).toMatch(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/);
    const tip = await tooltipOf('last_active_at');
    expect(tip).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(tip.startsWith(ts.slice(0, 10))).toBe(true);
    // Back to natural order.
    await showColumn('mrr');
    await page.locator('.ag-header-cell[col-id=mrr] .hdr-name').click();
    await expect.poll(() => page.locator('.ag-header-cell[col-id=mrr]').getAttribute('aria-sort')).toBe('none');
    await scrollHome();
  });

  it('the ✓ columns menu closes on Escape and on a click outside, and stays inside the viewport', async () => {
    const { page } = browser;
    const picker = page.getByTestId('grid-membership-picker');
    const menu = page.getByTestId('grid-membership-menu');
    await picker.click();
    await menu.waitFor();
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
    expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
    await page.screenshot({ path: join(resultsDir, 'grid-columns-menu.png') });
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await picker.click();
    await menu.waitFor();
    await page.locator('.grid-title').click();
    await menu.waitFor({ state: 'detached' });
  });

  it('a ✓ column filters to the members (the reference count) and sorts them first; the status bar says so', async () => {
    const { page } = browser;
    const expected = rows.filter(activated).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(rows.length);
    await page.getByTestId('grid-membership-picker').click();
    await page.getByTestId('grid-membership-Activated').check();
    await page.keyboard.press('Escape');
    const col = ACTIVATED_COL(activatedFile);
    const header = page.locator(`.ag-header-cell[col-id="${col}"]`);
    // The grid scrolls to the new column; columns are virtualised, so find it wherever it is.
    await expect
      .poll(
        async () => {
          await showColumn(col);
          return header.count();
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    // Adding the column rebuilds the view ("preparing…" meanwhile).
    await expect.poll(statusRows, { timeout: 30_000 }).toBe(`accounts: ${rows.length.toLocaleString('en-US')} rows`);

    // Sort: descending puts every member first.
    await header.locator('.ag-header-cell-text').click();
    await header.locator('.ag-header-cell-text').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => firstCell(page, col), { timeout: 30_000 }).toBe('✓');
    for (let i = 0; i < 10; i++) {
      const id =
        (
          await page
            .locator(`[role=row][row-index="${i}"]:not(.ag-row-loading) [role=gridcell][col-id=account_id]`)
            .textContent()
        )?.trim() ?? '';
      expect(activated(rows.find((r) => r.account_id === id)!)).toBe(true);
    }
    await header.locator('.ag-header-cell-text').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('none');

    // Filter: members only, then non-members.
    await header.locator('.ag-header-cell-filter-button').click();
    await page.locator(`[data-testid="bool-filter-${col}"] label`, { hasText: '✓ members' }).click();
    await expect.poll(rowCount, { timeout: 30_000 }).toBe(String(expected));
    await expect
      .poll(statusRows)
      .toBe(
        `accounts: ${expected.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} rows · members of Activated`,
      );
    await page.screenshot({ path: join(resultsDir, 'grid-member-filter-status.png') });
    await page.locator(`[data-testid="bool-filter-${col}"] label`, { hasText: 'not members' }).click();
    await expect.poll(rowCount, { timeout: 30_000 }).toBe(String(rows.length - expected));
    await expect
      .poll(statusRows)
      .toBe(
        `accounts: ${(rows.length - expected).toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} rows · not in Activated`,
      );
    await page.locator(`[data-testid="bool-filter-${col}"] label`, { hasText: '✓ members' }).click();
    await expect.poll(rowCount, { timeout: 30_000 }).toBe(String(expected));
    await page.keyboard.press('Escape');
  });

  it('the column profile follows the grid: members only while the grid shows members', async () => {
    const { page } = browser;
    const members = rows.filter(activated);
    const nulls = members.filter((r) => r.nps === null).length;
    await showColumn('nps');
    await page.getByTestId('profile-button-nps').click();
    const panel = page.getByTestId('profile-panel');
    await panel.waitFor();
    await expect
      .poll(() => page.getByTestId('profile-rows').getAttribute('data-rows'), { timeout: 30_000 })
      .toBe(String(members.length));
    expect(await page.getByTestId('profile-rows').textContent()).toContain('members of Activated');
    expect(
      (await page.getByTestId('profile-nulls').textContent())?.trim().startsWith(nulls.toLocaleString('en-US')),
    ).toBe(true);
    await page.screenshot({ path: join(resultsDir, 'grid-profile-follows-filter.png') });
    // Clearing the ✓ filter: the profile is of every row again.
    const col = ACTIVATED_COL(activatedFile);
    await showColumn(col);
    await page.locator(`.ag-header-cell[col-id="${col}"] .ag-header-cell-filter-button`).click();
    await page.locator(`[data-testid="bool-filter-${col}"] label`, { hasText: 'All' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(rowCount, { timeout: 30_000 }).toBe(String(rows.length));
    await expect
      .poll(() => page.getByTestId('profile-rows').getAttribute('data-rows'), { timeout: 30_000 })
      .toBe(String(rows.length));
    expect(await page.getByTestId('profile-rows').textContent()).toContain('all rows');
    await page.getByRole('button', { name: 'Close profile' }).click();
  });

  it('a column filter: "n of N rows · filtered" in the status bar', async () => {
    const { page } = browser;
    const pro = rows.filter((r) => typeof r.plan === 'string' && r.plan.toLowerCase().includes('pro')).length;
    await scrollHome();
    await page.locator('.ag-header-cell[col-id=plan] .ag-header-cell-filter-button').click();
    await page.locator('.ag-filter-body input').first().fill('pro');
    await expect.poll(rowCount, { timeout: 30_000 }).toBe(String(pro));
    await expect
      .poll(statusRows)
      .toBe(`accounts: ${pro.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} rows · filtered`);
    await page.locator('.ag-filter-body input').first().fill('');
    await expect.poll(rowCount, { timeout: 30_000 }).toBe(String(rows.length));
    await page.keyboard.press('Escape');
    expect(browser.errors).toEqual([]);
  });

  it('"Open workspace" browses folders on the host and lists recent workspaces', async () => {
    const { page } = browser;
    const demo = (await remote.api.getWorkspace({}))!.path;
    await page.getByTestId('workspace-menu').click();
    const panel = page.getByTestId('workspace-menu-panel');
    await panel.waitFor();
    await page.getByTestId('browse-folders').click();
    // It starts beside the open workspace: the host's home, with the demo (a workspace) and cwd.
    const demoItem = page.locator('[data-testid=folder-item][data-name=demo]');
    await demoItem.waitFor();
    expect(await demoItem.textContent()).toContain('workspace');
    const box = (await panel.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
    expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
    await page.screenshot({ path: join(resultsDir, 'workspace-folder-browser.png') });
    await page.locator('[data-testid=folder-item][data-name=cwd]').click();
    await expect
      .poll(async () => (await page.getByTestId('folder-browser-path').textContent())?.trim())
      .toMatch(/cwd$/);
    await page.getByTestId('folder-open').click();
    await expect.poll(async () => (await remote.api.getWorkspace({}))?.name, { timeout: 30_000 }).toBe('cwd');
    await expect.poll(async () => (await page.getByTestId('workspace-menu').textContent())?.trim()).toMatch(/^cwd/);
    // The demo is now a recent workspace: one click brings it back.
    await page.getByTestId('workspace-menu').click();
    const recent = page.locator(`[data-testid=recent-workspace][data-path="${demo}"]`);
    await recent.waitFor();
    await page.screenshot({ path: join(resultsDir, 'workspace-recent.png') });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.getByTestId('workspace-menu').click();
    await recent.click();
    await expect.poll(async () => (await remote.api.getWorkspace({}))?.path, { timeout: 30_000 }).toBe(demo);
    await page.getByTestId('table-item-accounts').waitFor();
    expect(browser.errors).toEqual([]);
  });
});
