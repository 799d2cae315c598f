import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { subscriptionsReply } from '../src/replies/subscriptions';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('subscriptions')
    .setDescription('This channel’s alert topics: when each last fired, alerts sent, and any pause')
    .setContexts(InteractionContextType.Guild),
  execute: (ctx) => subscriptionsReply(ctx),
};
