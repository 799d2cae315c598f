import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { defineCommand } from '../src/command/types';
import { reportReply } from '../src/replies/report';
import { buildReportInSlices } from '../src/report/buildReport';

const DEFAULT_REPORT_DAYS = 30;

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('report')
    .setDescription('What the articles answered badly, top topics, votes, as a CSV too (needs Manage Server)')
    .addIntegerOption((o) =>
      o.setName('days').setDescription(`The last how many days (default ${DEFAULT_REPORT_DAYS})`).setMinValue(1).setMaxValue(365),
    )
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  serversOnly: { '': '/report is about a server’s questions: use it in a server.' },
  execute: async (ctx) => {
    const days = ctx.options.integer('days') ?? DEFAULT_REPORT_DAYS;
    const until = ctx.services.now();
    const since = new Date(until.getTime() - days * 86_400_000);
    const report = await buildReportInSlices(await ctx.services.history.entriesSince(ctx.guildId, since), since, until);
    return reportReply(report, { guildId: ctx.guildId, until, days, maxAge: ctx.services.config.historyMaxAgeDays });
  },
});
