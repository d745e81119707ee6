/**
 * The Electron IPC adapter of the API: `workbench:rpc` carries one request envelope and answers its
 * response; engine events go to the window on `workbench:event`; `workbench:host` serves the few
 * shell functions of window.workbenchHost (pickers and save dialogs). Every call is refused unless it
 * comes from our window's main frame showing the app's own page, and its payload is a valid envelope
 * or host request (zod) within the message bounds (shared/api/limits.ts). Method names and
 * params are validated again by the engine's dispatcher. Request ids are remapped so a reloaded page
 * (whose client restarts at id 1) can never receive another page's answer.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { ResponseMessage } from '../../shared/api/protocol';
import type { EngineConnector } from '../engine/process/engineHost';
import { exportFormats, type ExportFormat } from '../../shared/api/segmentsApi';
import { checkRequest } from '../host/envelope';
import { pageFileKinds, type PageFileContent, type PageFileKind } from './saveDialogs';
import { safeUploadName } from '../host/upload';

export const RPC_CHANNEL = 'workbench:rpc';
export const EVENT_CHANNEL = 'workbench:event';
export const HOST_CHANNEL = 'workbench:host';

/** A page-built file's content: text, or bytes as base64 (an HTML report with inline images is a few MB). */
const pageFileContent = z.union([
  z.object({ text: z.string().max(100_000_000) }).strict(),
  z
    .object({
      base64: z
        .string()
        .max(100_000_000)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    })
    .strict(),
]);

/** A suggested file name for a save dialog: a plain name, no folders. */
const fileName = z.string().refine((n) => safeUploadName(n) !== null, 'a plain file name');

export const hostRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pickFiles') }).strict(),
  z.object({ action: z.literal('recentWorkspaces') }).strict(),
  z.object({ action: z.literal('openWorkspaceDialog') }).strict(),
  z.object({ action: z.literal('saveExportDialog'), name: fileName, format: z.enum(exportFormats) }).strict(),
  z.object({ action: z.literal('saveTextFile'), name: fileName, text: z.string().max(10_000_000) }).strict(),
  // A file the page built (CSV, HTML report with inline images, chart PNG): text, or bytes as base64.
  z
    .object({
      action: z.literal('savePageFile'),
      name: fileName,
      kind: z.enum(pageFileKinds),
      content: pageFileContent,
    })
    .strict(),
]);
export type HostAction = z.infer<typeof hostRequest>['action'];

export interface HostActions {
  pickFiles(): Promise<string[]>;
  recentWorkspaces(): Promise<string[]>;
  openWorkspaceDialog(): Promise<string | null>;
  saveExportDialog(name: string, format: ExportFormat): Promise<string | null>;
  saveTextFile(name: string, text: string): Promise<string | null>;
  savePageFile(name: string, kind: PageFileKind, content: PageFileContent): Promise<string | null>;
}

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The app window (the only trusted sender), or null while there is none. */
  window(): BrowserWindow | null;
  isAppUrl(url: string | undefined | null): boolean;
  engine: EngineConnector;
  host: HostActions;
}

/** True when the invoke comes from our window's main frame showing the app's page. */
export function isTrustedSender(event: IpcMainInvokeEvent, deps: Pick<IpcDeps, 'window' | 'isAppUrl'>): boolean {
  const win = deps.window();
  if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return deps.isAppUrl(frame.url);
}

export function registerIpc(deps: IpcDeps): () => void {
  const conn = deps.engine.connect();
  const waiting = new Map<number, (m: ResponseMessage) => void>();
  let nextId = 1;
  conn.onMessage((m) => {
    if (m.type === 'response') {
      const done = waiting.get(m.id);
      waiting.delete(m.id);
      done?.(m);
    } else if (m.type === 'event') {
      const win = deps.window();
      if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, m.event);
    }
  });

  deps.ipcMain.handle(RPC_CHANNEL, async (event, payload: unknown) => {
    if (!isTrustedSender(event, deps)) throw new Error('refused: IPC from an unexpected sender');
    const checked = checkRequest(payload);
    if (!checked.ok) {
      // Beyond the message bounds but with a usable id: answered like any refused call, so the page
      // hears why; anything else is not our page talking.
      if (checked.id !== undefined)
        return {
          type: 'response',
          id: checked.id,
          result: { ok: false, error: { code: 'usage', message: `Refused: ${checked.reason}.` } },
        };
      throw new Error('refused: malformed request envelope');
    }
    const req = checked.request;
    const id = nextId++;
    const response = await new Promise<ResponseMessage>((resolve) => {
      waiting.set(id, resolve);
      conn.send({ ...req, id });
    });
    return { ...response, id: req.id };
  });

  deps.ipcMain.handle(HOST_CHANNEL, async (event, payload: unknown) => {
    if (!isTrustedSender(event, deps)) throw new Error('refused: IPC from an unexpected sender');
    const parsed = hostRequest.safeParse(payload);
    if (!parsed.success) throw new Error('refused: malformed host request');
    const r = parsed.data;
    switch (r.action) {
      case 'saveExportDialog':
        return deps.host.saveExportDialog(r.name, r.format);
      case 'saveTextFile':
        return deps.host.saveTextFile(r.name, r.text);
      case 'savePageFile':
        return deps.host.savePageFile(r.name, r.kind, r.content);
      default:
        return deps.host[r.action]();
    }
  });

  return () => {
    deps.ipcMain.removeHandler(RPC_CHANNEL);
    deps.ipcMain.removeHandler(HOST_CHANNEL);
    conn.close();
    waiting.clear();
  };
}
