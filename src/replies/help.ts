import { ApplicationCommandOptionType } from 'discord.js';
import type { Command } from '../commands';
import type { Reply } from '../reply';

type Option = { type: number; name: string; description: string; required?: boolean; options?: Option[] };

function usage(name: string, options: Option[] = []): string {
  return [`/${name}`, ...options.map((o) => (o.required ? `${o.name}:` : `[${o.name}:]`))].join(' ');
}

/** /help, written from the same definitions that are registered with Discord. */
export function helpReply(commands: Command[]): Reply {
  const lines: string[] = [];
  for (const command of commands) {
    const json = command.data.toJSON() as { name: string; description: string; options?: Option[] };
    const subcommands = (json.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
    if (subcommands.length) {
      for (const sub of subcommands) lines.push(`${usage(`${json.name} ${sub.name}`, sub.options)}: ${sub.description}`);
    } else {
      lines.push(`${usage(json.name, json.options)}: ${json.description}`);
    }
  }
  return {
    tone: 'info',
    title: 'Policy Desk',
    text: ['I answer questions about policy news by quoting the articles themselves: every quote is copied word for word from its article, with the title, date and source under it. When the articles do not answer a question, I say so instead of guessing.'],
    items: lines,
    footer: 'Options in [brackets] are optional.',
  };
}
