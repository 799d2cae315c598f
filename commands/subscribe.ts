import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { subscribeReply } from '../src/replies/subscriptions';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('subscribe')
    .setDescription('Post an alert here when a new article matches a topic (needs Manage Channels)')
    .addStringOption((o) => o.setName('topic').setDescription('A short query, e.g. "Taiwan Strait" or "North Korea missiles"').setRequired(true).setMaxLength(100))
    .addNumberOption((o) => o.setName('min_score').setDescription('How strict: share of the topic an article must be about, 0.05–1 (default 0.7)').setMinValue(0.05).setMaxValue(1))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(InteractionContextType.Guild),
  permissions: { '': 'ManageChannels' },
  execute: (ctx) => subscribeReply(ctx, String(ctx.options.topic ?? ''), ctx.options.min_score === undefined ? undefined : Number(ctx.options.min_score)),
};
