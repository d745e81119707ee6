/**
 * The web host over the real engine child: a browser-style upload lands in the workspace's staging
 * folder and the staged name imports through the API over the WebSocket (the seam between host,
 * renderer and engine). The CSV is the real Telco export, whose README gives 7,043 rows. And the
 * way back: a member export written by the engine into a host slot downloads in the browser's way.
 */
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEngineHost, type EngineHost } from '../../../electron/engine/process/engineHost';
import { nodeForker } from '../../../electron/engine/process/nodeForker';
import { startWebHost, type WebHost } from '../../../electron/host/webHost';
import type { Message, ResponseMessage } from '../../../shared/api/protocol';
import { telcoCsv } from '../cli/cliTestUtils';

let engine: EngineHost;
let host: WebHost;
let ws: string;

beforeAll(async () => {
  engine = startEngineHost({ fork: nodeForker() });
  ws = join(mkdtempSync(join(tmpdir(), 'segwb-hosteng-')), 'ws');
  await engine.client.openWorkspace({ path: ws, create: true });
  host = await startWebHost({
    engine,
    workspace: async () => (await engine.client.getWorkspace({}))?.path ?? null,
    staticDir: tmpdir(),
  });
});
afterAll(async () => {
  await host.close();
  await engine.close();
});

function call(sock: WebSocket, id: number, method: string, params: unknown): Promise<ResponseMessage> {
  return new Promise((resolve) => {
    const on = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as Message;
      if (m.type === 'response' && m.id === id) {
        sock.off('message', on);
        resolve(m);
      }
    };
    sock.on('message', on);
    sock.send(JSON.stringify({ type: 'request', id, method, params }));
  });
}

describe('web host with the real engine', () => {
  it('uploads a file to staging and imports it by its staged name over the socket', { timeout: 120_000 }, async () => {
    const res = await fetch(`${host.origin}/upload?name=telco_customer_churn.csv`, {
      method: 'POST',
      headers: { 'x-workbench-token': host.token, origin: host.origin },
      body: readFileSync(telcoCsv),
    });
    expect(res.status).toBe(200);
    const { name } = (await res.json()) as { name: string };
    expect(readFileSync(join(ws, '.staging', name))).toEqual(readFileSync(telcoCsv));

    const sock = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, { origin: host.origin });
    await new Promise((r) => sock.once('open', r));
    const imported = await call(sock, 1, 'importFile', { file: { kind: 'staged', name }, options: { table: 'telco' } });
    expect(imported.result).toMatchObject({ ok: true, value: { table: 'telco', rows: 7043, rejected: 0 } });
    const tables = await call(sock, 2, 'listTables', {});
    expect(tables.result).toMatchObject({ ok: true, value: [{ name: 'telco', rows: 7043 }] });
    sock.close();
  });

  it(
    'exports members into a host slot over the socket; the page downloads them once',
    { timeout: 120_000 },
    async () => {
      const accounts = join(import.meta.dirname, '../engine/segments/fixtures/accounts_2026-11.csv');
      const up = await fetch(`${host.origin}/upload?name=accounts.csv`, {
        method: 'POST',
        headers: { 'x-workbench-token': host.token, origin: host.origin },
        body: readFileSync(accounts),
      });
      const { name } = (await up.json()) as { name: string };
      const reserved = await fetch(`${host.origin}/exports?name=pro.csv`, {
        method: 'POST',
        headers: { 'x-workbench-token': host.token, origin: host.origin },
      });
      expect(reserved.status).toBe(200);
      const slot = (await reserved.json()) as { id: string; out: string };

      const sock = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, { origin: host.origin });
      await new Promise((r) => sock.once('open', r));
      expect(
        (await call(sock, 1, 'importFile', { file: { kind: 'staged', name }, options: { table: 'accounts' } })).result,
      ).toMatchObject({ ok: true });
      const definition = {
        entity: { table: 'accounts', key: 'account_id' },
        where: { field: 'plan', op: 'eq', value: 'pro' },
      };
      const exported = await call(sock, 2, 'exportMembers', {
        target: { definition },
        out: slot.out,
        format: 'csv',
        columns: ['account_id', 'mrr'],
      });
      expect(exported.result).toMatchObject({ ok: true, value: { rows: 3, columns: ['account_id', 'mrr'] } });
      sock.close();

      const res = await fetch(`${host.origin}/download/${slot.id}?token=${host.token}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pro\.csv"/);
      // The fixture's pro accounts: A1 (mrr 100), A5 (150), A6 (120), in key order.
      expect(await res.text()).toBe('account_id,mrr\nA1,100\nA5,150\nA6,120\n');
      await expect.poll(() => existsSync(dirname(slot.out))).toBe(false);
    },
  );
});
