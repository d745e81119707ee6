/**
 * E2E: export the demo "Activated" template's members from the window as CSV with two chosen
 * columns, download the file in Chromium, and check it: exactly those columns, and the member ids
 * (with their MRR) equal an independent evaluation of Activated on the raw rows (demoReference.ts).
 * The host removes the file once downloaded. Then the builder's SQL preview downloads as a .sql file
 * that runs as it is (values written in) on a DuckDB holding the raw rows and selects exactly the
 * members of the independent evaluation.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/api/dataApi';
import { fetchAllRows, isActivated, latestAsOf } from './demoReference';
import { connectApi, openApp, resultsDir, startHost, tempDir, type Browser, type RunningHost } from './e2eTestUtils';

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
  browser = await openApp(host);
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

/** RFC 4180 CSV (quoted fields, doubled quotes), as DuckDB's COPY writes it. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n') {
      endCell();
      out.push(row);
      row = [];
    } else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length) {
    endCell();
    out.push(row);
  }
  return out;
}

describe('export members from the window', () => {
  it('exports Activated as CSV with two chosen columns; the download holds exactly the independent members', async () => {
    const { page } = browser;
    const expected = rows.filter((r) => isActivated(r, asOfDay, 3));
    expect(expected.length).toBeGreaterThan(0);

    await page.getByTestId('segment-item-Activated').hover();
    await page.getByTestId('segment-export-Activated').click();
    const dialog = page.getByTestId('export-dialog');
    await expect.poll(() => dialog.getAttribute('data-phase'), { timeout: 20_000 }).toBe('choose');
    expect(await page.getByTestId('export-source').textContent()).toMatch(
      /version 1 · accounts · latest snapshot \(as of \d{4}-\d{2}-\d{2}\)/,
    );
    // Every column of accounts and the template's metric are offered, all chosen by default.
    expect(await page.getByTestId('export-col-inactive_days').isChecked()).toBe(true);
    await page.getByTestId('export-cols-none').click();
    await page.getByTestId('export-col-account_id').check();
    await page.getByTestId('export-col-mrr').check();
    expect(await page.getByTestId('export-format-csv').isChecked()).toBe(true);
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'export-dialog.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-run').click(),
    ]);
    expect(download.suggestedFilename()).toBe('activated.csv');
    const file = await download.path();
    const table = parseCsv(readFileSync(file, 'utf8'));
    expect(table[0]).toEqual(['account_id', 'mrr']);
    const body = table.slice(1);
    expect(body.every((r) => r.length === 2)).toBe(true);
    const got = new Map(body.map(([id, mrr]) => [id!, mrr!]));
    expect(got.size).toBe(body.length);
    expect([...got.keys()].sort()).toEqual(expected.map((r) => String(r.account_id)).sort());
    for (const r of expected) {
      const cell = got.get(String(r.account_id))!;
      if (r.mrr === null) expect(cell).toBe('');
      else expect(Number(cell)).toBeCloseTo(Number(r.mrr), 6);
    }

    const result = page.getByTestId('export-result');
    await result.waitFor();
    expect(await result.getAttribute('data-rows')).toBe(String(expected.length));
    expect(await result.textContent()).toContain('activated.csv');
    // Downloaded once: the host removed the export and its sidecar from the workspace.
    const slots = join(host.home, 'demo', '.tmp', 'exports');
    await expect.poll(() => (existsSync(slots) ? readdirSync(slots) : []), { timeout: 10_000 }).toEqual([]);
    await page.getByTestId('export-close').click();
    expect(await dialog.count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });

  it("downloads the builder's SQL preview as a .sql file that runs as it is and selects the members", async () => {
    const { page } = browser;
    await page.getByTestId('segment-item-Activated').click();
    await page.getByTestId('builder-panel').waitFor();
    await page.getByTestId('sql-dialect').selectOption('duckdb');
    await page.getByTestId('sql-preview').waitFor();
    const shown = (await page.getByTestId('sql-preview').textContent()) ?? '';
    expect(shown).toMatch(/SELECT/i);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('sql-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('activated.duckdb.sql');
    const saved = readFileSync(await download.path(), 'utf8');
    // Run the file as it is on a DuckDB of our own holding the raw accounts rows (no parameters to
    // bind), and compare its members with the independent evaluation of Activated.
    const columns = (await remote.api.listTables({})).find((t) => t.name === 'accounts')!.columns;
    const ndjson = join(tempDir('segwb-e2e-sql-'), 'accounts.ndjson');
    writeFileSync(ndjson, rows.map((r) => JSON.stringify(r)).join('\n'));
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      await conn.run(`SET TimeZone = 'UTC'`);
      const types = columns.map((c) => `${JSON.stringify(c.name)}: '${c.type}'`).join(', ');
      await conn.run(
        `CREATE TABLE accounts AS SELECT * FROM read_json('${ndjson}', format = 'newline_delimited', columns = {${types}})`,
      );
      const members = (await conn.runAndReadAll(saved))
        .getRows()
        .map((r) => String(r[0]))
        .sort();
      const expected = rows
        .filter((r) => isActivated(r, asOfDay))
        .map((r) => String(r.account_id))
        .sort();
      expect(members.length).toBeGreaterThan(0);
      expect(members).toEqual(expected);
    } finally {
      conn.closeSync();
      db.closeSync();
    }
    // The builder offers the same export, for the version it shows.
    await page.getByTestId('builder-export').click();
    await expect.poll(() => page.getByTestId('export-dialog').getAttribute('data-phase')).toBe('choose');
    expect(await page.getByTestId('export-source').textContent()).toMatch(/^version 1 · accounts/);
    await page.screenshot({ path: join(resultsDir, 'export-from-builder.png') });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('export-dialog').count()).toBe(0);
  });
});
