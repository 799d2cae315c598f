import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/command/types';
import { subscriptionsReply } from '../src/replies/subscriptions';

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('subscriptions')
    .setDescription('This channel’s alert topics: when each last fired, alerts sent, and any pause')
    .setContexts(InteractionContextType.Guild),
  execute: async (ctx) =>
    subscriptionsReply(await ctx.services.alerts.list({ guildId: ctx.guildId, channelId: ctx.channelId }), ctx.services.alerts.limits),
});
