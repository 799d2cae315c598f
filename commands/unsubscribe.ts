import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/command/types';
import { unsubscribedReply } from '../src/replies/subscriptions';

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('unsubscribe')
    .setDescription('Stop alerts for one of this channel’s topics (needs Manage Channels)')
    .addStringOption((o) =>
      o.setName('topic').setDescription('The topic to stop').setRequired(true).setAutocomplete(true).setMaxLength(100),
    )
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(InteractionContextType.Guild),
  execute: async (ctx) => {
    const topic = ctx.options.string('topic', true);
    return unsubscribedReply(await ctx.services.alerts.unsubscribe({ guildId: ctx.guildId, channelId: ctx.channelId }, topic), topic);
  },
  autocomplete: async (ctx, focused) => {
    const topics = await ctx.services.alerts.topics({ guildId: ctx.guildId, channelId: ctx.channelId });
    return topics.filter((t) => t.toLowerCase().includes(focused.value.toLowerCase())).map((t) => ({ name: t, value: t }));
  },
});
