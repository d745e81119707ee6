/**
 * E2E (issue 11 items 1–2) in Chromium at 1280×800 and 1440×900, on the demo data: with the builder
 * open the grid still shows several columns; no operator or value is cut off; the panel resizes
 * (remembered over a reload) and folds; typing 2 into a number field gives 2 and the live count
 * follows; a SQL rule counts while typing (no blur); Ctrl+Z / Ctrl+Shift+Z / Ctrl+S from inside an
 * input and from the grid; native text undo in the note; the ? panel; the explanation beside the
 * selected row follows ↑/↓. Counts are computed here from the raw rows, not by the engine.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/api/dataApi';
import { fetchAllRows } from './demoReference';
import { connectApi, openApp, resultsDir, startHost, type Browser, type RunningHost } from './e2eTestUtils';

let host: RunningHost;
let browser: Browser;
let rows: Record<string, CellValue>[] = [];

beforeAll(async () => {
  host = await startHost();
  const remote = await connectApi(host);
  rows = await fetchAllRows(remote.api, 'accounts');
  remote.close();
  browser = await openApp(host, { width: 1280, height: 800 });
  await browser.page.getByTestId('table-item-accounts').waitFor();
  mkdirSync(resultsDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

// The probes below run in the page; they are strings because this project compiles without the DOM
// library (as liveCountBench.ts does).

/** Column headers wholly inside the grid's visible width. */
async function visibleColumns(page: Page): Promise<number> {
  return (await page.evaluate(`(() => {
    const grid = document.querySelector('[data-testid=grid]').getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid=grid] [role=columnheader]')].filter((h) => {
      const r = h.getBoundingClientRect();
      return r.width > 0 && r.left >= grid.left - 1 && r.right <= grid.right + 1;
    }).length;
  })()`)) as number;
}

/**
 * Condition controls whose text does not fit: an input's text overflows (scrollWidth > clientWidth);
 * a select's chosen option, measured with its own font on a canvas, is wider than the select's
 * content box less its arrow (16 px).
 */
