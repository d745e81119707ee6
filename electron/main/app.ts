/**
 * The Electron shell, thin: one hardened window, the engine in a utilityProcess behind the engine
 * host, the IPC adapter, menus, dialogs (open; save for exports and SQL) and recent workspaces. No
 * data work happens here.
 * On start it reopens the most recent workspace, else the demo workspace (created on first use).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, session, utilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/protocol';
import { writeFileAtomic } from '../engine/files/atomicWrite';
import { startEngineHost, type EngineHost } from '../engine/process/engineHost';
import { appUrlMatcher } from './appUrl';
import { registerIpc } from './ipc';
import { IMPORT_FILES_CHANNEL, menuTemplate } from './menu';
import { appPaths } from './paths';
import { RecentWorkspaces } from './recent';
import { createSaveActions } from './saveDialogs';
import { appCsp, hardenWindow, installSessionPolicy, secureWebPreferences } from './security';
import { utilityForker } from './utilityForker';

const IMPORT_FILTERS = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'parquet', 'json', 'ndjson', 'jsonl', 'xlsx'] },
  { name: 'All files', extensions: ['*'] },
];

export async function startApp(mainModuleUrl: string): Promise<void> {
  await app.whenReady();
  const paths = appPaths(mainModuleUrl, process.env, app.isPackaged);
  const dev = paths.devServerUrl !== undefined;
  const isAppUrl = appUrlMatcher(paths);
  const recent = new RecentWorkspaces(app.getPath('userData'));
  installSessionPolicy(session.defaultSession, appCsp(paths.devServerUrl));

  const engine: EngineHost = startEngineHost({ fork: utilityForker(utilityProcess, paths.engineEntry) });
  let win: BrowserWindow | null = null;

  // The engine itself announces workspace changes (open, import) to every connection, the window's
  // included; the shell only keeps its recent list and menu current.
  const opened = (path: string) => {
    recent.add(path);
    rebuildMenu();
  };
  const openWorkspace = async (path: string) => {
    try {
      opened((await engine.client.openWorkspace({ path })).path);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'not_found') throw err;
      const answer = await dialog.showMessageBox({
        type: 'question',
        buttons: ['Create Workspace', 'Cancel'],
        defaultId: 0,
        cancelId: 1,
        message: `${path} is not a Segment Workbench workspace.`,
        detail: 'Create a new workspace in this folder?',
      });
      if (answer.response === 0) opened((await engine.client.openWorkspace({ path, create: true })).path);
    }
  };
  const report = (what: string) => (err: unknown) =>
    dialog.showErrorBox(what, err instanceof Error ? err.message : String(err));
  const pickWorkspace = async (): Promise<string | null> => {
    const r = await dialog.showOpenDialog({
      title: 'Open Workspace',
      properties: ['openDirectory', 'createDirectory'],
    });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  const pickFiles = async (): Promise<string[]> => {
    const r = await dialog.showOpenDialog({
      title: 'Import File',
      properties: ['openFile', 'multiSelections'],
      filters: IMPORT_FILTERS,
    });
    return r.canceled ? [] : r.filePaths;
  };

  function rebuildMenu() {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            openWorkspace: () =>
              void pickWorkspace()
                .then((p) => (p ? openWorkspace(p) : undefined))
                .catch(report('Could not open the workspace')),
            // The window's import dialog imports them (preview, options, report), not the shell.
            importFile: () =>
              void pickFiles()
                .then((files) => {
                  if (files.length && win && !win.isDestroyed()) win.webContents.send(IMPORT_FILES_CHANNEL, files);
                })
                .catch(report('Could not choose files')),
            openRecent: (p) => void openWorkspace(p).catch(report('Could not open the workspace')),
            toggleDark: () => {
              nativeTheme.themeSource = nativeTheme.shouldUseDarkColors ? 'light' : 'dark';
            },
          },
          { recent: recent.list(), dev, mac: process.platform === 'darwin' },
        ),
      ),
    );
  }

  win = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'Segment Workbench',
    webPreferences: secureWebPreferences(paths.preload),
  });
  hardenWindow(win, isAppUrl);
  const saves = createSaveActions({
    dialog,
    window: () => win,
    defaultDir: () => app.getPath('documents'),
    writeFile: writeFileAtomic,
  });
  const stopIpc = registerIpc({
    ipcMain,
    window: () => win,
    isAppUrl,
    engine,
    host: { pickFiles, recentWorkspaces: async () => recent.list(), openWorkspaceDialog: pickWorkspace, ...saves },
  });
  rebuildMenu();
  win.once('ready-to-show', () => win?.show());

  // Open a workspace before the page asks for one: the most recent that still exists, else the demo.
  const last = recent.list().find((p) => existsSync(join(p, 'workspace.json')));
  const demo = join(process.env.SEGWB_HOME || join(homedir(), '.segment-workbench'), 'demo');
  await engine.ready().catch(report('The data engine could not start'));
  await (
    last
      ? openWorkspace(last)
      : existsSync(join(demo, 'workspace.json'))
        ? openWorkspace(demo)
        : engine.client.createDemoWorkspace({ path: demo }).then((w) => opened(w.path))
  ).catch(report('Could not open a workspace'));

  if (paths.devServerUrl) await win.loadURL(paths.devServerUrl);
  else await win.loadFile(paths.rendererIndex);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    stopIpc();
    void engine.close();
  });
}
