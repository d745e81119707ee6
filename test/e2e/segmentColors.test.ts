/**
 * E2E on the demo workspace: a segment or tier has one colour everywhere (its sidebar swatch is the
 * colour of its column in the compare view, and the columns' colours differ), and the rule builder
 * says when the grid shows another table than the definition's, with one click to show that table
 * (meanwhile the grid's draft controls are not offered on the other table).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, startHost, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost();
  browser = await openApp(host, { width: 1500, height: 950 });
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** The browser's getComputedStyle (this file is typed for Node, which has no DOM types). */
type Styles = { getComputedStyle(el: unknown): { backgroundColor: string } };

const background = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor);

describe('one colour per segment and tier', () => {
  it("the sidebar's swatches are the compare view's column colours, all different", async () => {
    const { page } = browser;
    await page.getByTestId('segment-count-Activated').waitFor();
    await page.getByTestId('tier-dot-Value tiers-High').waitFor({ timeout: 60_000 });
    const sidebar = {
      Activated: await background(page, 'segment-dot-Activated'),
      Advocates: await background(page, 'segment-dot-Advocates'),
      'At risk of churn': await background(page, 'segment-dot-At risk of churn'),
      'Value tiers / High': await background(page, 'tier-dot-Value tiers-High'),
    };
    await page.getByTestId('compare-check-Activated').click();
    await page.getByTestId('compare-check-Advocates').click();
    await page.getByTestId('compare-check-At risk of churn').click();
    await page.getByTestId('compare-check-Value tiers-High').click();
    await page.getByTestId('compare-run').click();
    await page.getByTestId('kpi-table').waitFor({ timeout: 60_000 });
    const names = await page
      .locator('[data-testid=kpi-table] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect(names.slice(1).sort()).toEqual(Object.keys(sidebar).sort());
    const columns: string[] = [];
    for (const [c, name] of names.slice(1).entries()) {
      const color = await background(page, `compare-column-dot-${c}`);
      expect(color, name!).toBe(sidebar[name as keyof typeof sidebar]);
      columns.push(color);
    }
    expect(new Set(columns).size).toBe(4);
    // The KPI table's dots are the same colours, row by row.
    const rowDots = await page
      .locator('[data-testid=kpi-table] tbody tr .seg-dot')
      .evaluateAll((dots) => dots.map((d) => (globalThis as unknown as Styles).getComputedStyle(d).backgroundColor));
    expect(rowDots).toEqual(columns);
  });
});

describe('the builder and a grid on another table', () => {
  it('says the grid shows another table, offers no draft controls there, and switches back in one click', async () => {
    const { page } = browser;
    await page.getByTestId('tab-grid').click();
    await page.getByTestId('segment-item-Activated').click();
    await page.getByTestId('builder-panel').waitFor();
    await page.getByTestId('builder-grid-toggles').waitFor();
    expect(await page.getByTestId('grid-table-notice').count()).toBe(0);
    await page.getByTestId('table-item-tickets').click();
    const notice = page.getByTestId('grid-table-notice');
    await notice.waitFor();
    expect((await notice.textContent())?.replace(/\s+/g, ' ')).toContain(
      'The grid shows tickets; this segment is about accounts.',
    );
    // The draft's members-only toggle and ✓ column are about accounts: not offered over tickets.
    expect(await page.getByTestId('builder-grid-toggles').count()).toBe(0);
    await page.getByTestId('grid-membership-picker').click();
    expect(await page.getByTestId('grid-membership-draft').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('grid-table-notice-show').click();
    await expect.poll(() => page.getByTestId('row-count').getAttribute('data-rows')).toBe('20000');
    expect(await page.getByTestId('grid-table-notice').count()).toBe(0);
    await page.getByTestId('builder-grid-toggles').waitFor();
  });
});