async function clippedControls(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const ctx = document.createElement('canvas').getContext('2d');
    const out = [];
    const sel = '[data-testid=builder-panel] .condition select, [data-testid=builder-panel] .condition input.value-input';
    for (const el of document.querySelectorAll(sel)) {
      if (el.offsetParent === null) continue;
      const cs = getComputedStyle(el);
      if (el.tagName === 'SELECT') {
        ctx.font = cs.fontStyle + ' ' + cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
        const text = el.selectedOptions[0] ? el.selectedOptions[0].text : '';
        const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 16;
        const need = ctx.measureText(text).width;
        if (need > room + 0.5) out.push(el.getAttribute('aria-label') + ': "' + text + '" needs ' + Math.ceil(need) + ' px, has ' + room);
      } else if (el.scrollWidth > el.clientWidth) out.push(el.getAttribute('aria-label') + ': "' + el.value + '" ' + el.scrollWidth + ' > ' + el.clientWidth);
    }
    return out;
  })()`)) as string[];
}

/** The text each condition select shows and each condition input holds. */
async function conditionTexts(page: Page): Promise<{ selects: string[]; inputs: string[] }> {
  return (await page.evaluate(`(() => ({
    selects: [...document.querySelectorAll('[data-testid=builder-panel] .condition select')].map((s) => s.selectedOptions[0] ? s.selectedOptions[0].text : ''),
    inputs: [...document.querySelectorAll('[data-testid=builder-panel] .condition input.value-input')].map((i) => i.value),
  }))()`)) as { selects: string[]; inputs: string[] };
}

const focusedLabel = (page: Page) =>
  page.evaluate('document.activeElement && document.activeElement.getAttribute("aria-label")');

const count = (page: Page) => page.getByTestId('live-count').getAttribute('data-count');
const panelWidth = async (page: Page) => (await page.getByTestId('right-panel').boundingBox())!.width;

describe('builder layout at 1280×800', () => {
  it('opens At risk of churn beside a grid that still shows several columns; nothing is cut off', async () => {
    const { page } = browser;
    await page.getByTestId('segment-item-At risk of churn').click();
    await page.getByTestId('builder-panel').waitFor();
    await expect.poll(() => count(page), { timeout: 30_000 }).not.toBe('');
    await page.locator('[role=row][row-index="0"]:not(.ag-row-loading) [role=gridcell]').first().waitFor();
    expect(await visibleColumns(page)).toBeGreaterThanOrEqual(3);
    const grid = (await page.getByTestId('grid').boundingBox())!;
    expect(grid.width).toBeGreaterThanOrEqual(440);
    // The template's words that were cut off before: "less than", "this quarter", "churned".
    const shown = await conditionTexts(page);
    expect(shown.selects).toEqual(expect.arrayContaining(['less than', 'this quarter']));
    expect(shown.inputs).toContain('churned');
    expect(await clippedControls(page)).toEqual([]);
    await page.screenshot({ path: join(resultsDir, 'builder-1280.png') });
    // A scheme's tiers use the same condition rows; then back to the segment.
    await page.getByTestId('scheme-open-Lifecycle stages').click();
    await expect.poll(() => page.getByTestId('builder-name').inputValue()).toBe('Lifecycle stages');
    expect(await page.locator('[data-testid=builder-panel] .condition').count()).toBeGreaterThan(3);
    expect(await clippedControls(page)).toEqual([]);
    await page.getByTestId('segment-item-At risk of churn').click();
    await expect.poll(() => page.getByTestId('builder-name').inputValue()).toBe('At risk of churn');
  });

  it('resizes the panel by its handle (remembered over a reload), folds it to a strip and back', async () => {
    const { page } = browser;
    const before = await panelWidth(page);
    const handle = (await page.getByTestId('builder-resizer').boundingBox())!;
    const y = handle.y + handle.height / 2;
    await page.mouse.move(handle.x + handle.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 - 60, y, { steps: 5 });
    await page.mouse.move(handle.x + handle.width / 2 - 100, y, { steps: 5 });
    await page.mouse.up();
    const wider = await panelWidth(page);
    expect(Math.abs(wider - (before + 100))).toBeLessThanOrEqual(1);
    expect(await visibleColumns(page)).toBeGreaterThanOrEqual(3);
    // The limit leaves the grid 440 px: a drag far to the left stops there.
    await page.mouse.move(handle.x - 100 + handle.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(20, y, { steps: 5 });
    await page.mouse.up();
    expect(Math.round(await panelWidth(page))).toBe(1280 - 250 - 440);
    expect(await visibleColumns(page)).toBeGreaterThanOrEqual(2);
    // Back to the width of the first drag with the keyboard (← widens, → narrows by 16 px).
    await page.getByTestId('builder-resizer').focus();
    const target = before + 100;
    while ((await panelWidth(page)) - target >= 16) await page.keyboard.press('ArrowRight');
    const kept = await panelWidth(page);
    expect(kept - target).toBeLessThan(16);

    await page.reload();
    await page.getByTestId('segment-item-At risk of churn').click();
    await page.getByTestId('builder-panel').waitFor();
    expect(Math.abs((await panelWidth(page)) - kept)).toBeLessThanOrEqual(1);

    const grid = (await page.getByTestId('grid').boundingBox())!.width;
    await page.getByTestId('builder-collapse').click();
    await expect.poll(() => panelWidth(page)).toBeLessThanOrEqual(33);
    expect(await page.getByTestId('builder-panel').isVisible()).toBe(false);
    await expect
      .poll(async () => (await page.getByTestId('grid').boundingBox())!.width)
      .toBeGreaterThan(grid + kept - 40);
    await page.getByTestId('builder-expand').click();
    await page.getByTestId('builder-panel').waitFor();
    expect(Math.abs((await panelWidth(page)) - kept)).toBeLessThanOrEqual(1);
    // Default width again (double-click on the handle), for the rest of the tests.
    await page.getByTestId('builder-resizer').dblclick();
    expect(Math.round(await panelWidth(page))).toBe(410);
  });

  it('typing 2 into a number field gives 2, and the live count follows', async () => {
    const { page } = browser;
    await page.getByTestId('segment-new').click();
    await page.getByTestId('add-condition-root').click();
    await page.getByTestId('field-0').selectOption('onboarding_step');
    await page.getByTestId('op-0').selectOption('gt');
    const value = page.getByTestId('value-0');
    expect(await value.inputValue()).toBe('0');
    await value.click();
    await page.keyboard.type('2');
    expect(await value.inputValue()).toBe('2');
    const step = (r: Record<string, CellValue>) => (typeof r.onboarding_step === 'number' ? r.onboarding_step : null);
    const above2 = rows.filter((r) => (step(r) ?? -Infinity) > 2).length;
    expect(above2).toBeGreaterThan(0);
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(String(above2));
    // With the caret after the text, a second 0 gives 20, not 020 or 2.
    await page.keyboard.press('End');
    await page.keyboard.type('0');
    expect(await value.inputValue()).toBe('20');
    await expect
      .poll(() => count(page), { timeout: 20_000 })
      .toBe(String(rows.filter((r) => (step(r) ?? -Infinity) > 20).length));
    await page.keyboard.press('Backspace');
    expect(await value.inputValue()).toBe('2');
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(String(above2));
    expect(await clippedControls(page)).toEqual([]);
  });

  it('a SQL rule counts while typing, without leaving the field', async () => {
    const { page } = browser;
    await page.getByTestId('add-sql-root').click();
    const sql = page.getByTestId('sql-1').locator('textarea');
    await sql.click();
    await page.keyboard.type('onboarding_step <= 3');
    const three = rows.filter((r) => r.onboarding_step === 3).length;
    expect(three).toBeGreaterThan(0);
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(String(three));
    expect(await focusedLabel(page)).toBe('SQL expression');
    expect(await page.getByTestId('sql-1').locator('.diag.error').count()).toBe(0);
    // A half-typed expression is an error under the field while typing, and the count waits.
    await page.keyboard.type(' and');
    await expect.poll(() => page.getByTestId('sql-1').locator('.diag.error').count(), { timeout: 20_000 }).toBe(1);
    for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => page.getByTestId('sql-1').locator('.diag.error').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(String(three));
  });

  it('Ctrl+Z, Ctrl+Shift+Z and Ctrl+S work from inside an input and from the grid; the note keeps its own undo', async () => {
    const { page } = browser;
    const sql = page.getByTestId('sql-1').locator('textarea');
    const value = page.getByTestId('value-0');
    const above2 = rows.filter((r) => typeof r.onboarding_step === 'number' && r.onboarding_step > 2).length;
    const three = rows.filter((r) => r.onboarding_step === 3).length;
    // In the number field: undo takes the SQL typing back (one step), redo brings it again.
    await value.focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => sql.inputValue()).toBe('');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => sql.inputValue()).toBe('onboarding_step <= 3');
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(String(three));
    // From a grid cell (AG Grid has the focus).
    await page.locator('[role=row][row-index="1"]:not(.ag-row-loading) [role=gridcell][col-id=name]').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await expect.poll(() => sql.inputValue()).toBe('');
    await page.keyboard.press('Control+y');
    await expect.poll(() => sql.inputValue()).toBe('onboarding_step <= 3');
    // The note's own text undo; the definition stays.
    const note = page.getByTestId('builder-note');
    await note.click();
    await page.keyboard.type('steps 3');
    await page.keyboard.press('Control+z');
    expect(await note.inputValue()).toBe('');
    expect(await sql.inputValue()).toBe('onboarding_step <= 3');
    // Save from inside the SQL field.
    await sql.focus();
    await page.keyboard.press('Control+s');
    await page.getByTestId('version-1').waitFor({ timeout: 20_000 });
    expect(await focusedLabel(page)).toBe('SQL expression');
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(String(three));
    expect(above2).toBeGreaterThan(three);
  });

  it('? opens the shortcuts panel when not typing; in a field it is a question mark', async () => {
    const { page } = browser;
    await page.getByTestId('builder-note').click();
    await page.keyboard.type('?');
    expect(await page.getByTestId('builder-note').inputValue()).toBe('?');
    expect(await page.getByTestId('shortcuts-panel').count()).toBe(0);
    await page.getByTestId('builder-note').fill('');
    await page.locator('.grid-title').click();
    await page.keyboard.press('Shift+Slash');
    const panel = page.getByTestId('shortcuts-panel');
    await panel.waitFor();
    const text = (await panel.textContent()) ?? '';
    for (const k of ['Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+S', '?']) expect(text).toContain(k);
    await page.screenshot({ path: join(resultsDir, 'builder-shortcuts-1280.png') });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.getByTestId('shortcuts-button').click();
    await panel.waitFor();
    await page.getByTestId('shortcuts-button').click();
    await panel.waitFor({ state: 'detached' });
  });

  it('the explanation shows beside the selected row and follows it with the arrow keys', async () => {
    const { page } = browser;
    const rowAt = (i: number) => page.locator(`[role=row][row-index="${i}"]:not(.ag-row-loading)`).first();
    const keyOf = async (i: number) =>
      ((await rowAt(i).locator('[role=gridcell][col-id=account_id]').textContent()) ?? '').trim();
    const member = (key: string) => rows.find((r) => r.account_id === key)!.onboarding_step === 3;
    const popover = page.getByTestId('explain-popover');
    await rowAt(2).locator('[role=gridcell][col-id=account_id]').click();
    await popover.waitFor();
    for (const [press, i] of [
      [null, 2],
      ['ArrowDown', 3],
      ['ArrowDown', 4],
      ['ArrowUp', 3],
    ] as const) {
      if (press) await page.keyboard.press(press);
      const key = await keyOf(i);
      await expect
        .poll(() => page.getByTestId('explain').locator('.section-title').textContent())
        .toContain(`Explain ${key}`);
      await expect
        .poll(() => page.getByTestId('explain-verdict').getAttribute('data-in'), { timeout: 20_000 })
        .toBe(String(member(key)));
      // Level with the row, clear of the focused cell (account_id, on the left), inside the grid.
      const row = (await rowAt(i).boundingBox())!;
      const cell = (await rowAt(i).locator('[role=gridcell][col-id=account_id]').boundingBox())!;
      await expect.poll(async () => Math.abs((await popover.boundingBox())!.y - row.y)).toBeLessThanOrEqual(1);
      const card = (await popover.boundingBox())!;
      expect(card.x).toBeGreaterThanOrEqual(cell.x + cell.width);
      const grid = (await page.getByTestId('grid').boundingBox())!;
      expect(card.x + card.width).toBeLessThanOrEqual(grid.x + grid.width);
    }
    await page.screenshot({ path: join(resultsDir, 'builder-explain-1280.png') });
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    expect(browser.errors).toEqual([]);
  });
});

describe('builder layout at 1440×900', () => {
  it('shows several grid columns beside the builder and cuts nothing off', async () => {
    const wide = await openApp(host, { width: 1440, height: 900 });
    try {
      const { page } = wide;
      await page.getByTestId('segment-item-At risk of churn').click();
      await page.getByTestId('builder-panel').waitFor();
      await page.locator('[role=row][row-index="0"]:not(.ag-row-loading) [role=gridcell]').first().waitFor();
      expect(Math.round(await panelWidth(page))).toBe(461);
      expect(await visibleColumns(page)).toBeGreaterThanOrEqual(4);
      expect(await clippedControls(page)).toEqual([]);
      await page.screenshot({ path: join(resultsDir, 'builder-1440.png') });
      // A scheme's tiers use the same condition rows.
      await page.getByTestId('scheme-open-Lifecycle stages').click();
      await page.getByTestId('builder-name').waitFor();
      await expect.poll(() => page.getByTestId('builder-name').inputValue()).toBe('Lifecycle stages');
      expect(await page.locator('[data-testid=builder-panel] .condition').count()).toBeGreaterThan(3);
      expect(await clippedControls(page)).toEqual([]);
      expect(wide.errors).toEqual([]);
    } finally {
      await wide.close();
    }
  });
});
