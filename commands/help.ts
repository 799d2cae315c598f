import { ApplicationCommandOptionType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { defineCommand, type Command, type Invocation } from '../src/command/types';
import { mayUse } from '../src/command/run';
import { helpReply, type HelpEntry } from '../src/replies/help';

type Option = { type: number; name: string; description: string; required?: boolean; options?: Option[] };

/**
 * Written from the same definitions that are registered with Discord: only
 * the commands this member may use here, each a clickable mention when
 * Discord's id for it is known.
 */
function helpEntries(commands: Command[], who: Invocation): HelpEntry[] {
  const entries: HelpEntry[] = [];
  for (const command of commands) {
    const json = command.data.toJSON() as { name: string; description: string; options?: Option[]; contexts?: number[] | null };
    // In a Discord DM, server-only commands cannot be used (the console, one channel, runs them all).
    if (who.commandId && !who.guildId && json.contexts && !json.contexts.includes(InteractionContextType.BotDM)) continue;
    const id = who.commandId?.(json.name);
    const subcommands = (json.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
    if (subcommands.length) {
      for (const sub of subcommands)
        if (mayUse(command, sub.name, who))
          entries.push({ command: `${json.name} ${sub.name}`, id, description: sub.description, options: sub.options ?? [] });
    } else if (mayUse(command, null, who)) {
      entries.push({ command: json.name, id, description: json.description, options: json.options ?? [] });
    }
  }
  return entries;
}

export const command = defineCommand({
  data: new SlashCommandBuilder().setName('help').setDescription('What Policy Desk does and every command'),
  execute: (ctx) => helpReply(helpEntries(ctx.services.commands(), ctx)),
});
