/**
 * segwb's entry (docs/cli.md, SPEC §7): picks the command, parses its arguments strictly (unknown flag → exit 2),
 * starts the engine child and opens the workspace as the command requires, runs it, and maps errors
 * to one line on stderr and the exit code of their ApiError code.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { WorkbenchClient } from '../../shared/api/contract';
import { ApiError, exitCodeFor } from '../../shared/api/protocol';
import type { EngineHost } from '../engine/process/engineHost';
import { EXIT, type ArgValues, type Command, type CommandContext, type CommandOptions } from './command';
import { startCliEngine } from './engine';
import { mainHelp } from './help';
import { allCommands } from './registry';
import { folderState } from './workspaceDir';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves on SIGINT/SIGTERM (never, when not wired). */
  interrupted: Promise<void>;
}

const GLOBAL_OPTIONS: CommandOptions = {
  workspace: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** The command word: the first argument that is neither a flag nor the value of `--workspace`. */
function findCommand(argv: string[]): { name: string | null; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--workspace') {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return { name: a, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { name: null, rest: argv };
}

function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, ' ').trim();
}

function noEngine(): WorkbenchClient {
  return new Proxy({} as WorkbenchClient, {
    get() {
      throw new ApiError('internal', 'this command declared it needs no engine');
    },
  });
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const commands = allCommands();
  const { name, rest } = findCommand(argv);
  if (name === null) {
    const wantsHelp = argv.includes('--help') || argv.includes('-h');
    (wantsHelp ? io.stdout : io.stderr)(mainHelp(commands) + '\n');
    return wantsHelp ? EXIT.ok : EXIT.usage;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`segwb: unknown command '${name}' (commands: ${commands.map((c) => c.name).join(', ')})\n`);
    return EXIT.usage;
  }
  let values: ArgValues;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, ...GLOBAL_OPTIONS },
      strict: true,
      allowPositionals: true,
    });
    values = parsed.values as ArgValues;
    positionals = parsed.positionals;
  } catch (err) {
    io.stderr(`segwb ${name}: ${oneLine(err)}\n`);
    return EXIT.usage;
  }
  if (values.help === true) {
    io.stdout(command.usage + '\n');
    return EXIT.ok;
  }
  const workspaceArg = typeof values.workspace === 'string' ? values.workspace : undefined;
  let engine: EngineHost | null = null;
  try {
    command.check?.({ values, positionals, cwd: io.cwd, env: io.env });
    const needs =
      typeof command.needs === 'function'
        ? command.needs({ values, workspaceGiven: workspaceArg !== undefined })
        : (command.needs ?? 'workspace');
    const workspace = resolve(io.cwd, workspaceArg ?? '.');
    // Decided before the engine starts: a wrong folder is a fast, clear exit 3.
    if (needs === 'workspace' && folderState(workspace) !== 'workspace') {
      throw new ApiError(
        'not_found',
        `${workspace} is not a Segment Workbench workspace (no workspace.json); pass --workspace DIR`,
      );
    }
    if (needs !== 'none') engine = await startCliEngine();
    const ctx: CommandContext = {
      values,
      positionals,
      workspace,
      workspaceGiven: workspaceArg !== undefined,
      json: values.json === true,
      cwd: io.cwd,
      env: io.env,
      api: engine ? engine.client : noEngine(),
      out: (line) => io.stdout(line + '\n'),
      err: (line) => io.stderr(line + '\n'),
      interrupted: io.interrupted,
    };
    const work = (async () => {
      if (needs === 'workspace') await ctx.api.openWorkspace({ path: ctx.workspace });
      return command.run(ctx);
    })();
    if (command.handlesInterrupt || !engine) return await work;
    // Ctrl-C/SIGTERM: stop the engine child (it interrupts its queries, or ends itself when one will
    // not stop) instead of leaving it to run on, holding the workspace.
    const finished = work.then((code) => ({ code }));
    finished.catch(() => undefined); // its rejection, once the engine is closed, is not news
    const outcome = await Promise.race([finished, io.interrupted.then(() => null)]);
    if (outcome === null) {
      io.stderr(`segwb ${name}: interrupted; nothing more was done\n`);
      return EXIT.runtime;
    }
    return outcome.code;
  } catch (err) {
    io.stderr(`segwb ${name}: ${oneLine(err)}\n`);
    return err instanceof ApiError ? exitCodeFor(err.code) : EXIT.runtime;
  } finally {
    await engine?.close();
  }
}
