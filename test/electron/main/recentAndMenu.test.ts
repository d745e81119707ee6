import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../../electron/main/menu';
import { RecentWorkspaces } from '../../../electron/main/recent';

describe('recent workspaces', () => {
  it('keeps newest first, without duplicates, at most ten, in a JSON file with no temp files left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segwb-recent-'));
    const r = new RecentWorkspaces(dir);
    expect(r.list()).toEqual([]);
    r.add('/a');
    r.add('/b');
    expect(r.add('/a')).toEqual(['/a', '/b']);
    for (let i = 0; i < 12; i++) r.add(`/w${i}`);
    const list = r.list();
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('/w11');
    expect(list).not.toContain('/a');
    expect(JSON.parse(readFileSync(join(dir, 'recent-workspaces.json'), 'utf8'))).toEqual(list);
    expect(readdirSync(dir)).toEqual(['recent-workspaces.json']);
    expect(r.remove('/w11')[0]).toBe('/w10');
  });

  it('reads a corrupt or foreign file as empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segwb-recent-'));
    writeFileSync(join(dir, 'recent-workspaces.json'), '{"not": "a list"');
    expect(new RecentWorkspaces(dir).list()).toEqual([]);
    writeFileSync(join(dir, 'recent-workspaces.json'), '[1, "/ok", null]');
    expect(new RecentWorkspaces(dir).list()).toEqual(['/ok']);
  });
});

describe('menu', () => {
  const actions = { openWorkspace: vi.fn(), importFile: vi.fn(), openRecent: vi.fn(), toggleDark: vi.fn() };
  const find = (t: MenuItemConstructorOptions[], label: string) =>
    t.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];

  it('File has open, import, recent (clickable) and quit', () => {
    const t = menuTemplate(actions, { recent: ['/data/acme'], dev: false, mac: false });
    const file = find(t, 'File');
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'Open Workspace…',
      'Import File…',
      'Recent Workspaces',
      'separator',
      'quit',
    ]);
    const recent = file[2]!.submenu as MenuItemConstructorOptions[];
    (recent[0]!.click as () => void)();
    expect(actions.openRecent).toHaveBeenCalledWith('/data/acme');
  });

  it('offers devtools and reload only in development', () => {
    const roles = (dev: boolean) =>
      find(menuTemplate(actions, { recent: [], dev, mac: false }), 'View').map((i) => i.role ?? i.label);
    expect(roles(false)).toEqual(['Toggle Dark Mode']);
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});
