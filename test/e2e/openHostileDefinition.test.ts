/**
 * E2E (issue 9 item 5): Open… of a teammate's definition file with a duplicate key inside its
 * definition, in the browser: the file goes up through the web host's upload, the engine reads it
 * strictly, and the app refuses to open it, naming the path of the duplicated value. The hash was
 * computed the way JSON.parse reads the file (last duplicate wins), so only the strict reader can
 * tell. No builder opens on a guess of what the file means.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionFile, serializeDefinitionFile } from '../../shared/segments/file';
import { openApp, startHost, tempDir, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost();
  browser = await openApp(host);
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('opening a hostile definition file', () => {
  it('a duplicate key inside the definition is refused with its path', async () => {
    const { page } = browser;
    const dir = tempDir('segwb-e2e-hostile-def-');
    const definition = {
      entity: { table: 'accounts', key: 'account_id' },
      asOf: { kind: 'snapshot' as const },
      where: { field: 'plan', op: 'eq' as const, value: 'free' },
    };
    const file = createDefinitionFile({
      kind: 'segment',
      id: '01DUPLICATE000000000000000',
      name: 'Free (edited)',
      definition,
      now: '2026-11-02T09:00:00Z',
    });
    const text = serializeDefinitionFile(file).replace('"value": "free"', '"value": "pro", "value": "free"');
    const path = join(dir, 'free.segment.json');
    writeFileSync(path, text);
    await page.getByTestId('segment-open-input').setInputFiles(path);
    const alert = page.locator('.error-box[role=alert]').filter({ hasText: 'cannot be opened' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/versions\[0\]\.definition\.where\.value: duplicate key "value"/);
    expect(await page.getByTestId('builder-name').count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
