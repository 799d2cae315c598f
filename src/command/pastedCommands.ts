import type { PastedCommand } from '../answer/ask';
import type { Command } from './types';

const known = new WeakMap<readonly Command[], PastedCommand[]>();

/** The bot's commands as the question clean-up knows them: each name with its options' names (a subcommand's name is an option too). */
export function pastedCommands(commands: readonly Command[]): PastedCommand[] {
  let pasted = known.get(commands);
  if (!pasted) {
    pasted = commands.map((command) => ({
      name: command.data.name,
      options: (command.data.toJSON().options ?? []).map((option) => option.name),
    }));
    known.set(commands, pasted);
  }
  return pasted;
}
