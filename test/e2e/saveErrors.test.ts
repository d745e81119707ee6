/**
 * E2E (issue 11 items 3–4) at laptop size, 1280×800, on the demo workspace: typing 'abc' into a
 * numeric condition shows the message in the user's words beside it ("Condition 1 (mrr ≥ abc): mrr
 * is a number; 'abc' is not …"), Save is disabled with the reason and Ctrl+S is refused with it;
 * fixing the value lets it save. A name already used by a template (any case, spaces) is refused
 * by the app and, through the same API any client uses, by the engine.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectApi, openApp, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;
let remote: Awaited<ReturnType<typeof connectApi>>;

beforeAll(async () => {
  host = await startHost();
  remote = await connectApi(host);
  browser = await openApp(host, { width: 1280, height: 800 });
  await browser.page.getByTestId('table-item-accounts').waitFor();
});

afterAll(async () => {
  await browser?.close();
  remote?.close();
  await host?.stop();
});

const NUMBER_MESSAGE =
  "Condition 1 (mrr ≥ abc): mrr is a number; 'abc' is not. " +
  'Type a number such as 1200 or 0.5 (digits only, no units or thousands separators)';

describe("saving is safe, errors are in the user's words", () => {
  it('text in a number condition: the human message, no save; fixed, it saves', async () => {
    const { page } = browser;
    await page.getByTestId('segment-new').click();
    await page.getByTestId('builder-name').fill('Big accounts');
    await page.getByTestId('add-condition-root').click();
    await page.getByTestId('field-0').selectOption('mrr');
    await page.getByTestId('op-0').selectOption('gte');
    await page.getByTestId('value-0').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('abc');

    const beside = page.getByTestId('builder-panel').getByTestId('diagnostic');
    await expect.poll(() => beside.allTextContents()).toEqual([NUMBER_MESSAGE]);
    expect(await page.getByTestId('value-0').inputValue()).toBe('abc');
    const save = page.getByTestId('builder-save');
    expect(await save.isDisabled()).toBe(true);
    const reason = `Cannot save yet: fix the error marked in red first. ${NUMBER_MESSAGE}`;
    expect(await save.getAttribute('title')).toBe(reason);
    expect(await page.getByTestId('builder-save-blocked').textContent()).toBe(reason);
    // No raw JSON path as the location, no DuckDB words anywhere in the panel.
    const panel = (await page.getByTestId('builder-panel').textContent()) ?? '';
    expect(panel).not.toMatch(/where\.all\[0\]:|Error:|snap\./);

    // Ctrl+S where the typing is: refused, with the same reason; the version note is kept.
    await page.getByTestId('builder-note').fill('big spenders');
    await page.getByTestId('value-0').press('Control+s');
    await expect.poll(() => page.getByTestId('builder-save-error').textContent()).toContain(reason);
    expect(await page.getByTestId('builder-note').inputValue()).toBe('big spenders');
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, 'save-refused-human-message.png') });
    expect((await remote.api.listDefinitions({})).some((d) => d.name === 'Big accounts')).toBe(false);

    await page.getByTestId('value-0').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1200');
    await expect.poll(() => beside.count()).toBe(0);
    await expect.poll(() => save.isDisabled()).toBe(false);
    await save.click();
    await expect
      .poll(() => page.getByTestId('builder-saved').textContent(), { timeout: 20_000 })
      .toBe('Saved as version 1.');
    const saved = (await remote.api.listDefinitions({})).find((d) => d.name === 'Big accounts');
    expect(saved?.file).toBe('segments/big-accounts.segment.json');
    expect(browser.errors).toEqual([]);
  });

  it('a name in use (the Activated template, in another case) is refused by the app and by the engine', async () => {
    const { page } = browser;
    await page.getByTestId('builder-name').fill('  activated ');
    const reason =
      "Cannot save under this name: 'Activated' is already the name of the segment in segments/activated.segment.json; " +
      'segments and schemes in a workspace need different names (case and spaces do not count). Pick another name, or rename that one first.';
    await expect.poll(() => page.getByTestId('builder-save-blocked').textContent()).toBe(reason);
    expect(await page.getByTestId('builder-save').isDisabled()).toBe(true);
    await page.getByTestId('builder-name').press('Control+s');
    await expect.poll(() => page.getByTestId('builder-save-error').textContent()).toContain(reason);
    await page.screenshot({ path: join(resultsDir, 'save-refused-duplicate-name.png') });

    // Another client cannot bypass it: the engine refuses the same save.
    const definition = {
      entity: { table: 'accounts', key: 'account_id' },
      where: { field: 'mrr', op: 'gte', value: 1200 },
    };
    await expect(
      remote.api.saveDefinition({
        file: 'segments/big-accounts.segment.json',
        name: 'ACTIVATED',
        definition,
        note: '',
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining("'Activated' is already the name of the segment"),
    });
    await expect(
      remote.api.saveDefinition({
        name: 'Big',
        definition: { ...definition, where: { field: 'mrr', op: 'gte', value: 'abc' } },
        note: '',
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: `Cannot save 'Big': ${NUMBER_MESSAGE.replace('Condition 1', 'The condition')}. Fix it and save again.`,
    });
    const names = (await remote.api.listDefinitions({})).map((d) => d.name.toLowerCase());
    expect(names.filter((n) => n === 'activated')).toHaveLength(1);
    expect(names).not.toContain('big');
  });
});
