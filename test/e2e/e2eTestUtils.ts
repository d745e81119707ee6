/**
 * E2E helpers: start the real web host (`segwb serve --json`) on a fresh demo workspace, drive
 * Debian's Chromium with playwright-core, and talk to the same host over its WebSocket API (for
 * expectations computed independently of the UI).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { createClient } from '../../shared/api/client';
import type { WorkbenchClient } from '../../shared/api/contract';
import type { Message } from '../../shared/api/protocol';
import type { Transport } from '../../shared/api/transport';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const resultsDir = join(repoRoot, 'test-results');

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  origin: string;
  home: string;
  /** The `segwb serve` process (its engine runs in a child process of it). */
  pid: number;
  stderr(): string;
  /** Stop the host; its temp home (workspaces) is removed unless `keepFiles`. */
  stop(keepFiles?: boolean): Promise<void>;
}

/**
 * `segwb serve --demo --json` with SEGWB_HOME in a fresh temp dir (so the demo workspace is created
 * there, from the deterministic generator) and a cwd that is not a workspace.
 */
export async function startHost(timeoutMs = 150_000): Promise<RunningHost> {
  const home = mkdtempSync(join(tmpdir(), 'segwb-e2e-'));
  const cwd = join(home, 'cwd');
  mkdirSync(cwd);
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repoRoot, 'electron/cli/segwb.mjs'), 'serve', '--port', '0', '--json', '--demo'],
    {
      cwd,
      env: { ...process.env, SEGWB_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const info = await new Promise<{ url: string; port: number; token: string }>((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`segwb serve did not print its URL within ${timeoutMs} ms; stderr:\n${err}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.trim().startsWith('{'));
      if (line) {
        clearTimeout(timer);
        res(JSON.parse(line) as { url: string; port: number; token: string });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`segwb serve exited with ${code}; stderr:\n${err}`));
    });
  });
  return {
    ...info,
    origin: `http://127.0.0.1:${info.port}`,
    home,
    pid: child.pid!,
    stderr: () => err,
    async stop(keepFiles = false) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!keepFiles) rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function openApp(host: RunningHost, viewport = { width: 1400, height: 860 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'segwb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(host.url);
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The host's API over its WebSocket, from Node (our own Origin, as the browser would send). */
export async function connectApi(host: RunningHost): Promise<{ api: WorkbenchClient; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, { headers: { origin: host.origin } });
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  const listeners = new Set<(m: Message) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as Message;
    for (const l of listeners) l(m);
  });
  const transport: Transport = {
    send: (m) => ws.send(JSON.stringify(m)),
    onMessage: (l) => (listeners.add(l), () => listeners.delete(l)),
  };
  const handle = createClient(transport);
  return {
    api: handle.client,
    close() {
      handle.dispose();
      ws.close();
    },
  };
}

/**
 * Text of the first data row's cell in a column (AG Grid v36 DOM: rows by row-index, cells by
 * col-id); waits until the block has loaded (the Infinite Row Model shows loading rows first).
 */
export async function firstCell(page: Page, colId: string): Promise<string> {
  const cell = page.locator(`[role=row][row-index="0"]:not(.ag-row-loading) [role=gridcell][col-id="${colId}"]`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    await cell.waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
    const text = (await cell.textContent())?.trim() ?? '';
    // A loading block shows empty cells first; an empty value is only trusted at the deadline.
    if (text !== '' || Date.now() > deadline) return text;
    await page.waitForTimeout(100);
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
