/**
 * E2E (issue 4): the scheme editor and aggregate filters on the demo data. Open the shipped "Value
 * tiers" scheme from the sidebar with the keyboard, change tier thresholds (a nested condition and a
 * single-condition tier), and check the live per-tier counts against tiers evaluated here in JS from
 * the raw rows (first match wins, NULLs never match); save with a note and find version 2 in the
 * history with a readable diff. Then build an aggregate metric whose filter is a two-condition group
 * over tickets and check the live count against a count from the raw ticket rows.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAllRows, type Row } from './demoReference';
import { connectApi, openApp, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;
let remote: Awaited<ReturnType<typeof connectApi>>;
let accounts: Row[] = [];
let tickets: Row[] = [];

beforeAll(async () => {
  host = await startHost();
  remote = await connectApi(host);
  accounts = await fetchAllRows(remote.api, 'accounts');
  tickets = await fetchAllRows(remote.api, 'tickets');
  browser = await openApp(host, { width: 1500, height: 950 });
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const atLeast = (v: unknown, min: number) => num(v) !== null && num(v)! >= min;

/**
 * Value tiers written from the template: High = contract_value ≥ 50000, or ≥ `highWithSeats` with
 * seats ≥ 100; Medium = contract_value ≥ `mediumMin`; otherwise Low. First match wins.
 */
function valueTierCounts(highWithSeats: number, mediumMin: number): { High: number; Medium: number; Low: number } {
  const out = { High: 0, Medium: 0, Low: 0 };
  for (const r of accounts) {
    const high =
      atLeast(r.contract_value, 50_000) || (atLeast(r.contract_value, highWithSeats) && atLeast(r.seats, 100));
    out[high ? 'High' : atLeast(r.contract_value, mediumMin) ? 'Medium' : 'Low']++;
  }
  return out;
}

