/**
 * E2E (issue 4): build "Activated" (billable ticket usage ≥ 2% and ≤ 3 inactive days) from scratch
 * with keyboard and mouse on the demo data; the live count must equal a count computed here in JS
 * from the raw rows (fetched over the API, evaluated independently of the engine's compiler). Then
 * save, edit, save again, compare the versions (readable diff and member diff), reload and find
 * both versions, explain a row, and open a tampered file.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/api/dataApi';
import { createDefinitionFile, serializeDefinitionFile } from '../../shared/segments/file';
import { fetchAllRows, isActivated, latestAsOf } from './demoReference';
import { connectApi, openApp, resultsDir, startHost, tempDir, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;
let remote: Awaited<ReturnType<typeof connectApi>>;
let rows: Record<string, CellValue>[] = [];
let asOfDay = '';

const activated = (r: Record<string, CellValue>, maxInactive: number) => isActivated(r, asOfDay, maxInactive);

beforeAll(async () => {
  host = await startHost();
  remote = await connectApi(host);
  asOfDay = await latestAsOf(remote.api, 'accounts');
  rows = await fetchAllRows(remote.api, 'accounts');
  browser = await openApp(host, { width: 1500, height: 950 });
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

describe('rule builder on the demo data', () => {
  it('builds Activated with keyboard and mouse; the live count equals the independent count', async () => {
    const { page } = browser;
    expect(rows.length).toBe(20_000);
    const expected = rows.filter((r) => activated(r, 3)).length;
    expect(expected).toBeGreaterThan(0);

    await page.getByTestId('segment-new').click();
    const name = page.getByTestId('builder-name');
    await name.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Activated from scratch');

    await page.getByTestId('metric-add').click();
    await page.getByTestId('metric-name-0').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('inactive_days');
    await page.getByTestId('metric-of-0').selectOption('last_active_at');

    await page.getByTestId('add-condition-root').click();
    await page.getByTestId('field-0').selectOption('billable_ticket_usage_pct');
    await page.getByTestId('op-0').selectOption('gte');
    await page.getByTestId('value-0').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');

    await page.getByTestId('add-condition-root').click();
    await page.getByTestId('field-1').focus();
    await page.getByTestId('field-1').selectOption('inactive_days');
    await page.getByTestId('op-1').selectOption('lte');
    await page.getByTestId('value-1').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');

    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 20_000 })
      .toBe(String(expected));
    expect(browser.errors).toEqual([]);
    // The shipped "Activated" template means the same thing: its count in the sidebar agrees.
    await expect
      .poll(() => page.getByTestId('segment-count-Activated').textContent(), { timeout: 20_000 })
      .toBe(expected.toLocaleString('en-US'));

    // Undo the last keystrokes' edit and redo it: the count follows.
    await page.getByTestId('value-1').press('Control+z');
    await expect.poll(() => page.getByTestId('live-count').getAttribute('data-count')).not.toBe(String(expected));
    await page.getByTestId('builder-redo').click();
    await expect.poll(() => page.getByTestId('live-count').getAttribute('data-count')).toBe(String(expected));
  });

  it('saves, edits, saves again, and shows the readable diff and the member diff', async () => {
    const { page } = browser;
    await page.getByTestId('builder-note').fill('first cut');
    await page.getByTestId('builder-save').click();
    await page.getByTestId('version-1').waitFor();

    await page.getByTestId('value-1').fill('7');
    const relaxed = rows.filter((r) => activated(r, 7)).length;
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 20_000 })
      .toBe(String(relaxed));
    await page.getByTestId('builder-note').fill('relax inactivity to a week');
    await page.getByTestId('builder-note').press('Control+s');
    await page.getByTestId('version-2').waitFor();

    await page.getByTestId('compare-run').click();
    const diff = await page.getByTestId('diff-entry').allTextContents();
    expect(diff.length).toBe(1);
    expect(diff[0]).toMatch(/inactive_days.*3.*→.*7/);
    const members = page.getByTestId('member-diff');
    await members.waitFor({ timeout: 30_000 });
    const strict = rows.filter((r) => activated(r, 3)).length;
    expect(await members.getAttribute('data-added')).toBe(String(relaxed - strict));
    expect(await members.getAttribute('data-removed')).toBe('0');
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'rule-builder.png') });
  });

  it('after a reload finds both versions of the saved file', async () => {
    const { page } = browser;
    await page.reload();
    await page.getByTestId('segment-item-Activated from scratch').click();
    await page.getByTestId('version-1').waitFor();
    await page.getByTestId('version-2').waitFor();
    expect(await page.getByTestId('version-1').textContent()).toContain('first cut');
    expect(await page.getByTestId('value-1').inputValue()).toBe('7');
  });

  it('explains a row: the verdict matches the independent evaluation', async () => {
    const { page } = browser;
    const cell = page.locator('[role=row][row-index="0"]:not(.ag-row-loading) [role=gridcell][col-id=account_id]');
    const key = (await cell.textContent())!.trim();
    await cell.click();
    const verdict = page.getByTestId('explain-verdict');
    await verdict.waitFor();
    const row = rows.find((r) => r.account_id === key)!;
    expect(await verdict.getAttribute('data-in')).toBe(String(activated(row, 7)));
    expect(await page.getByTestId('explain-node').count()).toBeGreaterThanOrEqual(3);
  });

  it('a tampered file in the workspace shows as invalid with the hash error', async () => {
    const { page } = browser;
    const dir = join(host.home, 'demo', 'segments');
    const file = readdirSync(dir).find((f) => readFileSync(join(dir, f), 'utf8').includes('"Activated from scratch"'))!;
    const text = readFileSync(join(dir, file), 'utf8');
    const tampered = text.replace('"Activated from scratch"', '"Tampered"').replace(/"value":\s*2\b/, '"value": 1');
    expect(tampered).not.toBe(text.replace('"Activated from scratch"', '"Tampered"'));
    writeFileSync(join(dir, 'tampered.segment.json'), tampered);
    await page.reload();
    const item = page.getByTestId('segment-item-Tampered');
    await item.waitFor();
    await expect.poll(() => page.getByTestId('segment-count-Tampered').textContent()).toBe('⚠');
    await item.click();
    await page.getByTestId('file-diagnostics').waitFor();
    expect(await page.getByTestId('file-diagnostics').textContent()).toMatch(/hash/i);
  });

  it("opens a teammate's files: a tampered one shows the error, one with SQL rules is flagged before it runs", async () => {
    const { page } = browser;
    const shared = tempDir('segwb-e2e-shared-');
    const definition = {
      entity: { table: 'accounts', key: 'account_id' },
      asOf: { kind: 'snapshot' as const },
      where: { all: [{ sql: 'active_seats >= 0.9 * seats' }] },
    };
    const good = createDefinitionFile({
      kind: 'segment',
      id: '01TEAMMATE0000000000000000',
      name: 'Upsell (shared)',
      definition,
      now: '2026-11-02T09:00:00Z',
    });
    const goodPath = join(shared, 'upsell.segment.json');
    writeFileSync(goodPath, serializeDefinitionFile(good));
    const tamperedPath = join(shared, 'upsell-tampered.segment.json');
    writeFileSync(
      tamperedPath,
      serializeDefinitionFile(good)
        .replace('0.9 * seats', '0.5 * seats')
        .replace('"Upsell (shared)"', '"Upsell (tampered)"'),
    );

    await page.getByTestId('segment-open-input').setInputFiles(tamperedPath);
    await expect
      .poll(() => page.getByTestId('builder-name').inputValue(), { timeout: 20_000 })
      .toBe('Upsell (tampered)');
    expect(await page.getByTestId('file-diagnostics').textContent()).toMatch(/hash/i);

    await page.getByTestId('segment-open-input').setInputFiles(goodPath);
    await expect.poll(() => page.getByTestId('builder-name').inputValue(), { timeout: 20_000 }).toBe('Upsell (shared)');
    await expect
      .poll(async () => (await page.getByTestId('file-diagnostics').textContent()) ?? '', { timeout: 20_000 })
      .toMatch(/contains SQL/);
    expect(await page.getByTestId('file-diagnostics').textContent()).not.toMatch(/hash/i);
    // Independent count of the SQL rule on the raw rows.
    const expected = rows.filter(
      (r) => typeof r.active_seats === 'number' && typeof r.seats === 'number' && r.active_seats >= 0.9 * r.seats,
    ).length;
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 20_000 })
      .toBe(String(expected));
  });

  it('maps a file written for other names onto this workspace, then counts it', async () => {
    const { page } = browser;
    const shared = tempDir('segwb-e2e-map-');
    const definition = {
      entity: { table: 'clients', key: 'client_id' },
      where: { all: [{ field: 'revenue', op: 'gte' as const, value: 1000 }] },
    };
    const file = createDefinitionFile({
      kind: 'segment',
      id: '01MAPPING00000000000000000',
      name: 'Big clients',
      definition,
      now: '2026-11-02T09:00:00Z',
    });
    const path = join(shared, 'big-clients.segment.json');
    writeFileSync(path, serializeDefinitionFile(file));
    await page.getByTestId('segment-open-input').setInputFiles(path);
    await page.getByTestId('mapping-panel').waitFor({ timeout: 20_000 });
    await page.getByTestId('map-table-clients').selectOption('accounts');
    await page.getByTestId('map-col-clients-client_id').selectOption('account_id');
    await page.getByTestId('map-col-clients-revenue').selectOption('mrr');
    await page.getByTestId('map-apply').click();
    await expect.poll(() => page.getByTestId('mapping-panel').count()).toBe(0);
    const expected = rows.filter((r) => typeof r.mrr === 'number' && r.mrr >= 1000).length;
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 20_000 })
      .toBe(String(expected));
    expect(await page.getByTestId('field-0').inputValue()).toBe('mrr');
  });

  it("suggests a text field's most frequent values once its value input gets focus", async () => {
    const { page } = browser;
    // Expected from the raw rows: plans by frequency, then by value.
    const freq = new Map<string, number>();
    for (const r of rows) if (typeof r.plan === 'string') freq.set(r.plan, (freq.get(r.plan) ?? 0) + 1);
    const expected = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
    expect(expected.length).toBeGreaterThan(1);
    await page.getByTestId('add-condition-root').click();
    const i = (await page.locator('[data-testid^=field-]').count()) - 1;
    await page.getByTestId(`field-${i}`).selectOption('plan');
    await page.getByTestId(`op-${i}`).selectOption('eq');
    const options = page.locator(`#sugg-value-${i} option`);
    expect(await options.count()).toBe(0);
    await page.getByTestId(`value-${i}`).focus();
    await expect
      .poll(() => options.evaluateAll((els) => els.map((e) => e.getAttribute('value'))), { timeout: 20_000 })
      .toEqual(expected);
  });
});
