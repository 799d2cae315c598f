import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from './types';
import type { Logger } from '../log';

/**
 * The nearest commands/ folder above this file: ../../commands from
 * src/command/ in the sources, ../commands from the bundle's chunk in dist/.
 */
export function commandsDirAbove(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'commands'))) return join(dir, 'commands');
    if (dirname(dir) === dir) throw new Error(`no commands folder above ${file}`);
  }
}

export const COMMANDS_DIR = commandsDirAbove(fileURLToPath(import.meta.url));

function isCommand(value: unknown): value is Command {
  const command = value as Partial<Command> | undefined;
  return typeof command?.data?.toJSON === 'function' && typeof command.execute === 'function';
}

/** Loads every command file (as the discord.js guide does), warning about a file that is not one. */
export async function loadCommands(log: Logger, dir = COMMANDS_DIR): Promise<Command[]> {
  const files = readdirSync(dir)
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .sort();
  const commands: Command[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { command?: unknown };
    if (isCommand(module.command)) commands.push(module.command);
    else log.warn('command_file_ignored', { file, reason: 'it does not export `command` with `data` and `execute`' });
  }
  return commands;
}
