import { afterEach, describe, expect, it } from 'vitest';
import type { WorkbenchClient } from '../../../shared/api/contract';
import { createPlatform } from '../../../renderer/platform/platform';

class StubSocket {
  static urls: string[] = [];
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(url: string) {
    StubSocket.urls.push(url);
  }
  send() {}
  close() {}
}

const g = globalThis as unknown as { WebSocket?: unknown };
const saved = g.WebSocket;
afterEach(() => {
  g.WebSocket = saved;
  StubSocket.urls = [];
});

const location = { protocol: 'http:', host: '127.0.0.1:4100', search: '?token=abc' };

describe('platform choice', () => {
  it('uses the Electron bridge when the preload exposed it (no socket is opened)', async () => {
    g.WebSocket = StubSocket;
    const api = { listTables: async () => [] } as unknown as WorkbenchClient;
    const picked: string[] = [];
    const win = {
      workbench: api,
      workbenchHost: {
        pickFiles: async () => ['/x/a.csv'],
        pathForFile: () => '/x/a.csv',
        recentWorkspaces: async () => ['/w1'],
        openWorkspaceDialog: async () => '/w2',
      },
      location,
    };
    const p = createPlatform(win as never);
    expect(p.kind).toBe('electron');
    expect(p.api).toBe(api);
    expect(p.connection.get()).toBe('open');
    for (const f of await p.files.pick!()) picked.push(f.name);
    expect(picked).toEqual(['a.csv']);
    expect(await p.workspaces!.recent()).toEqual(['/w1']);
    expect(StubSocket.urls).toEqual([]);
  });

  it('otherwise opens the WebSocket of its own host with the page token, and uploads files', () => {
    g.WebSocket = StubSocket;
    const p = createPlatform({ location, fetch: async () => ({}) } as never);
    expect(p.kind).toBe('web');
    expect(StubSocket.urls).toEqual(['ws://127.0.0.1:4100/rpc?token=abc']);
    expect(p.connection.get()).toBe('connecting');
    expect(p.files.pick).toBeNull();
    expect(p.workspaces).toBeNull();
    expect(typeof p.api.listTables).toBe('function');
  });
});
