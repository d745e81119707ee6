/**
 * Picks the transport once at start-up: the Electron preload's `window.workbench` when present,
 * else a WebSocket to the local web host. The rest of the renderer only sees `Platform`.
 */
import { createClient } from '../../shared/api/client';
import type { WorkbenchClient } from '../../shared/api/contract';
import { createElectronFileHost, createUploadFileHost, type FetchLike, type FileHost, type WorkbenchHostBridge } from './files';
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
}

interface WindowWithBridge {
  workbench?: WorkbenchClient;
  workbenchHost?: WorkbenchHostBridge;
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
  };
}
