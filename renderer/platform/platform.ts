/**
 * Picks the transport once at start-up: the Electron preload's `window.workbench` when present,
 * else a WebSocket to the local web host. The rest of the renderer only sees `Platform`.
 * Exports: a native save dialog in Electron, a host slot and a download in the browser (exports.ts).
 */
import { createClient } from '../../shared/api/client';
import type { WorkbenchClient } from '../../shared/api/contract';
import {
  anchorDownloader,
  createElectronExportHost,
  createWebExportHost,
  type ExportHost,
  type SaveBridge,
} from './exports';
import {
  createElectronFileHost,
  createUploadFileHost,
  type FetchLike,
  type FileHost,
  type WorkbenchHostBridge,
} from './files';
import { createWsTransport, rpcUrl, type ConnectionState } from './rpc.ws';

export type { ConnectionState } from './rpc.ws';

export interface Platform {
  kind: 'electron' | 'web';
  api: WorkbenchClient;
  files: FileHost;
  /** Native folder picking and recent workspaces (Electron); null in the browser (paths are typed). */
  workspaces: { recent(): Promise<string[]>; pick(): Promise<string | null> } | null;
  /** Connection to the engine; Electron's IPC is always 'open'. */
  connection: { get(): ConnectionState; subscribe(listener: (s: ConnectionState) => void): () => void };
  /** Where member exports and saved SQL go. */
  exports: ExportHost;
}

interface WindowWithBridge {
  workbench?: WorkbenchClient;
  workbenchHost?: WorkbenchHostBridge & SaveBridge;
}

export function createPlatform(win: Window & WindowWithBridge = window): Platform {
  if (win.workbench && win.workbenchHost) {
    return {
      kind: 'electron',
      api: win.workbench,
      files: createElectronFileHost(win.workbenchHost),
      workspaces: {
        recent: () => win.workbenchHost?.recentWorkspaces?.() ?? Promise.resolve([]),
        pick: () => win.workbenchHost?.openWorkspaceDialog?.() ?? Promise.resolve(null),
      },
      connection: { get: () => 'open', subscribe: () => () => undefined },
      exports: createElectronExportHost(win.workbenchHost),
    };
  }
  const transport = createWsTransport({ url: rpcUrl(win.location) });
  const handle = createClient(transport);
  transport.onState((s) => {
    if (s === 'closed') handle.failPending('lost the connection to the Segment Workbench host');
  });
  const token = new URLSearchParams(win.location.search).get('token') ?? '';
  const fetchImpl: FetchLike = (url, init) => win.fetch(url, init);
  return {
    kind: 'web',
    api: handle.client,
    files: createUploadFileHost(token, fetchImpl),
    workspaces: null,
    connection: { get: () => transport.state(), subscribe: (l) => transport.onState(l) },
    exports: createWebExportHost({
      token,
      fetch: (url, init) => win.fetch(url, init),
      download: anchorDownloader(win.document),
      blobUrl: (data, type) => {
        // A Uint8Array over a plain ArrayBuffer is a valid BlobPart (TS types it as possibly shared).
        const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
        return { url, revoke: () => URL.revokeObjectURL(url) };
      },
    }),
  };
}
