/**
 * E2E: "Run on PostgreSQL…" from the window (issue 13). The demo workspace's accounts are copied to
 * a schema on the test server; in Chromium the user opens ⛁ on "Activated", types the connection,
 * counts on the server — the count shown beside the workspace's equals an independent evaluation of
 * Activated on the raw rows (demoReference.ts) — then exports the members from the server through
 * the export dialog and downloads exactly those ids. The connection is then in workspace.json,
 * without any password field.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAvailable, pgUrl } from '../electron/engine/postgres/pgTestUtils';
import { dropSchema, freshSchema, pgClient, pgTypeOf } from '../electron/engine/postgres/pgRunTestUtils';
import { fetchAllRows, isActivated, latestAsOf, type Row } from './demoReference';
import { connectApi, openApp, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

describe('run on PostgreSQL from the window', () => {
  if (!pgAvailable()) return;
  let host: RunningHost;
  let browser: Browser;
  let remote: Awaited<ReturnType<typeof connectApi>>;
  let client: pg.Client;
  let schema: string;
  let rows: Row[] = [];
  let asOfDay = '';

  beforeAll(async () => {
    host = await startHost();
    remote = await connectApi(host);
    asOfDay = await latestAsOf(remote.api, 'accounts');
    rows = await fetchAllRows(remote.api, 'accounts');
    const table = (await remote.api.listTables({})).find((t) => t.name === 'accounts')!;
    client = await pgClient();
    schema = await freshSchema(client, 'e2e');
    await client.query(
      `CREATE TABLE "${schema}".accounts (${table.columns.map((c) => `"${c.name}" ${pgTypeOf(c.type)}`).join(', ')})`,
    );
    const per = Math.floor(30_000 / table.columns.length);
    for (let i = 0; i < rows.length; i += per) {
      const values: unknown[] = [];
      const tuples = rows.slice(i, i + per).map(
        (r) =>
          `(${table.columns
            .map((c) => {
              const v = r[c.name];
              values.push(Array.isArray(v) ? JSON.stringify(v) : v);
              return `$${values.length}`;
            })
            .join(', ')})`,
      );
      await client.query(`INSERT INTO "${schema}".accounts VALUES ${tuples.join(', ')}`, values);
    }
    browser = await openApp(host);
    await browser.page.getByTestId('table-item-accounts').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    remote?.close();
    await host?.stop();
    if (client) {
      await dropSchema(client, schema);
      await client.end();
    }
  });

  it('counts Activated on the server beside the workspace, then exports the members from there', async () => {
    const { page } = browser;
    const expected = rows
      .filter((r) => isActivated(r, asOfDay, 3))
      .map((r) => String(r.account_id))
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const u = new URL(pgUrl!);

    await page.getByTestId('segment-item-Activated').hover();
    await page.getByTestId('segment-postgres-Activated').click();
    const dialog = page.getByTestId('pg-dialog');
    await expect.poll(() => dialog.getAttribute('data-phase'), { timeout: 20_000 }).toBe('choose');
    await page.getByTestId('pg-host').fill(u.hostname);
    await page.getByTestId('pg-port').fill(u.port);
    await page.getByTestId('pg-database').fill(u.pathname.slice(1));
    await page.getByTestId('pg-user').fill(decodeURIComponent(u.username));
    await page.getByTestId('pg-schema').fill(schema);
    await page.getByTestId('pg-run').click();
    await expect.poll(() => dialog.getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'run-on-postgres.png') });
    const shown = (await page.getByTestId('pg-remote-count').textContent()) ?? '';
    expect(Number(shown.trim().split(/\s/)[0]!.replace(/[^\d]/g, ''))).toBe(expected.length);
    expect(await page.getByTestId('pg-local-count').textContent()).toBe(shown);
    expect(await page.getByTestId('pg-server').textContent()).toContain(`${schema}.accounts on PostgreSQL`);

    await page.getByTestId('pg-export').click();
    const exportDialog = page.getByTestId('export-dialog');
    await expect.poll(() => exportDialog.getAttribute('data-phase'), { timeout: 20_000 }).toBe('choose');
    expect(await page.getByTestId('export-source').textContent()).toContain(`on PostgreSQL`);
    await page.getByTestId('export-cols-none').click();
    await page.getByTestId('export-col-account_id').check();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-run').click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('account_id');
    expect(lines.slice(1).sort()).toEqual(expected);
    await page.getByTestId('export-result').waitFor();
    await page.getByTestId('export-close').click();
    await page.getByTestId('pg-close').click();

    const saved = JSON.parse(readFileSync(join(host.home, 'demo', 'workspace.json'), 'utf8')) as {
      settings: { postgres?: Record<string, unknown> };
    };
    expect(saved.settings.postgres).toEqual({
      host: u.hostname,
      port: Number(u.port),
      database: u.pathname.slice(1),
      user: decodeURIComponent(u.username),
      schema,
      sslmode: 'disable',
    });
    expect(browser.errors).toEqual([]);
  });
});
