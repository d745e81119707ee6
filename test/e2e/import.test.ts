/**
 * E2E: importing through the UI (file input → preview → Import → report). A clean CSV written here
 * adds a table whose row count matches the file; a CSV with ragged records shows the reject report
 * with the lines where they start; a column with a few bad values is reported in the preview with
 * their lines, and the type chosen there makes them rejects (or empty cells).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectApi, openApp, resultsDir, startHost, tempDir, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;
let remote: Awaited<ReturnType<typeof connectApi>>;
const dir = tempDir('segwb-e2e-files-');

beforeAll(async () => {
  host = await startHost();
  remote = await connectApi(host);
  browser = await openApp(host);
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

async function importThroughUi(path: string, expectedTable: string) {
  const { page } = browser;
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-file-input').setInputFiles(path);
  await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('import-table-name').inputValue()).toBe(expectedTable);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
}

describe('import through the UI', () => {
  it('a CSV adds a table whose row count matches the file', async () => {
    const rows = 137;
    const lines = ['id,name,score,joined'];
    for (let i = 1; i <= rows; i++)
      lines.push(`${i},"Person ${i}, Jr.",${(i * 7) % 100}.5,2026-0${1 + (i % 9)}-1${i % 10}`);
    const file = join(dir, 'people_e2e.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);

    await importThroughUi(file, 'people_e2e');
    const { page } = browser;
    expect(await page.getByTestId('report-loaded').textContent()).toBe(String(rows));
    expect(await page.getByTestId('report-rejected').textContent()).toBe('0');
    expect(await page.getByTestId('reject-report').count()).toBe(0);
    await page.getByTestId('import-close').click();

    await page.getByTestId('table-item-people_e2e').waitFor();
    expect(await page.getByTestId('table-rows-people_e2e').textContent()).toBe(String(rows));
    await expect.poll(() => page.getByTestId('row-count').getAttribute('data-rows')).toBe(String(rows));
    await page.locator('[role=gridcell][col-id=name]').first().waitFor();
    const tables = await remote.api.listTables({});
    expect(tables.find((t) => t.name === 'people_e2e')?.rows).toBe(rows);
    expect(browser.errors).toEqual([]);
  });

  it('re-importing a newer export of the same source adds a snapshot with its as-of date', async () => {
    const { page } = browser;
    const lines = ['id,name,score,joined'];
    for (let i = 1; i <= 150; i++)
      lines.push(`${i},"Person ${i}, Jr.",${(i * 7) % 100}.5,2026-0${1 + (i % 9)}-1${i % 10}`);
    const file = join(dir, 'people_e2e.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-new-snapshot').waitFor();
    // The first import's as-of defaulted to its UTC date (whatever day the suite runs); this export
    // is a month newer than that, so the two snapshots never share a date.
    const first = (await remote.api.listTables({})).find((t) => t.name === 'people_e2e')!.snapshots[0]!.asOf;
    const newer = new Date(Date.parse(`${first}T00:00:00Z`) + 31 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('import-as-of').fill(newer);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('report-loaded').textContent()).toBe('150');
    await page.getByTestId('import-close').click();
    await page.getByTestId('table-item-people_e2e').click();
    await page.getByTestId(`snapshot-item-${newer}`).waitFor();
    expect(await page.getByTestId('table-rows-people_e2e').textContent()).toBe('150');
    const table = (await remote.api.listTables({})).find((t) => t.name === 'people_e2e')!;
    expect(table.snapshots.map((s) => s.rows)).toEqual([137, 150]);
    expect(table.snapshots.map((s) => s.asOf)).toEqual([first, newer]);
  });

  it('a file with broken records shows the reject report with their lines', async () => {
    const lines = ['id,amount,label'];
    for (let i = 1; i <= 40; i++) lines.push(`${i},${i * 2},ok${i}`);
    // Physical lines 12 and 31 (1-based, header is line 1) carry an extra field.
    lines.splice(11, 0, '900,1,bad,extra');
    lines.splice(30, 0, '901,2,bad,extra');
    const file = join(dir, 'broken_e2e.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);

    await importThroughUi(file, 'broken_e2e');
    const { page } = browser;
    await page.getByTestId('reject-report').waitFor();
    expect(await page.getByTestId('report-loaded').textContent()).toBe('40');
    expect(await page.getByTestId('report-rejected').textContent()).toBe('2');
    expect(await page.getByTestId('report-records').textContent()).toBe('42');
    const rejectLines = await page.getByTestId('reject-row').locator('td:first-child').allTextContents();
    expect(rejectLines).toEqual(['12', '31']);
    await page.getByTestId('import-close').click();
    await page.getByTestId('table-item-broken_e2e').waitFor();
  });

  it('a column with a few bad values: the preview says where, and the chosen type makes them rejects', async () => {
    // 300 rows; 'abc' in amount on lines 7, 19 and 40 (the header is line 1).
    const lines = ['id,amount'];
    for (let i = 1; i <= 300; i++) lines.push(`${i},${[7, 19, 40].includes(i + 1) ? 'abc' : i * 3}`);
    const file = join(dir, 'amounts_e2e.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { page } = browser;
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    const issue = page.getByTestId('import-type-issue-amount');
    await issue.waitFor({ timeout: 30_000 });
    expect(await issue.textContent()).toMatch(/amount: 3 of 300 values are not numbers, lines 7, 19, 40 \('abc'\)/);
    expect(await page.getByTestId('import-type-amount').inputValue()).toBe('');
    await page.getByTestId('import-type-fix-amount').click();
    expect(await page.getByTestId('import-type-amount').inputValue()).toBe('BIGINT');
    expect(await page.getByTestId('import-invalid-values').inputValue()).toBe('reject');
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'import-type-choice.png') });
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('report-loaded').textContent()).toBe('297');
    expect(await page.getByTestId('report-rejected').textContent()).toBe('3');
    expect(await page.getByTestId('report-records').textContent()).toBe('300');
    expect(await page.getByTestId('reject-row').locator('td:first-child').allTextContents()).toEqual(['7', '19', '40']);
    expect(await page.getByTestId('reject-row').locator('td:nth-child(3)').allTextContents()).toEqual([
      "line 7: 'abc' in amount is not a whole number",
      "line 19: 'abc' in amount is not a whole number",
      "line 40: 'abc' in amount is not a whole number",
    ]);
    await page.getByTestId('import-close').click();
    expect(
      (await remote.api.listTables({})).find((t) => t.name === 'amounts_e2e')?.columns.find((c) => c.name === 'amount')
        ?.type,
    ).toBe('BIGINT');

    // Again, choosing "empty (NULL)" for values that do not fit, from the column's own type menu.
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-type-issue-amount').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-table-name').fill('amounts_null_e2e');
    await page.getByTestId('import-type-amount').selectOption('DOUBLE');
    await page.getByTestId('import-invalid-values').selectOption('null');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('report-loaded').textContent()).toBe('300');
    expect(await page.getByTestId('report-rejected').textContent()).toBe('0');
    expect(await page.getByTestId('report-warnings').textContent()).toMatch(
      /amount: 3 values that are not numbers were loaded as empty \(NULL\), lines 7, 19, 40/,
    );
    await page.getByTestId('import-close').click();
    expect(browser.errors).toEqual([]);
  });

  it('dropping a file on the window opens the import dialog with its preview', async () => {
    const { page } = browser;
    // A real DataTransfer holding a File, dispatched as the browser does for a drop from the desktop.
    const dt = await page.evaluateHandle(`(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['city,pop\\nOslo,709000\\nBergen,291000\\n'], 'Cities Export.csv', { type: 'text/csv' }));
      return dt;
    })()`);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
    await page.getByTestId('drop-overlay').waitFor();
    await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-table-name').inputValue()).toBe('cities_export');
    expect(await page.getByTestId('import-preview').textContent()).toContain('Bergen');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('report-loaded').textContent()).toBe('2');
    await page.getByTestId('import-close').click();
  });

  it('switches to a new workspace folder from the toolbar and imports there', async () => {
    const { page } = browser;
    const folder = join(dir, 'fresh-workspace');
    await page.getByTestId('workspace-menu').click();
    await page.getByTestId('workspace-path-input').fill(folder);
    await page.getByTestId('workspace-path-input').press('Enter');
    await expect
      .poll(async () => (await page.getByTestId('workspace-path').textContent()) ?? '', { timeout: 30_000 })
      .toBe(folder);
    expect(await page.getByTestId('table-item-accounts').count()).toBe(0);
    const file = join(dir, 'tiny.csv');
    writeFileSync(file, 'k,v\na,1\nb,2\nc,3\n');
    await importThroughUi(file, 'tiny');
    expect(await page.getByTestId('report-loaded').textContent()).toBe('3');
    await page.getByTestId('import-close').click();
    await page.getByTestId('table-item-tiny').waitFor();
    expect((await remote.api.getWorkspace({}))?.path).toBe(folder);
  });
});
