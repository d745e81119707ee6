/**
 * What the preload exposes to the page, and nothing else (VS Code's sandboxed preload): exactly
 * `window.workbench` (the typed API client, built with the shared createClient over an IPC
 * transport: an object of functions) and `window.workbenchHost` (shell functions: pickers, save
 * dialogs for exports, SQL and files the page built, and `onImportFiles` for the paths File ▸ Import File… chose). The
 * page never gets ipcRenderer or any
 * Electron object. Channel names match electron/main/ipc.ts and electron/main/menu.ts.
 */
import type { ContextBridge, IpcRenderer, WebUtils } from 'electron';
import { createClient } from '../../shared/api/client';
import { apiMethods } from '../../shared/api/contract';
import type { ApiEvent, Message, ResponseMessage } from '../../shared/api/protocol';
import type { ExportFormat } from '../../shared/api/segmentsApi';
import type { Transport } from '../../shared/api/transport';

const RPC_CHANNEL = 'workbench:rpc';
const EVENT_CHANNEL = 'workbench:event';
const HOST_CHANNEL = 'workbench:host';
const IMPORT_FILES_CHANNEL = 'workbench:import-files';

export interface BridgeDeps {
  contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>;
  ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on'>;
  webUtils: Pick<WebUtils, 'getPathForFile'>;
}

export function ipcTransport(ipc: BridgeDeps['ipcRenderer']): Transport {
  const listeners = new Set<(m: Message) => void>();
  const deliver = (m: Message) => {
    for (const l of listeners) l(m);
  };
  ipc.on(EVENT_CHANNEL, (_e, event: ApiEvent) => deliver({ type: 'event', event }));
  return {
    send(m) {
      if (m.type !== 'request') return;
      ipc.invoke(RPC_CHANNEL, m).then(
        (res: ResponseMessage) => deliver(res),
        (err: unknown) =>
          deliver({
            type: 'response',
            id: m.id,
            result: {
              ok: false,
              error: { code: 'runtime', message: err instanceof Error ? err.message : String(err) },
            },
          }),
      );
    },
    onMessage(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export function exposeBridge({ contextBridge, ipcRenderer, webUtils }: BridgeDeps): void {
  const { client } = createClient(ipcTransport(ipcRenderer));
  // One IPC listener for the menu's files; the page subscribes functions (never gets the event).
  const importListeners = new Set<(paths: string[]) => void>();
  ipcRenderer.on(IMPORT_FILES_CHANNEL, (_e, paths: unknown) => {
    if (!Array.isArray(paths) || !paths.length || !paths.every((p) => typeof p === 'string')) return;
    for (const l of importListeners) l([...(paths as string[])]);
  });
  // contextBridge copies an object's own functions; the client is a Proxy that has none, so the page
  // gets a plain object of exactly the contract's methods (the dispatcher's allowlist) and onEvent.
  const api: Record<string, unknown> = { onEvent: client.onEvent };
  for (const method of Object.keys(apiMethods)) api[method] = Reflect.get(client, method);
  contextBridge.exposeInMainWorld('workbench', api);
  contextBridge.exposeInMainWorld('workbenchHost', {
    pickFiles: (): Promise<string[]> => ipcRenderer.invoke(HOST_CHANNEL, { action: 'pickFiles' }),
    pathForFile: (file: File): string => webUtils.getPathForFile(file),
    recentWorkspaces: (): Promise<string[]> => ipcRenderer.invoke(HOST_CHANNEL, { action: 'recentWorkspaces' }),
    openWorkspaceDialog: (): Promise<string | null> =>
      ipcRenderer.invoke(HOST_CHANNEL, { action: 'openWorkspaceDialog' }),
    saveExportDialog: (name: string, format: ExportFormat): Promise<string | null> =>
      ipcRenderer.invoke(HOST_CHANNEL, { action: 'saveExportDialog', name, format }),
    saveTextFile: (name: string, text: string): Promise<string | null> =>
      ipcRenderer.invoke(HOST_CHANNEL, { action: 'saveTextFile', name, text }),
    savePageFile: (
      name: string,
      kind: 'csv' | 'html' | 'png',
      content: { text: string } | { base64: string },
    ): Promise<string | null> => ipcRenderer.invoke(HOST_CHANNEL, { action: 'savePageFile', name, kind, content }),
    onImportFiles: (listener: (paths: string[]) => void): (() => void) => {
      importListeners.add(listener);
      return () => void importListeners.delete(listener);
    },
  });
}
