import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { DEFAULT_REPORT_DAYS, reportReply } from '../src/replies/report';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('report')
    .setDescription('What the articles answered badly, top topics, votes, as a CSV too (needs Manage Server)')
    .addIntegerOption((o) => o.setName('days').setDescription(`The last how many days (default ${DEFAULT_REPORT_DAYS})`).setMinValue(1).setMaxValue(365))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  permissions: { '': 'ManageGuild' },
  execute: (ctx) => reportReply(ctx, ctx.options.days === undefined ? DEFAULT_REPORT_DAYS : Number(ctx.options.days)),
};
