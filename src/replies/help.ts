import { ApplicationCommandOptionType, InteractionContextType } from 'discord.js';
import type { Command, Invocation } from '../commands';
import type { CommandItem, Reply } from '../reply';

type Option = { type: number; name: string; description: string; required?: boolean; options?: Option[] };

function usage(options: Option[] = []): string {
  return options.map((o) => (o.required ? `${o.name}:` : `[${o.name}:]`)).join(' ');
}

/**
 * /help, written from the same definitions that are registered with Discord:
 * only the commands this member may use here, each a clickable mention when
 * Discord's id for it is known. Only the asker sees it.
 */
export function helpReply(commands: Command[], who: Invocation): Reply {
  const items: CommandItem[] = [];
  for (const command of commands) {
    const json = command.data.toJSON() as { name: string; description: string; options?: Option[]; contexts?: number[] | null };
    // In a Discord DM, server-only commands cannot be used (the console, one channel, runs them all).
    if (who.commandId && !who.guildId && json.contexts && !json.contexts.includes(InteractionContextType.BotDM)) continue;
    const id = who.commandId?.(json.name);
    const allowed = (sub: string) => {
      const required = command.permissions?.[sub] ?? command.permissions?.[''];
      return !required || who.can(required);
    };
    const subcommands = (json.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
    if (subcommands.length) {
      for (const sub of subcommands) if (allowed(sub.name)) items.push({ command: `${json.name} ${sub.name}`, id, text: [usage(sub.options), `— ${sub.description}`].filter(Boolean).join(' ') });
    } else if (allowed('')) {
      items.push({ command: json.name, id, text: [usage(json.options), `— ${json.description}`].filter(Boolean).join(' ') });
    }
  }
  return {
    tone: 'info',
    title: 'Policy Desk',
    text: ['I answer questions about policy news by quoting the articles themselves: every quote is copied word for word from its article, with the title, date and source under it. When the articles do not answer a question, I say so instead of guessing.'],
    items,
    footer: 'Options in [brackets] are optional. Commands that need a permission you do not have here are not listed.',
    ephemeral: true,
  };
}
