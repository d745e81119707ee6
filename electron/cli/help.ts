/** The `segwb --help` text, built from the registered commands. */
import type { Command } from './command';

export function mainHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'segwb — Segment Workbench on the command line (the same engine as the app, no window)',
    '',
    'Usage: segwb COMMAND [ARGS] [--workspace DIR] [--json]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command:',
    '  --workspace DIR  the workspace folder (default: the current folder)',
    '  --json           print one JSON document on stdout',
    '  -h, --help       this help; `segwb COMMAND --help` for a command',
    '',
    'Exit codes: 0 ok; 1 runtime error (DuckDB failure, interruption, failed write); 2 usage error',
    '(unknown command or flag, malformed --as-of); 3 invalid input (unreadable file, missing table,',
    'not a workspace). Errors are one line on stderr.',
  ].join('\n');
}
