/**
 * All segwb commands: the data commands defined here and the segment commands of
 * commands/segmentCommands.ts (owned by the segment engine; checked at runtime with isCommand since
 * that module's element type is not ours to fix). Names are unique; the first definition wins.
 */
import { isCommand, type Command } from './command';
import { importCommand } from './commands/importCommand';
import { compareCommand } from './commands/compareCommand';
import { flowCommand } from './commands/flowCommand';
import { profileCommand } from './commands/profileCommand';
import { segmentCommands } from './commands/segmentCommands';
import { serveCommand } from './commands/serveCommand';
import { tablesCommand } from './commands/tablesCommand';

export function allCommands(): Command[] {
  const out = new Map<string, Command>();
  for (const c of [
    importCommand,
    tablesCommand,
    profileCommand,
    serveCommand,
    ...(segmentCommands as readonly unknown[]),
    compareCommand,
    flowCommand,
  ]) {
    if (isCommand(c) && !out.has(c.name)) out.set(c.name, c);
  }
  return [...out.values()];
}
