/**
 * The shell's save dialogs with a scripted `dialog` (no Electron here): modal to the window, opening
 * in the documents folder with the suggested name and the format's filter; the chosen path (with the
 * extension added when the platform's dialog left it off), null when cancelled; SQL text written
 * only to a chosen path; files the page built (CSV, HTML, PNG) written as text or as the bytes of
 * their base64.
 */
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { createSaveActions, withExtension } from '../../../electron/main/saveDialogs';

function setup(
  answers: SaveDialogReturnValue[],
  window: BrowserWindow | null = { isDestroyed: () => false } as unknown as BrowserWindow,
) {
  const calls: { win: unknown; options: SaveDialogOptions }[] = [];
  const showSaveDialog = vi.fn(async (a: unknown, b?: unknown) => {
    calls.push(
      b === undefined ? { win: null, options: a as SaveDialogOptions } : { win: a, options: b as SaveDialogOptions },
    );
    return answers.shift()!;
  });
  const writes: [string, string | Uint8Array][] = [];
  const actions = createSaveActions({
    dialog: { showSaveDialog } as never,
    window: () => window,
    defaultDir: () => '/home/u/Documents',
    writeFile: async (p, t) => void writes.push([p, t]),
  });
  return { actions, calls, writes };
}

describe('save dialogs', () => {
  it('asks where an export goes: modal, documents folder, the format filter; answers the chosen path', async () => {
    const win = { isDestroyed: () => false } as unknown as BrowserWindow;
    const { actions, calls } = setup([{ canceled: false, filePath: '/data/out/activated.parquet' }], win);
    expect(await actions.saveExportDialog('activated.parquet', 'parquet')).toBe('/data/out/activated.parquet');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.win).toBe(win);
    expect(calls[0]!.options).toMatchObject({
      title: 'Export members',
      defaultPath: '/home/u/Documents/activated.parquet',
      filters: [
        { name: 'Parquet', extensions: ['parquet'] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: expect.arrayContaining(['showOverwriteConfirmation']),
    });
  });

  it('adds the extension a dialog left off, keeps one the user typed, and answers null when cancelled', async () => {
    const { actions } = setup([
      { canceled: false, filePath: '/data/members' },
      { canceled: false, filePath: '/data/members.txt' },
      { canceled: true, filePath: '' },
    ]);
    expect(await actions.saveExportDialog('m.xlsx', 'xlsx')).toBe('/data/members.xlsx');
    expect(await actions.saveExportDialog('m.csv', 'csv')).toBe('/data/members.txt');
    expect(await actions.saveExportDialog('m.csv', 'csv')).toBeNull();
    expect(withExtension('/a/b.c/d', 'json')).toBe('/a/b.c/d.json');
  });

  it('without a window the dialog is not modal', async () => {
    const { actions, calls } = setup([{ canceled: true, filePath: '' }], null);
    await actions.saveExportDialog('m.csv', 'csv');
    expect(calls[0]!.win).toBeNull();
  });

  it('saves SQL text only where the user chose', async () => {
    const { actions, calls, writes } = setup([
      { canceled: false, filePath: '/data/activated.sql' },
      { canceled: true, filePath: '' },
    ]);
    expect(await actions.saveTextFile('activated.postgres.sql', 'SELECT 1')).toBe('/data/activated.sql');
    expect(calls[0]!.options.filters?.[0]).toEqual({ name: 'SQL', extensions: ['sql'] });
    expect(await actions.saveTextFile('again.sql', 'SELECT 2')).toBeNull();
    expect(writes).toEqual([['/data/activated.sql', 'SELECT 1']]);
  });

  it("saves a file the page built: the kind's filter and title, text as given, base64 as its bytes", async () => {
    const { actions, calls, writes } = setup([
      { canceled: false, filePath: '/data/kpis.csv' },
      { canceled: false, filePath: '/data/report' },
      { canceled: false, filePath: '/data/chart.png' },
      { canceled: true, filePath: '' },
    ]);
    expect(await actions.savePageFile('kpis.csv', 'csv', { text: 'a,b\n1,2\n' })).toBe('/data/kpis.csv');
    expect(await actions.savePageFile('report.html', 'html', { text: '<!doctype html>' })).toBe('/data/report.html');
    // The PNG signature, base64-encoded: written as those 8 bytes, not as the base64 text.
    expect(await actions.savePageFile('chart.png', 'png', { base64: 'iVBORw0KGgo=' })).toBe('/data/chart.png');
    expect(await actions.savePageFile('other.png', 'png', { base64: 'iVBORw0KGgo=' })).toBeNull();
    expect(calls.map((c) => [c.options.title, c.options.filters?.[0]])).toEqual([
      ['Save table as CSV', { name: 'CSV', extensions: ['csv'] }],
      ['Save report', { name: 'HTML report', extensions: ['html'] }],
      ['Save chart as PNG', { name: 'PNG image', extensions: ['png'] }],
      ['Save chart as PNG', { name: 'PNG image', extensions: ['png'] }],
    ]);
    expect(writes.slice(0, 2)).toEqual([
      ['/data/kpis.csv', 'a,b\n1,2\n'],
      ['/data/report.html', '<!doctype html>'],
    ]);
    expect(writes[2]![0]).toBe('/data/chart.png');
    expect([...(writes[2]![1] as Uint8Array)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(writes).toHaveLength(3);
  });
});
