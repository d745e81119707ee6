/**
 * Hostile frames against a real `segwb serve` (issue 9, item 3): a small frame nested a few thousand
 * levels deep overflowed the stack while it was forwarded to the engine child (Node's IPC
 * serialisation is recursive), and serve and its engine exited. Now: an error reply when the
 * frame's id can be read, close code 1008 when not; serve, its engine and other sockets carry on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Workspace } from '../../../electron/engine/workspace/workspace';
import { addSnapshotFromQuery } from '../../../electron/engine/workspace/addSnapshot';
import type { Message } from '../../../shared/api/protocol';
import { segwbBin } from '../cli/cliTestUtils';
import { engineChildrenOf } from '../cli/processTestUtils';

let serve: ChildProcess;
let info: { port: number; token: string };
let engine: number;

beforeAll(async () => {
  const ws = join(mkdtempSync(join(tmpdir(), 'segwb-frames-')), 'ws');
  const w = await Workspace.open(ws, { create: true });
  await addSnapshotFromQuery(w, {
    table: 'people',
    asOf: '2026-11-01',
    sourceFile: 'generated',
    select: `SELECT 'p' || i AS id FROM range(3) t(i)`,
  });
  await w.close();
  // SEGWB_HOME: serve keeps its recent workspaces there, not in the machine's home.
  const env = { ...process.env, SEGWB_HOME: join(ws, '..', 'home') };
  serve = spawn(process.execPath, [segwbBin, 'serve', '--workspace', ws, '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  info = await new Promise((resolve, reject) => {
    let out = '';
    serve.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.trim()));
    });
    serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  engine = engineChildrenOf(serve.pid!)[0]!;
}, 120_000);
afterAll(() => {
  serve.kill('SIGTERM');
});

async function socket(): Promise<WebSocket> {
  const sock = new WebSocket(`ws://127.0.0.1:${info.port}/rpc?token=${info.token}`, {
    origin: `http://127.0.0.1:${info.port}`,
  });
  await new Promise((r) => sock.once('open', r));
  return sock;
}

function reply(sock: WebSocket, id: number): Promise<Message> {
  return new Promise((resolve) => {
    sock.on('message', (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as Message;
      if (m.type === 'response' && m.id === id) resolve(m);
    });
  });
}

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('segwb serve under hostile frames', () => {
  it.each([3_000, 10_000, 1_000_000])(
    'a request %i levels deep gets an error reply; serve and its engine carry on',
    { timeout: 60_000 },
    async (levels) => {
      const sock = await socket();
      const answer = reply(sock, 7);
      sock.send(`{"type":"request","id":7,"method":"listTables","params":{"x":${deep(levels)}}}`);
      expect(await answer).toEqual({
        type: 'response',
        id: 7,
        result: { ok: false, error: { code: 'usage', message: 'Refused: the request nests deeper than 512 levels.' } },
      });
      // The same socket still serves, by the same engine.
      const next = reply(sock, 8);
      sock.send(JSON.stringify({ type: 'request', id: 8, method: 'listTables', params: {} }));
      expect(await next).toMatchObject({ result: { ok: true, value: [{ name: 'people', rows: 3 }] } });
      expect(engineChildrenOf(serve.pid!)).toEqual([engine]);
      sock.close();
    },
  );

  it(
    'a deep frame with no request id to answer closes that socket with 1008, and only that one',
    { timeout: 60_000 },
    async () => {
      const other = await socket();
      const sock = await socket();
      const closed = new Promise<number>((resolve) => sock.once('close', (code) => resolve(code)));
      sock.send(deep(50_000));
      expect(await closed).toBe(1008);
      const answer = reply(other, 1);
      other.send(JSON.stringify({ type: 'request', id: 1, method: 'listTables', params: {} }));
      expect(await answer).toMatchObject({ result: { ok: true } });
      expect(serve.exitCode).toBeNull();
      expect(engineChildrenOf(serve.pid!)).toEqual([engine]);
      other.close();
    },
  );
});
