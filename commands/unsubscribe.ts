import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { unsubscribeReply } from '../src/replies/subscriptions';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('unsubscribe')
    .setDescription('Stop alerts for one of this channel’s topics (needs Manage Channels)')
    .addStringOption((o) => o.setName('topic').setDescription('The topic to stop').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(InteractionContextType.Guild),
  permissions: { '': 'ManageChannels' },
  execute: (ctx) => unsubscribeReply(ctx, String(ctx.options.topic ?? '')),
  autocomplete: async (ctx, focused) => {
    const topics = await ctx.services.alerts.topics({ guildId: ctx.guildId, channelId: ctx.channelId });
    return topics.filter((t) => t.toLowerCase().includes(focused.value.toLowerCase())).map((t) => ({ name: t, value: t }));
  },
};