describe('scheme editor on the demo data', () => {
  it('opens Value tiers with the keyboard; per-tier counts follow threshold edits and equal the independent tiers', async () => {
    const { page } = browser;
    expect(accounts.length).toBe(20_000);
    const row = page.getByTestId('scheme-open-Value tiers');
    await row.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('builder-name').inputValue(), { timeout: 20_000 }).toBe('Value tiers');
    expect(await page.getByTestId('tier-name-0').inputValue()).toBe('High');
    expect(await page.getByTestId('tier-name-1').inputValue()).toBe('Medium');
    expect(await page.getByTestId('scheme-otherwise').inputValue()).toBe('Low');

    const figures = async () => ({
      High: await page.getByTestId('tier-count-0').getAttribute('data-count'),
      Medium: await page.getByTestId('tier-count-1').getAttribute('data-count'),
      Low: await page.getByTestId('tier-count-otherwise').getAttribute('data-count'),
    });
    const asText = (c: { High: number; Medium: number; Low: number }) => ({
      High: String(c.High),
      Medium: String(c.Medium),
      Low: String(c.Low),
    });
    const before = valueTierCounts(20_000, 3_000);
    expect(before.High).toBeGreaterThan(0);
    await expect.poll(figures, { timeout: 30_000 }).toEqual(asText(before));

    // The High tier's nested condition (any → all → contract_value ≥ 20000), typed with the keyboard.
    await page.getByTestId('tier0-value-1-0').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('15000');
    // The Medium tier is one condition (not a group): its value input is at the rule's root.
    await page.getByTestId('tier1-value-root').fill('10000');
    const after = valueTierCounts(15_000, 10_000);
    expect(after).not.toEqual(before);
    await expect.poll(figures, { timeout: 30_000 }).toEqual(asText(after));
    // The live count of a scheme is the rows in a named tier.
    expect(await page.getByTestId('live-count').getAttribute('data-count')).toBe(String(after.High + after.Medium));
    expect(browser.errors).toEqual([]);
  });

  it('undo restores the previous threshold and its counts; redo brings the edit back', async () => {
    const { page } = browser;
    await page.getByTestId('tier1-value-root').press('Control+z');
    expect(await page.getByTestId('tier1-value-root').inputValue()).toBe('3000');
    await expect
      .poll(() => page.getByTestId('tier-count-1').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(valueTierCounts(15_000, 3_000).Medium));
    await page.getByTestId('builder-redo').click();
    expect(await page.getByTestId('tier1-value-root').inputValue()).toBe('10000');
    await expect
      .poll(() => page.getByTestId('tier-count-1').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(valueTierCounts(15_000, 10_000).Medium));
  });

  it('saves with a note as version 2; the history lists it and the diff names the tier changes', async () => {
    const { page } = browser;
    await page.getByTestId('builder-note').fill('raise Medium to 10k, High with seats from 15k');
    await page.getByTestId('builder-save').click();
    await page.getByTestId('version-2').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('version-2').textContent()).toContain('raise Medium to 10k');
    expect(await page.getByTestId('builder-saved').textContent()).toContain('version 2');
    await page.getByTestId('compare-run').click();
    const diff = await page.getByTestId('diff-entry').allTextContents();
    expect(diff).toHaveLength(2);
    expect(diff.some((d) => /tier High: contract_value.*20,?000.*→.*15,?000/.test(d))).toBe(true);
    expect(diff.some((d) => /tier Medium: contract_value.*3,?000.*→.*10,?000/.test(d))).toBe(true);
    // The file on disk has the two versions (read back over the API, not from the UI).
    const list = await remote.api.listDefinitions({});
    const file = list.find((d) => d.name === 'Value tiers')!;
    expect(file.latestVersion).toBe(2);
    // The sidebar's tier counts follow the saved version.
    const expected = valueTierCounts(15_000, 10_000);
    await expect
      .poll(() => page.getByTestId('tier-Value tiers-Medium').locator('.table-rows').first().textContent(), {
        timeout: 20_000,
      })
      .toBe(expected.Medium.toLocaleString('en-US'));
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'scheme-editor.png') });
  });
});

describe('a new scheme', () => {
  it('is built from the Schemes section: tiers added, named and reordered with the keyboard; first match wins', async () => {
    const { page } = browser;
    const plans = new Map<unknown, number>();
    for (const r of accounts) plans.set(r.plan, (plans.get(r.plan) ?? 0) + 1);
    const enterprise = plans.get('enterprise') ?? 0;
    const paid = enterprise + (plans.get('pro') ?? 0);
    expect(enterprise).toBeGreaterThan(0);

    await page.getByTestId('scheme-new').click();
    await expect.poll(() => page.getByTestId('builder-name').inputValue()).toBe('New scheme');
    await page.getByTestId('tier0-add-condition-root').click();
    await page.getByTestId('tier0-field-0').selectOption('plan');
    await page.getByTestId('tier0-op-0').selectOption('eq');
    await page.getByTestId('tier0-value-0').fill('enterprise');
    await page.getByTestId('tier-name-0').fill('Enterprise');

    // "+ Tier" puts the focus in the new tier's name.
    await page.getByTestId('tier-add').click();
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('tier-name-1');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Paid');
    await page.getByTestId('tier1-add-condition-root').click();
    await page.getByTestId('tier1-field-0').selectOption('plan');
    await page.getByTestId('tier1-op-0').selectOption('in');
    await page.getByTestId('tier1-values-0').fill('pro, enterprise');
    await page.getByTestId('scheme-otherwise').fill('Free');

    const figures = async () => [
      await page.getByTestId('tier-count-0').getAttribute('data-count'),
      await page.getByTestId('tier-count-1').getAttribute('data-count'),
      await page.getByTestId('tier-count-otherwise').getAttribute('data-count'),
    ];
    await expect
      .poll(figures, { timeout: 30_000 })
      .toEqual([String(enterprise), String(paid - enterprise), String(accounts.length - paid)]);
    // Alt+↑ in Paid's name moves it first: it now takes every enterprise account too.
    await page.getByTestId('tier-name-1').press('Alt+ArrowUp');
    expect(await page.getByTestId('tier-name-0').inputValue()).toBe('Paid');
    await expect.poll(figures, { timeout: 30_000 }).toEqual([String(paid), '0', String(accounts.length - paid)]);

    await page.getByTestId('builder-name').fill('Paid plans');
    await page.getByTestId('builder-note').fill('first cut');
    await page.getByTestId('builder-save').click();
    await page.getByTestId('version-1').waitFor({ timeout: 20_000 });
    await page.getByTestId('scheme-item-Paid plans').waitFor({ timeout: 20_000 });
    const saved = (await remote.api.listDefinitions({})).find((d) => d.name === 'Paid plans')!;
    expect(saved).toMatchObject({ kind: 'scheme', latestVersion: 1, valid: true });
    expect(browser.errors).toEqual([]);
  });
});

