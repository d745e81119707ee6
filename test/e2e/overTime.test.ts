/**
 * E2E (issue 10): the Over time view and the threshold explorer in Chromium on the demo data, for
 * whatever number of snapshots (two or more) the demo's accounts table has — the list is read from
 * the API, never assumed. Expectations come from each snapshot's raw rows fetched over the API and
 * evaluated here (demoReference.ts: Activated and Value tiers written from the SPEC, not the
 * engine's compiler):
 * - the trend of Activated has, on every snapshot, the members, share and MRR sum of the reference
 *   at that snapshot's as-of, recorded in the measurement log at the latest version; its CSV holds
 *   the same numbers;
 * - Activated's flow between the last two snapshots has the reference's stayed, entered, left, new
 *   and gone; "left" in the grid shows that many rows (on the earlier snapshot) and its export (the
 *   export dialog, narrowed by keysAt) has exactly those keys;
 *   the sidebar's "n% kept" is the reference's retention;
 * - Value tiers' movement between the last two snapshots: a matrix cell, by its button and by a
 *   click on the heatmap, shows in the grid exactly the rows the reference says moved that way, and
 *   the grid chip's export writes exactly those;
 *   with three snapshots or more, the commonest paths are the reference's;
 * - the threshold explorer on Activated's inactive-days condition: a click on the curve sets the
 *   threshold and the live count equals the reference at that threshold; Ctrl+Z puts it back.
 * Screenshots in light and dark at 1280×800 go to the results folder, with the longest main-thread
 * task seen while the view drew.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DefinitionSummary } from '../../shared/api/segmentsApi';
import { fetchSnapshotRows, isActivated, measureOf, snapshotsOf, valueTier, type Row } from './demoReference';
import { connectApi, openApp, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;
let remote: Awaited<ReturnType<typeof connectApi>>;
let snaps: { id: string; asOf: string; rows: number }[] = [];
/** Each snapshot's raw rows, oldest first. */
let rowsAt: Row[][] = [];
let defs: DefinitionSummary[] = [];
const TIERS = ['High', 'Medium', 'Low'] as const;
/** Long main-thread tasks from ticking Activated to its trend drawn (measuring included). */
let firstOpen: number[] = [];

beforeAll(async () => {
  host = await startHost();
  remote = await connectApi(host);
  snaps = await snapshotsOf(remote.api, 'accounts');
  rowsAt = [];
  for (const s of snaps) rowsAt.push(await fetchSnapshotRows(remote.api, 'accounts', s.id));
  defs = await remote.api.listDefinitions({});
  mkdirSync(resultsDir, { recursive: true });
  browser = await openApp(host, { width: 1280, height: 800 });
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

const def = (name: string) => defs.find((d) => d.name === name)!;
const key = (r: Row) => String(r.account_id);
const activatedKeys = (k: number) => new Set(rowsAt[k]!.filter((r) => isActivated(r, snaps[k]!.asOf)).map(key));

/** Flow groups of a set of member keys between two snapshots' rows (SPEC §7). */
function flowOf(fromRows: Row[], toRows: Row[], inFrom: Set<string>, inTo: Set<string>) {
  const fromKeys = new Set(fromRows.map(key));
  const toKeys = new Set(toRows.map(key));
  const count = (keys: Iterable<string>, pred: (k: string) => boolean) => [...keys].filter(pred).length;
  return {
    stayed: count(inFrom, (k) => inTo.has(k)),
    entered: count(inTo, (k) => fromKeys.has(k) && !inFrom.has(k)),
    left: count(inFrom, (k) => toKeys.has(k) && !inTo.has(k)),
    new: count(inTo, (k) => !fromKeys.has(k)),
    gone: count(inFrom, (k) => !toKeys.has(k)),
  };
}

async function rowCount(page: Page): Promise<string | null> {
  return page.getByTestId('row-count').getAttribute('data-rows');
}

/** RFC 4180 with CRLF line ends (our own writer's output). */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else if (ch !== '\r') cell += ch;
  }
  return out;
}

