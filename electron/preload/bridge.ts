/**
 * What the preload exposes to the page, and nothing else (VS Code's sandboxed preload): exactly
 * `window.workbench` (the typed API client, built with the shared createClient over an IPC
 * transport: an object of functions) and `window.workbenchHost` (four shell functions). The page
 * never gets ipcRenderer or any Electron object. Channel names match electron/main/ipc.ts.
 */
import type { ContextBridge, IpcRenderer, WebUtils } from 'electron';
import { createClient } from '../../shared/api/client';
import type { ApiEvent, Message, ResponseMessage } from '../../shared/api/protocol';
import type { Transport } from '../../shared/api/transport';

const RPC_CHANNEL = 'workbench:rpc';
const EVENT_CHANNEL = 'workbench:event';
const HOST_CHANNEL = 'workbench:host';

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
        (err: unknown) => deliver({ type: 'response', id: m.id, result: { ok: false, error: { code: 'runtime', message: err instanceof Error ? err.message : String(err) } } }),
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
  contextBridge.exposeInMainWorld('workbench', client);
  contextBridge.exposeInMainWorld('workbenchHost', {
    pickFiles: (): Promise<string[]> => ipcRenderer.invoke(HOST_CHANNEL, { action: 'pickFiles' }),
    pathForFile: (file: File): string => webUtils.getPathForFile(file),
    recentWorkspaces: (): Promise<string[]> => ipcRenderer.invoke(HOST_CHANNEL, { action: 'recentWorkspaces' }),
    openWorkspaceDialog: (): Promise<string | null> => ipcRenderer.invoke(HOST_CHANNEL, { action: 'openWorkspaceDialog' }),
  });
}