describe('aggregate metric with a filter group', () => {
  it('counts accounts with ≥ 2 billable high/urgent tickets; the live count equals the count from raw tickets', async () => {
    const { page } = browser;
    // Independent: per account, tickets that are billable and of priority high or urgent.
    const hot = new Map<unknown, number>();
    for (const t of tickets)
      if (t.billable === true && (t.priority === 'high' || t.priority === 'urgent'))
        hot.set(t.account_id, (hot.get(t.account_id) ?? 0) + 1);
    const expected = accounts.filter((a) => (hot.get(a.account_id) ?? 0) >= 2).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(accounts.length);

    await page.getByTestId('segment-new').click();
    await page.getByTestId('metric-add').click();
    await page.getByTestId('metric-name-0').fill('hot_tickets');
    await page.getByTestId('metric-kind-0').selectOption('aggregate');
    await page.getByTestId('metric-from-0').selectOption('tickets');
    await page.getByTestId('metric-fn-0').selectOption('count');

    await page.getByTestId('agg0-add-filter').click();
    await page.getByTestId('agg0-field-0').selectOption('billable');
    await page.getByTestId('agg0-op-0').selectOption('isTrue');
    await page.getByTestId('agg0-add-condition-root').click();
    await page.getByTestId('agg0-field-1').selectOption('priority');
    await page.getByTestId('agg0-op-1').selectOption('in');
    await page.getByTestId('agg0-values-1').fill('high, urgent');

    await page.getByTestId('add-condition-root').click();
    await page.getByTestId('field-0').selectOption('hot_tickets');
    await page.getByTestId('op-0').selectOption('gte');
    await page.getByTestId('value-0').fill('2');
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(expected));

    // A SQL rule in the filter reading an accounts column: the engine's check is shown beside it, nothing is counted.
    await page.getByTestId('agg0-add-sql-root').click();
    const sql = page.getByTestId('agg0-sql-2').locator('textarea');
    await sql.fill('seats > 100');
    await sql.press('Control+Enter');
    await expect
      .poll(() => page.getByTestId('agg0-sql-2').locator('.diag.error').allTextContents(), { timeout: 20_000 })
      .toEqual([
        "Metric 'hot_tickets' filter › SQL rule 3 (seats > 100): there is no column or metric 'seats' in tickets. Choose one of its columns or metrics",
      ]);
    await expect.poll(() => page.getByTestId('live-summary').getAttribute('class')).toContain('invalid');
    // Now a filter the engine accepts: the same count, as the SQL says what the group already does.
    await sql.fill("priority IN ('high', 'urgent')");
    await sql.press('Control+Enter');
    await expect.poll(() => page.getByTestId('agg0-sql-2').locator('.diag.error').count(), { timeout: 20_000 }).toBe(0);
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(expected));
    expect(browser.errors).toEqual([]);
  });
});
