/**
 * The application menu as data (a pure function of the actions and state), so it is testable
 * without Electron: File (open workspace, import, recent workspaces, quit), Edit (standard roles,
 * needed for copy/paste in text fields on macOS), View (dark mode; reload and devtools in dev only).
 * Import File… only picks files: the window's import dialog takes them from there (IMPORT_FILES_CHANNEL).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

/**
 * Main → window: paths chosen with File ▸ Import File…, for the renderer's import dialog (sniff
 * preview, options, report), as if picked in the window. The preload's copy of the name must match.
 */
export const IMPORT_FILES_CHANNEL = 'workbench:import-files';

export interface MenuActions {
  openWorkspace(): void;
  importFile(): void;
  openRecent(path: string): void;
  toggleDark(): void;
}

export function menuTemplate(
  actions: MenuActions,
  state: { recent: string[]; dev: boolean; mac: boolean },
): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] = state.recent.length
    ? state.recent.map((p) => ({ label: `${basename(p)} — ${p}`, click: () => actions.openRecent(p) }))
    : [{ label: 'No recent workspaces', enabled: false }];
  const view: MenuItemConstructorOptions[] = [
    { label: 'Toggle Dark Mode', accelerator: 'CmdOrCtrl+Shift+D', click: () => actions.toggleDark() },
  ];
  if (state.dev) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    ...(state.mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
        { label: 'Import File…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFile() },
        { label: 'Recent Workspaces', submenu: recent },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
