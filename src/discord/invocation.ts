import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, CommandInteractionOption } from 'discord.js';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import type { BotPermission, Invocation, OptionValue } from '../command/types';
import { permissionFlags, type Invoked } from '../command/run';

const botFlags: Record<BotPermission, bigint> = { CreatePublicThreads: PermissionFlagsBits.CreatePublicThreads };

/** Who is asking, where, and what they may do there: the command layer's view of an interaction. */
export function invocationOf(interaction: ChatInputCommandInteraction | ButtonInteraction | AutocompleteInteraction): Invocation {
  const permissions = interaction.memberPermissions;
  return {
    user: { id: interaction.user.id, name: interaction.user.username },
    channelId: interaction.channelId ?? `dm-${interaction.user.id}`,
    guildId: interaction.guildId,
    // In a DM there is no one else to protect: the channel is the user's own.
    can: (permission) => (interaction.inGuild() ? Boolean(permissions?.has(permissionFlags[permission])) : true),
    // The bot's own permissions in this channel, which Discord sends with every interaction.
    botCan: (permission) => Boolean(interaction.appPermissions?.has(botFlags[permission])),
    // Ids fetched at start (global and guild commands), else the one this interaction names.
    commandId: (name) =>
      interaction.client.application?.commands.cache.find((c) => c.name === name)?.id ??
      interaction.guild?.commands.cache.find((c) => c.name === name)?.id ??
      ('commandName' in interaction && interaction.commandName === name ? interaction.commandId : undefined),
  };
}

/** The command, subcommand and option values, as the console would have parsed them. */
export function invokedOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Invoked {
  let options: readonly CommandInteractionOption[] = interaction.options.data;
  let subcommand: string | null = null;
  const first = options[0];
  if (first && (first.type === ApplicationCommandOptionType.Subcommand || first.type === ApplicationCommandOptionType.SubcommandGroup)) {
    subcommand = first.name;
    options = first.options ?? [];
  }
  const values: Record<string, OptionValue> = {};
  for (const option of options) {
    if (option.type === ApplicationCommandOptionType.Attachment && option.attachment) {
      const { url, name, size, contentType } = option.attachment;
      values[option.name] = { url, name, size, contentType };
    } else if (option.value !== undefined && option.value !== null) values[option.name] = option.value;
  }
  return { name: interaction.commandName, subcommand, options: values };
}