/** Equal to within floating-point summation order (the engine adds in another order). */
function expectClose(actual: string | null, expected: number | null) {
  if (expected === null) return expect(actual).toBe('');
  expect(Math.abs(Number(actual) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

async function startLongTasks(page: Page) {
  // A script string: this file is typed for Node, where there is no window.
  await page.evaluate(`(() => {
    window.longTaskObserver?.disconnect();
    window.longTasks = [];
    window.longTaskObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => window.longTasks.push(e.duration)));
    window.longTaskObserver.observe({ type: 'longtask' });
  })()`);
}

async function backToLatestGrid(page: Page) {
  await page.getByTestId('tab-grid').click();
  if (await page.getByTestId('grid-segment-clear').count()) await page.getByTestId('grid-segment-clear').click();
  await page.getByTestId(`snapshot-item-${snaps.at(-1)!.asOf}`).click();
  await expect.poll(() => rowCount(page), { timeout: 30_000 }).toBe(String(snaps.at(-1)!.rows));
}

describe('over time on the demo data', () => {
  it('has two snapshots or more of accounts to follow', () => {
    expect(snaps.length).toBeGreaterThanOrEqual(2);
    expect(rowsAt.map((r) => r.length)).toEqual(snaps.map((s) => s.rows));
  });

  it("trends Activated on every snapshot, measured with its latest version and recorded: members, share and MRR equal each snapshot's raw rows", async () => {
    const { page } = browser;
    const version = def('Activated').latestVersion!;
    await startLongTasks(page);
    await page.getByTestId('compare-check-Activated').click();
    await page.getByTestId('overtime-run').click();
    await expect.poll(() => page.getByTestId('tab-overtime').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('trend-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
    firstOpen = (await page.evaluate('window.longTasks')) as number[];
    expect(await page.getByTestId('overtime-snapshots').getAttribute('data-count')).toBe(String(snaps.length));
    const cell = (asOf: string, col: string) =>
      page
        .locator(`[data-testid=trend-table] tr[data-row="${asOf}"] td[data-col="Activated (v${version}) ${col}"]`)
        .getAttribute('data-exact');
    for (const [k, s] of snaps.entries()) {
      const members = rowsAt[k]!.filter((r) => isActivated(r, s.asOf));
      const mrr = measureOf(members, 'mrr');
      expect(members.length).toBeGreaterThan(0);
      expect(await cell(s.asOf, 'members')).toBe(String(members.length));
      expect(Number(await cell(s.asOf, 'share'))).toBeCloseTo(members.length / s.rows, 12);
      expectClose(await cell(s.asOf, 'mrr sum'), mrr.sum);
      expectClose(await cell(s.asOf, 'mrr avg'), mrr.avg);
    }
    // Recorded in the log: one run of that version on every snapshot, with its counts.
    const log = await remote.api.listMeasurements({ segmentId: def('Activated').id! });
    for (const [k, s] of snaps.entries()) {
      const run = log.filter((m) => m.snapshot === s.id && m.version === version);
      expect(run.length).toBeGreaterThanOrEqual(1);
      expect(run.at(-1)!.count).toBe(activatedKeys(k).size);
    }
    expect(await page.getByTestId('trend-note').textContent()).toContain(
      `${snaps.length} measurement${snaps.length === 1 ? '' : 's'} recorded just now`,
    );

    // The trend's CSV: one row per snapshot, the same numbers and the measurement behind each.
    const [csv] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('overtime-trends-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toBe('trends-count.csv');
    const table = parseCsv(readFileSync(await csv.path(), 'utf8'));
    const col = (name: string) => table[0]!.indexOf(name);
    expect(table.slice(1).map((r) => [r[col('snapshot')], r[col('version')], r[col('count')]])).toEqual(
      snaps.map((s, k) => [s.id, String(version), String(activatedKeys(k).size)]),
    );
    expect(table.slice(1).every((r) => log.some((m) => m.id === r[col('measurement_id')]))).toBe(true);
    // The whole log as CSV too.
    const [logFile] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('overtime-log-csv').click(),
    ]);
    expect(parseCsv(readFileSync(await logFile.path(), 'utf8')).length - 1).toBe(log.length);
    expect(browser.errors).toEqual([]);
  });

  it("shows Activated's flow between the last two snapshots as the raw rows have it; a group opens the grid and exports exactly its rows; the sidebar says how much was kept", async () => {
    const { page } = browser;
    const n = snaps.length;
    const expected = flowOf(rowsAt[n - 2]!, rowsAt[n - 1]!, activatedKeys(n - 2), activatedKeys(n - 1));
    await page.getByTestId('overtime-section-flow').click();
    await page.getByTestId('flow-chart').locator('canvas').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('flow-from').inputValue()).toBe(snaps[n - 2]!.id);
    expect(await page.getByTestId('flow-to').inputValue()).toBe(snaps[n - 1]!.id);
    for (const g of ['stayed', 'entered', 'left', 'new', 'gone'] as const) {
      expect(
        await page.locator(`[data-testid=flow-groups] tr[data-row=${g}] td[data-col=Keys]`).getAttribute('data-exact'),
      ).toBe(String(expected[g]));
    }
    const countFrom = expected.stayed + expected.left + expected.gone;
    // The Share column says what it is a share of: each snapshot's groups add up to its members.
    const countTo = expected.stayed + expected.entered + expected.new;
    const fmt = (x: number) => x.toLocaleString('en-US');
    expect(await page.getByTestId('flow-share-note').textContent()).toBe(
      `Share: stayed, entered and new keys of the ${fmt(countTo)} members as of ${snaps[n - 1]!.asOf}; ` +
        `stayed, left and gone keys of the ${fmt(countFrom)} as of ${snaps[n - 2]!.asOf}.`,
    );
    expectClose(await page.getByTestId('flow-retention').getAttribute('data-exact'), expected.stayed / countFrom);
    expectClose(
      await page.getByTestId('segment-stability-Activated').getAttribute('data-retention'),
      expected.stayed / countFrom,
    );
    expect(await page.getByTestId('segment-stability-Activated').textContent()).toBe(
      `${Math.round((expected.stayed / countFrom) * 100)}% kept`,
    );

    // "left" exported through the export dialog: exactly those keys (rows of the earlier snapshot).
    expect(expected.left).toBeGreaterThan(0);
    await page.getByTestId('flow-export-left').click();
    await page.getByTestId('export-dialog').waitFor();
    expect(await page.getByTestId('export-narrow').textContent()).toContain(
      `Activated: left (${snaps[n - 2]!.asOf} → ${snaps[n - 1]!.asOf})`,
    );
    expect(await page.getByTestId('export-source').textContent()).toContain(`snapshot as of ${snaps[n - 2]!.asOf}`);
    await page.getByTestId('export-format-csv').check();
    const [csv] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-run').click(),
    ]);
    const lines = parseCsv(readFileSync(await csv.path(), 'utf8'));
    expect(lines[0]![0]).toBe('account_id');
    const [inFrom, inTo, toKeys] = [activatedKeys(n - 2), activatedKeys(n - 1), new Set(rowsAt[n - 1]!.map(key))];
    const left = new Set([...inFrom].filter((k) => !inTo.has(k) && toKeys.has(k)));
    expect(lines.length - 1).toBe(left.size);
    expect(new Set(lines.slice(1).map((r) => r[0]))).toEqual(left);
    await page.getByTestId('export-close').click();

    await page.getByTestId('flow-grid-left').click();
    await expect.poll(() => page.getByTestId('tab-grid').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => rowCount(page), { timeout: 30_000 }).toBe(String(expected.left));
    expect(await page.getByTestId('grid-segment-chip').textContent()).toContain(
      `Activated: left (${snaps[n - 2]!.asOf} → ${snaps[n - 1]!.asOf}) · ${expected.left.toLocaleString('en-US')} rows`,
    );
    // The rows of the earlier snapshot, where the left members are.
    expect(await page.locator('.grid-header .chip.warn').textContent()).toContain(`as of ${snaps[n - 2]!.asOf}`);
    await page.getByTestId('tab-overtime').click();
  });

  it('shows how Value tiers moved between the last two snapshots; a cell shows in the grid exactly the rows that moved that way', async () => {
    const { page } = browser;
    const n = snaps.length;
    const tierAt = (k: number) => new Map(rowsAt[k]!.map((r) => [key(r), valueTier(r)]));
    const before = tierAt(n - 2);
    const after = tierAt(n - 1);
    const moved = (a: string, b: string) => [...after].filter(([k, t]) => t === b && before.get(k) === a).length;
    await page.getByTestId('overtime-section-tiers').click();
    await page.getByTestId('tiers-scheme').selectOption(def('Value tiers').file);
    await page.getByTestId('tiers-chart-canvas').locator('canvas').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=overtime-tiers] details summary').click();
    for (const [i, a] of TIERS.entries())
      for (const [j, b] of TIERS.entries())
        expect(await page.getByTestId(`tier-move-${i}-${j}`).getAttribute('data-count')).toBe(String(moved(a, b)));
    const fresh = (b: string) => [...after].filter(([k, t]) => t === b && !before.has(k)).length;
    for (const [j, b] of TIERS.entries())
      expect(await page.getByTestId(`tier-move--1-${j}`).getAttribute('data-count')).toBe(String(fresh(b)));

    // The busiest move between two different tiers, by its button.
    const pairs = TIERS.flatMap((a, i) => TIERS.map((b, j) => ({ i, j, a, b, count: moved(a, b) }))).filter(
      (p) => p.i !== p.j,
    );
    const busiest = pairs.sort((x, y) => y.count - x.count)[0]!;
    expect(busiest.count).toBeGreaterThan(0);
    await page.getByTestId(`tier-move-${busiest.i}-${busiest.j}`).click();
    await expect.poll(() => rowCount(page), { timeout: 30_000 }).toBe(String(busiest.count));
    expect(await page.getByTestId('grid-segment-chip').textContent()).toContain(
      `Value tiers: ${busiest.a} → ${busiest.b}`,
    );
    await page.screenshot({ path: join(resultsDir, 'overtime-move-in-grid.png') });
    // The chip exports exactly those rows.
    await page.getByTestId('grid-segment-export').click();
    await page.getByTestId('export-dialog').waitFor();
    await page.getByTestId('export-format-csv').check();
    const [moves] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-run').click(),
    ]);
    const exported = parseCsv(readFileSync(await moves.path(), 'utf8'))
      .slice(1)
      .map((r) => r[0]!);
    expect(exported.length).toBe(busiest.count);
    expect(exported.every((k) => before.get(k) === busiest.a && after.get(k) === busiest.b)).toBe(true);
    await page.getByTestId('export-close').click();

    // A click on the heatmap: whichever cell it lands on, the grid has that cell's rows.
    await page.getByTestId('tab-overtime').click();
    const canvas = page.getByTestId('tiers-chart-canvas').locator('canvas').first();
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.42);
    await expect.poll(() => page.getByTestId('tab-grid').getAttribute('aria-selected')).toBe('true');
    const chip = (await page.getByTestId('grid-segment-chip').textContent()) ?? '';
    const m = /Value tiers: (\w+) → (\w+)/.exec(chip);
    expect(m).not.toBeNull();
    const [, a, b] = m!;
    const count =
      a === 'new'
        ? fresh(b!)
        : b === 'gone'
          ? [...before].filter(([k, t]) => t === a && !after.has(k)).length
          : moved(a!, b!);
    await expect.poll(() => rowCount(page), { timeout: 30_000 }).toBe(String(count));
    await page.getByTestId('tab-overtime').click();
  });

  it('lists the commonest paths through Value tiers over three snapshots or more, as the raw rows have them', async () => {
    const { page } = browser;
    await page.getByTestId('overtime-section-paths').click();
    if (snaps.length < 3) {
      expect(await page.getByTestId('overtime-reason').textContent()).toContain(
        `need 3 snapshots or more; accounts has ${snaps.length}`,
      );
      return;
    }
    await page.getByTestId('paths-scheme').selectOption(def('Value tiers').file);
    await page.getByTestId('paths-chart').locator('canvas').first().waitFor({ timeout: 60_000 });
    const perKey = new Map<string, string[]>();
    rowsAt.forEach((rows) => {
      for (const r of rows) {
        const path = perKey.get(key(r)) ?? [];
        if (path.at(-1) !== valueTier(r)) path.push(valueTier(r));
        perKey.set(key(r), path);
      }
    });
    const counts = new Map<string, number>();
    for (const p of perKey.values()) counts.set(p.join(' → '), (counts.get(p.join(' → ')) ?? 0) + 1);
    const [csv] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('overtime-paths-csv').click(),
    ]);
    const table = parseCsv(readFileSync(await csv.path(), 'utf8'));
    expect(table[0]!.slice(0, 2)).toEqual(['Path', 'Keys']);
    for (const r of table.slice(1)) expect(Number(r[1])).toBe(counts.get(r[0]!));
    expect(Number(table[1]![1])).toBe(Math.max(...counts.values()));
  });

  it('draws every section without long main-thread tasks and looks right in light and dark at 1280×800', async () => {
    const { page } = browser;
    // Main-thread tasks over 50 ms while the view draws from answers in hand (recorded, not asserted: it is the
    // machine's speed).
    await page.getByTestId('tab-grid').click();
    await startLongTasks(page);
    await page.getByTestId('tab-overtime').click();
    for (const s of ['trends', 'flow', 'tiers', 'paths']) {
      await page.getByTestId(`overtime-section-${s}`).click();
      if (s !== 'paths' || snaps.length >= 3)
        await page.locator('.compare-body canvas').first().waitFor({ timeout: 60_000 });
    }
    await page.getByTestId('overtime-section-tiers').click();
    await page.getByTestId('tiers-chart-sankey').click();
    await page.waitForTimeout(300);
    const longTasks = (await page.evaluate('window.longTasks')) as number[];
    writeFileSync(
      join(resultsDir, 'overtime-longtasks.json'),
      JSON.stringify(
        {
          longestMs: Math.max(0, ...longTasks),
          tasksOver50ms: longTasks,
          firstOpen: { longestMs: Math.max(0, ...firstOpen), tasksOver50ms: firstOpen },
        },
        null,
        2,
      ),
    );
    await page
      .locator('.save-note')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => undefined);
    await page.screenshot({ path: join(resultsDir, 'overtime-tiers-light.png') });
    await page.getByTestId('tiers-chart-heatmap').click();
    await page.getByTestId('overtime-section-trends').click();
    await page.getByTestId('trend-chart').locator('canvas').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(resultsDir, 'overtime-trends-light.png') });
    await page.getByTestId('theme-toggle').click();
    await page.waitForTimeout(300); // the charts redraw in the new palette
    await page.screenshot({ path: join(resultsDir, 'overtime-trends-dark.png') });
    await page.getByTestId('overtime-section-tiers').click();
    await page.getByTestId('tiers-chart-canvas').locator('canvas').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(resultsDir, 'overtime-tiers-dark.png') });
    await page.getByTestId('theme-toggle').click();
    expect(browser.errors).toEqual([]);
  });

  it("the threshold explorer sets Activated's inactive-days threshold from a click on its curve; the live count follows and Ctrl+Z undoes it", async () => {
    const { page } = browser;
    const last = snaps.length - 1;
    const rows = rowsAt[last]!;
    const asOf = snaps[last]!.asOf;
    const reference = (t: number) => rows.filter((r) => isActivated(r, asOf, t)).length;
    await backToLatestGrid(page);
    await page.getByTestId('segment-item-Activated').click();
    await page.getByTestId('builder-panel').waitFor();
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(reference(3)));
    expect(await page.getByTestId('explore-0').count()).toBe(1);
    await page.getByTestId('explore-1').click();
    const canvas = page.getByTestId('threshold-chart').locator('canvas').first();
    await canvas.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('threshold-summary').textContent()).toContain(
      `inactive_days ≤ 3: ${reference(3).toLocaleString('en-US')} members`,
    );
    // The curve's point at each threshold is the reference's count there.
    const points = page.getByTestId('threshold-point');
    for (const el of await points.all())
      expect(Number(await el.getAttribute('data-count'))).toBe(
        reference(Number(await el.getAttribute('data-threshold'))),
      );

    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.5);
    await expect.poll(() => page.getByTestId('value-1').inputValue(), { timeout: 10_000 }).not.toBe('3');
    const t = Number(await page.getByTestId('value-1').inputValue());
    expect(t).toBeGreaterThan(3);
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(reference(t)));
    await page.screenshot({ path: join(resultsDir, 'overtime-threshold-light.png') });

    await page.getByTestId('value-1').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('value-1').inputValue()).toBe('3');
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(reference(3)));
    // A point of the list sets a threshold too.
    await page.locator('[data-testid=threshold-explorer] details summary').click();
    const first = points.first();
    const t0 = Number(await first.getAttribute('data-threshold'));
    await first.click();
    await expect
      .poll(() => page.getByTestId('live-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(reference(t0)));
    expect(browser.errors).toEqual([]);
  });
});
