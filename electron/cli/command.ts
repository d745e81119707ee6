/**
 * The contract of a `segwb` command (docs/cli.md, SPEC §7). The CLI (main.ts) parses the arguments strictly with
 * `node:util` parseArgs (the command's `options` plus the global `--workspace`, `--json`, `--help`),
 * starts the engine in a child process when the command needs it, opens the workspace when asked,
 * then calls `run`. `run` returns the exit code; it may also throw: an ApiError exits with
 * `exitCodeFor(code)` and its message as one line on stderr, anything else exits 1.
 */
import type { ParseArgsConfig } from 'node:util';
import type { WorkbenchClient } from '../../shared/api/contract';

/** Option declarations, exactly as parseArgs takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** Parsed option values (command's own and the global ones). */
export type ArgValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  values: ArgValues;
  /** Positional arguments after the command name. */
  positionals: string[];
  /** `--workspace` resolved to an absolute path (default: the current folder). */
  workspace: string;
  /** Whether `--workspace` was given explicitly. */
  workspaceGiven: boolean;
  /** `--json`: print one JSON document on stdout. */
  json: boolean;
  /** The folder segwb was started in (resolve file arguments against it). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /**
   * The engine (running in a child process). With `needs: 'workspace'` the workspace is already
   * open; with `'engine'` nothing is open yet; with `'none'` using it throws.
   */
  api: WorkbenchClient;
  /** Write one line (a newline is added) to stdout / stderr. */
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user interrupts (SIGINT/SIGTERM); long-running commands (serve) wait on it. */
  interrupted: Promise<void>;
}

export type Needs = 'workspace' | 'engine' | 'none';

export interface Command {
  name: string;
  /** One line for `segwb --help`. */
  summary: string;
  /** The usage text for `segwb NAME --help` (first line `segwb NAME …`). */
  usage: string;
  options: CommandOptions;
  /** What to set up before run (default 'workspace'); a function decides from the arguments. */
  needs?: Needs | ((args: { values: ArgValues; workspaceGiven: boolean }) => Needs);
  /**
   * The command reacts to `interrupted` itself (serve stops serving, import cancels its job). Any
   * other command is abandoned on Ctrl-C/SIGTERM: the engine child is stopped and segwb exits 1.
   */
  handlesInterrupt?: boolean;
  /**
   * Argument checks that need no engine (arity, formats, readable files); throw an ApiError.
   * Runs before the engine starts, so a usage error is fast and never touches the workspace.
   */
  check?(args: { values: ArgValues; positionals: string[]; cwd: string; env?: NodeJS.ProcessEnv }): void;
  run(ctx: CommandContext): Promise<number>;
}

/** Exit codes of docs/cli.md, SPEC §7. */
export const EXIT = { ok: 0, runtime: 1, usage: 2, invalidInput: 3 } as const;

/** Runtime check for commands registered from other modules. */
export function isCommand(value: unknown): value is Command {
  if (!value || typeof value !== 'object') return false;
  const c = value as Partial<Command>;
  return (
    typeof c.name === 'string' &&
    typeof c.summary === 'string' &&
    typeof c.usage === 'string' &&
    typeof c.run === 'function' &&
    typeof c.options === 'object'
  );
}
