/**
 * E2E on real third-party data (../shared/data/real/telco_customer_churn.csv, IBM's Telco churn
 * sample): a new analyst imports the export through the dialog, builds "month-to-month contracts
 * with tenure < 12 and MonthlyCharges > 70", saves it, tightens it to > 80 as version 2, reads the
 * diff, compares it with the churned customers and exports the members. Every figure is checked
 * against a count computed here in JS from the CSV itself (no quoted fields in that file, so a
 * split on commas reads it), independent of the engine.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, repoRoot, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

const CSV = join(repoRoot, '../shared/data/real/telco_customer_churn.csv');

interface Customer {
  id: string;
  contract: string;
  tenure: number;
  monthly: number;
  churn: boolean;
}

function readCustomers(): Customer[] {
  const [head, ...lines] = readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  const at = (name: string) => cols.indexOf(name);
  return lines.map((l) => {
    const f = l.split(',');
    return {
      id: f[at('customerID')]!,
      contract: f[at('Contract')]!,
      tenure: Number(f[at('tenure')]),
      monthly: Number(f[at('MonthlyCharges')]),
      churn: f[at('Churn')] === 'Yes',
    };
  });
}

const customers = readCustomers();
const newMonthly = (min: number) =>
  customers.filter((c) => c.contract === 'Month-to-month' && c.tenure < 12 && c.monthly > min);
const fmt = (n: number) => n.toLocaleString('en-US');

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost();
  browser = await openApp(host, { width: 1280, height: 800 });
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const liveCount = (b: Browser) => b.page.getByTestId('live-count').getAttribute('data-count');

describe('a new analyst on the Telco churn export', () => {
  it('imports the real CSV through the dialog: every record loaded', async () => {
    const { page } = browser;
    expect(customers.length).toBe(7043);
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(CSV);
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-table-name').inputValue()).toBe('telco_customer_churn');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('report-loaded').textContent()).toBe(fmt(customers.length));
    expect(await page.getByTestId('report-rejected').textContent()).toBe('0');
    await page.getByTestId('import-close').click();
    await page.getByTestId('table-item-telco_customer_churn').click();
    await expect.poll(() => page.getByTestId('row-count').getAttribute('data-rows')).toBe(String(customers.length));
  });

  it('builds the segment with a live count equal to the CSV, saves v1, tightens it to v2 and reads the diff', async () => {
    const { page } = browser;
    await page.getByTestId('segment-new').click();
    await page.getByTestId('builder-name').fill('New monthly, high charges');
    await page.getByTestId('add-condition-root').click();
    await page.getByTestId('field-0').selectOption('Contract');
    await page.getByTestId('value-0').fill('Month-to-month');
    await page.getByTestId('add-condition-root').click();
    await page.getByTestId('field-1').selectOption('tenure');
    await page.getByTestId('op-1').selectOption('lt');
    await page.getByTestId('value-1').fill('12');
    await page.getByTestId('add-condition-root').click();
    await page.getByTestId('field-2').selectOption('MonthlyCharges');
    await page.getByTestId('op-2').selectOption('gt');
    await page.getByTestId('value-2').fill('70');
    const v1 = newMonthly(70).length;
    expect(v1).toBe(814);
    await expect.poll(() => liveCount(browser), { timeout: 20_000 }).toBe(String(v1));
    await page.getByTestId('builder-note').fill('first cut');
    await page.getByTestId('builder-save').click();
    await page.getByTestId('version-1').waitFor();

    await page.getByTestId('value-2').fill('80');
    const v2 = newMonthly(80).length;
    await expect.poll(() => liveCount(browser), { timeout: 20_000 }).toBe(String(v2));
    await page.getByTestId('builder-note').fill('charges above 80');
    await page.getByTestId('builder-note').press('Control+s');
    await page.getByTestId('version-2').waitFor();
    await page.getByTestId('compare-run').click();
    expect(await page.getByTestId('diff-entry').allTextContents()).toEqual([
      expect.stringMatching(/MonthlyCharges.*70.*→.*80/),
    ]);
    const members = page.getByTestId('member-diff');
    await members.waitFor({ timeout: 30_000 });
    expect(await members.getAttribute('data-added')).toBe('0');
    expect(await members.getAttribute('data-removed')).toBe(String(v1 - v2));
    await expect
      .poll(() => page.getByTestId('segment-count-New monthly, high charges').textContent(), { timeout: 20_000 })
      .toBe(fmt(v2));
  });

  it('compares it with the churned customers: members and overlap as the CSV says', async () => {
    const { page } = browser;
    await page.getByTestId('segment-new').click();
    await page.getByTestId('builder-name').fill('Churned');
    await page.getByTestId('add-condition-root').click();
    await page.getByTestId('field-0').selectOption('Churn');
    await page.getByTestId('op-0').selectOption({ label: 'is true' });
    const churned = customers.filter((c) => c.churn).length;
    await expect.poll(() => liveCount(browser), { timeout: 20_000 }).toBe(String(churned));
    await page.getByTestId('builder-save').click();
    await page.getByTestId('version-1').waitFor();

    await page.getByTestId('compare-check-Churned').click();
    await page.getByTestId('compare-check-New monthly, high charges').click();
    await page.locator('.sidebar').getByRole('button', { name: 'Compare', exact: true }).click();
    const kpis = page.locator('table').filter({ hasText: 'Whole table' }).first();
    await kpis.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await kpis.innerText()).includes(fmt(churned)), { timeout: 30_000 }).toBe(true);
    const text = await kpis.innerText();
    expect(text).toContain(fmt(customers.length));
    expect(text).toContain(fmt(newMonthly(80).length));
    // Overlap: churned among the v2 members, as the heatmap's table shows it.
    const both = newMonthly(80).filter((c) => c.churn).length;
    await page.getByText('As a table').first().click();
    await expect
      .poll(async () => (await page.locator('table').allInnerTexts()).some((t) => t.includes(fmt(both))), {
        timeout: 20_000,
      })
      .toBe(true);
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'telco-compare.png') });
    expect(browser.errors).toEqual([]);
  });

  it('exports the v2 members to CSV: exactly the customers the CSV says', async () => {
    const { page } = browser;
    await page.getByTestId('segment-export-New monthly, high charges').click({ force: true });
    await page.getByTestId('export-dialog').waitFor();
    await page.getByTestId('export-format-csv').check();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-run').click(),
    ]);
    const [head, ...rows] = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    const idAt = head!.split(',').indexOf('customerID');
    expect(rows.map((r) => r.split(',')[idAt]).sort()).toEqual(
      newMonthly(80)
        .map((c) => c.id)
        .sort(),
    );
  });
});
