/**
 * `segwb serve`: the app in a browser (docs/architecture.md, SPEC §9). Starts the engine in a child process and the web
 * host on 127.0.0.1, prints the tokenised URL once listening, and runs until interrupted. Which
 * workspace: `--workspace DIR` (must be one), else the current folder when it is one, else with
 * `--demo` the demo workspace at `$SEGWB_HOME/demo` (default ~/.segment-workbench/demo), created on
 * first use.
 */
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WorkbenchClient } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/protocol';
import type { Command, CommandContext } from '../command';
import { startCliEngine } from '../engine';
import { folderState } from '../workspaceDir';

export function demoWorkspacePath(env: NodeJS.ProcessEnv): string {
  return join(resolve(env.SEGWB_HOME || join(homedir(), '.segment-workbench')), 'demo');
}

async function openServedWorkspace(ctx: CommandContext, api: WorkbenchClient): Promise<string> {
  if (!ctx.workspaceGiven && folderState(ctx.workspace) !== 'workspace' && ctx.values.demo !== true) {
    throw new ApiError(
      'not_found',
      `${ctx.workspace} is not a Segment Workbench workspace; pass --workspace DIR, or --demo for the demo workspace.`,
    );
  }
  if (ctx.workspaceGiven || folderState(ctx.workspace) === 'workspace') {
    return (await api.openWorkspace({ path: ctx.workspace })).path;
  }
  const demo = demoWorkspacePath(ctx.env);
  if (folderState(demo) === 'workspace') return (await api.openWorkspace({ path: demo })).path;
  ctx.err(`Creating the demo workspace in ${demo} (first start)…`);
  return (await api.createDemoWorkspace({ path: demo })).path;
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {}); // no browser opener: the printed URL is enough
    child.unref();
  } catch {
    // same: printing the URL is the fallback
  }
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the app to a browser on 127.0.0.1 (token-protected URL)',
  usage: [
    'segwb serve [--port N] [--workspace DIR] [--demo] [--open] [--json]',
    '',
    'Prints "Segment Workbench: http://127.0.0.1:PORT/?token=TOKEN" once listening (with --json:',
    '{"url","port","token"}) and serves until interrupted (Ctrl-C). Only that URL, with its token,',
    'gives access; the token changes on every start.',
    '  --port N      port to listen on (default: any free port)',
    '  --demo        when no --workspace is given and the current folder is not a workspace, open the',
    '                demo workspace at $SEGWB_HOME/demo (default ~/.segment-workbench/demo), creating it',
    '  --open        open the URL in the default browser',
  ].join('\n'),
  options: { port: { type: 'string' }, demo: { type: 'boolean' }, open: { type: 'boolean' } },
  needs: 'none',
  handlesInterrupt: true,
  check({ values, positionals }) {
    if (positionals.length) throw new ApiError('usage', `serve takes no arguments (got '${positionals[0]}')`);
    const portText = typeof values.port === 'string' ? values.port : '0';
    if (!/^\d+$/.test(portText) || Number(portText) > 65535)
      throw new ApiError('usage', `--port must be a number 0-65535, got '${portText}'`);
  },
  async run(ctx) {
    const port = Number(typeof ctx.values.port === 'string' ? ctx.values.port : '0');
    // The app's settings folder ($SEGWB_HOME): the engine keeps the recent workspaces there.
    const settings = resolve(ctx.env.SEGWB_HOME || join(homedir(), '.segment-workbench'));
    const engine = await startCliEngine({ ...process.env, SEGWB_SETTINGS_DIR: settings });
    try {
      await openServedWorkspace(ctx, engine.client);
      engine.onEvent((e) => {
        if (e.kind === 'engine') ctx.err(`segwb: ${e.message}`);
      });
      const { startWebHost } = await import('../../host/webHost');
      const host = await startWebHost({
        port,
        engine,
        workspace: async () => (await engine.client.getWorkspace({}))?.path ?? null,
      }).catch((err: unknown) => {
        throw new ApiError(
          'runtime',
          `cannot listen on 127.0.0.1:${port}: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
      ctx.out(
        ctx.json
          ? JSON.stringify({ url: host.url, port: host.port, token: host.token })
          : `Segment Workbench: ${host.url}`,
      );
      if (ctx.values.open === true) openBrowser(host.url);
      await ctx.interrupted;
      await host.close();
      return 0;
    } finally {
      await engine.close();
    }
  },
};
