import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { clearHistory, confirmClear, forgetMe, showHistory } from '../src/replies/history';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('history')
    .setDescription('This channel’s questions and answers')
    .addSubcommand((s) =>
      s
        .setName('show')
        .setDescription('Recent questions in this channel, newest first, with the top quote’s source')
        .addIntegerOption((o) => o.setName('count').setDescription('How many to show (default 10)').setMinValue(1).setMaxValue(50))
        .addIntegerOption((o) => o.setName('page').setDescription('Page of results').setMinValue(1)),
    )
    .addSubcommand((s) => s.setName('clear').setDescription('Empty this channel’s history (needs Manage Messages; asks to confirm)'))
    .addSubcommand((s) => s.setName('forget-me').setDescription('Remove every question you asked in this server, and your votes, from its history')),
  permissions: { clear: 'ManageMessages' },
  execute: (ctx) => {
    if (ctx.subcommand === 'clear') return confirmClear();
    if (ctx.subcommand === 'forget-me') return forgetMe(ctx);
    return showHistory(ctx, Number(ctx.options.count ?? 10), Number(ctx.options.page ?? 1));
  },
  button: (ctx, [action, ...args]) => (action === 'page' ? showHistory(ctx, Number(args[0] ?? 10), Number(args[1] ?? 1)) : clearHistory(ctx, action ?? '')),
};
