/**
 * E2E (issue 4 item 1): in the sidebar, rename the demo's "Advocates" segment with the keyboard
 * (F2, type, Enter); the file follows the name and its versions are byte-identical; after a reload
 * the new name is there. Delete it: it disappears and the file sits in .trash; Undo brings it back
 * with the count it had. Delete again with the Delete key and restore it from "Recently deleted".
 * Open it in the builder: the template's description shows; editing it and saving (Ctrl+S) writes it
 * to the file without a new version.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectApi, openApp, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;
let remote: Awaited<ReturnType<typeof connectApi>>;
let ws = '';

const versionsText = (file: string) => {
  const text = readFileSync(join(ws, file), 'utf8');
  return text.slice(text.indexOf('"versions"'));
};

beforeAll(async () => {
  host = await startHost();
  remote = await connectApi(host);
  ws = (await remote.api.getWorkspace({}))!.path;
  browser = await openApp(host, { width: 1400, height: 900 });
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

describe('segment files in the sidebar', () => {
  let countText = '';
  let before = '';

  it('renames a segment with the keyboard; the file follows and its versions are untouched', async () => {
    const { page } = browser;
    const item = page.getByTestId('segment-item-Advocates');
    await item.waitFor();
    await expect
      .poll(() => page.getByTestId('segment-count-Advocates').textContent(), { timeout: 30_000 })
      .toMatch(/^[\d,]+$/);
    countText = (await page.getByTestId('segment-count-Advocates').textContent())!;
    // Independent of the UI: the count the engine gives for the file over the API.
    expect(Number(countText.replace(/,/g, ''))).toBe(
      (await remote.api.countSegment({ target: { file: 'segments/advocates.segment.json' } })).count,
    );
    before = versionsText('segments/advocates.segment.json');

    await item.focus();
    await page.keyboard.press('F2');
    const input = page.getByTestId('segment-rename-input-Advocates');
    await input.waitFor();
    await expect.poll(() => input.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Promoters');
    await page.keyboard.press('Enter');
    await page.getByTestId('segment-item-Promoters').waitFor();
    expect(await page.getByTestId('segment-item-Advocates').count()).toBe(0);
    expect(existsSync(join(ws, 'segments/advocates.segment.json'))).toBe(false);
    expect(versionsText('segments/promoters.segment.json')).toBe(before);
    expect(JSON.parse(readFileSync(join(ws, 'segments/promoters.segment.json'), 'utf8')).name).toBe('Promoters');
  });

  it('a rename onto another segment file is refused with the reason', async () => {
    const { page } = browser;
    await page.getByTestId('segment-item-Promoters').hover();
    await page.getByTestId('segment-rename-Promoters').click();
    const input = page.getByTestId('segment-rename-input-Promoters');
    await input.fill('Activated');
    await input.press('Enter');
    const error = page.getByTestId('segment-rename-error');
    await error.waitFor();
    // Segments and schemes share one namespace of names (any case): the name itself is taken.
    expect(await error.textContent()).toContain(
      "'Activated' is already the name of the segment in segments/activated.segment.json",
    );
    expect(await input.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await input.press('Escape');
    await page.getByTestId('segment-item-Promoters').waitFor();
  });

  it('after a reload the new name is there with its count', async () => {
    const { page } = browser;
    await page.reload();
    await page.getByTestId('segment-item-Promoters').waitFor();
    await expect
      .poll(() => page.getByTestId('segment-count-Promoters').textContent(), { timeout: 30_000 })
      .toBe(countText);
  });

  it('delete moves it to the trash; Undo brings it back with its count', async () => {
    const { page } = browser;
    await page.getByTestId('segment-item-Promoters').hover();
    await page.getByTestId('segment-delete-Promoters').click();
    await page.getByTestId('segment-deleted-toast').waitFor();
    await page.getByTestId('segment-item-Promoters').waitFor({ state: 'detached' });
    expect(existsSync(join(ws, 'segments/promoters.segment.json'))).toBe(false);
    const trashed = readdirSync(join(ws, '.trash')).filter((f) => f.endsWith('-promoters.segment.json'));
    expect(trashed).toHaveLength(1);
    expect(readFileSync(join(ws, '.trash', trashed[0]!), 'utf8')).toContain('"name": "Promoters"');
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'segment-deleted-toast.png') });

    await page.getByTestId('segment-undo-delete').click();
    await page.getByTestId('segment-item-Promoters').waitFor();
    await expect
      .poll(() => page.getByTestId('segment-count-Promoters').textContent(), { timeout: 30_000 })
      .toBe(countText);
    expect(versionsText('segments/promoters.segment.json')).toBe(before);
    expect(await page.getByTestId('segment-deleted-toast').count()).toBe(0);
  });

  it('the Delete key deletes; "Recently deleted" restores after the toast is gone', async () => {
    const { page } = browser;
    await page.getByTestId('segment-item-Promoters').focus();
    await page.keyboard.press('Delete');
    await page.getByTestId('segment-item-Promoters').waitFor({ state: 'detached' });
    // The undo button took the focus from the removed row.
    await expect
      .poll(() => page.getByTestId('segment-undo-delete').evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    await page.getByTestId('segment-deleted-toast').getByRole('button', { name: 'Dismiss' }).click();
    await page.reload();
    await page.getByTestId('segment-item-Activated').waitFor();
    await page.getByTestId('segment-trash').locator('summary').click();
    const restore = page.getByTestId('segment-restore-Promoters');
    await restore.waitFor();
    await restore.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('segment-item-Promoters').waitFor();
    await expect
      .poll(() => page.getByTestId('segment-count-Promoters').textContent(), { timeout: 30_000 })
      .toBe(countText);
    await restore.waitFor({ state: 'detached' });
  });

  it('the builder shows the description; saving an edited one keeps the versions byte-identical', async () => {
    const { page } = browser;
    const file = 'segments/promoters.segment.json';
    const stored = JSON.parse(readFileSync(join(ws, file), 'utf8')) as { description: string; versions: unknown[] };
    expect(stored.description.length).toBeGreaterThan(10);
    await page.getByTestId('segment-item-Promoters').click();
    const description = page.getByTestId('builder-description');
    await expect.poll(() => description.inputValue()).toBe(stored.description);
    await description.fill('Promoters: NPS 9 or 10 with broad usage, for referral asks');
    await page.keyboard.press('Control+S');
    await expect
      .poll(() => page.getByTestId('builder-saved').textContent())
      .toMatch(/Name and description saved.*still version 1/);
    const after = JSON.parse(readFileSync(join(ws, file), 'utf8')) as { description: string; versions: unknown[] };
    expect(after.description).toBe('Promoters: NPS 9 or 10 with broad usage, for referral asks');
    expect(versionsText(file)).toBe(before);
    await page.getByTestId('segment-item-Activated').hover();
    await page.screenshot({ path: join(resultsDir, 'segment-row-actions.png') });
  });

  it('renames a scheme from its row; its tiers are counted under the new name', async () => {
    const { page } = browser;
    const high = await page.getByTestId('tier-Value tiers-High').locator('.table-rows').first().textContent();
    await page.getByTestId('scheme-item-Value tiers').hover();
    await page.getByTestId('segment-rename-Value tiers').click();
    const input = page.getByTestId('scheme-rename-input-Value tiers');
    await input.fill('Value bands');
    await input.press('Enter');
    await page.getByTestId('scheme-item-Value bands').waitFor();
    expect(existsSync(join(ws, 'schemes/value-bands.scheme.json'))).toBe(true);
    expect(existsSync(join(ws, 'schemes/value-tiers.scheme.json'))).toBe(false);
    await expect
      .poll(() => page.getByTestId('tier-Value bands-High').locator('.table-rows').first().textContent(), {
        timeout: 30_000,
      })
      .toBe(high);
  });
});
