import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CommandRunner } from '../command/run';
import type { Invocation } from '../command/types';
import type { ButtonView, Reply } from '../reply';
import { notice } from '../reply';
import { ParseError, parseLine } from './parseLine';
import { renderText } from './renderText';

const invocation: Invocation = {
  user: { id: 'console', name: 'console' },
  channelId: 'console',
  guildId: null,
  console: true,
  // Whoever runs the console runs the bot.
  can: () => true,
};

/**
 * Files a reply carries (a report's CSV) go to `reports/` in the console's
 * data folder, one line each saying where: a terminal is no place for a
 * spreadsheet.
 */
async function saveFiles(reply: Reply, dataDir: string): Promise<string[]> {
  const lines: string[] = [];
  for (const file of reply.files ?? []) {
    const dir = join(dataDir, 'reports');
    const path = join(dir, basename(file.name));
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(path, file.data);
      lines.push(`${file.name} written to ${path}`);
    } catch (error) {
      lines.push(`! ${file.name} could not be written to ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return lines;
}

/** The local console: the same commands as on Discord, read from stdin, one reply per line. */
export async function runConsole(
  runner: CommandRunner,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: 'policy-desk> ' });
  const commands = new Map(runner.commands.map((c) => [c.data.name, c]));
  let buttons: ButtonView[] = [];
  if (interactive) lines.prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text) {
      let reply: Reply;
      const press = /^\/press\s+(\d+)$/.exec(text);
      if (press) {
        const button = buttons[Number(press[1]) - 1];
        reply = button ? await runner.button(button.id, invocation) : notice('warning', 'There is no such button on the last reply.');
      } else {
        try {
          reply = await runner.run(parseLine(text, commands), invocation);
        } catch (error) {
          if (!(error instanceof ParseError)) throw error;
          reply = notice('warning', error.message);
        }
      }
      // As on Discord, a press answered beside the message (a vote's thanks, more quotes) leaves that message's buttons to press again.
      if (!press || reply.replace || reply.buttons?.length) buttons = reply.buttons ?? [];
      const saved = await saveFiles(reply, runner.services.config.dataDir);
      output.write(`${[renderText(reply), ...saved].join('\n')}\n\n`);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}
