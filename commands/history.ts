import { SlashCommandBuilder } from 'discord.js';
import { defineCommand, type ButtonContext, type CommandContext } from '../src/command/types';
import { buttonIds, pageIn } from '../src/command/buttonIds';
import type { Reply } from '../src/reply';
import { notice } from '../src/reply';
import { clearedReply, confirmClearReply, forgottenReply, historyReply } from '../src/replies/history';
import { viewerOf } from '../src/library/library';

const MAX_PER_PAGE = 50;

type Press = { action: 'page'; perPage: number; page: number } | { action: 'confirm-clear' } | { action: 'cancel' };
export const historyIds = buttonIds<Press>('history', {
  encode: (press) => (press.action === 'page' ? ['page', press.perPage, press.page] : [press.action]),
  decode: ([action, perPage, page]) => {
    if (action === 'page') return { action, perPage: Math.min(pageIn(perPage), MAX_PER_PAGE), page: pageIn(page) };
    return action === 'confirm-clear' || action === 'cancel' ? { action } : undefined;
  },
});

async function showHistory(ctx: CommandContext | ButtonContext, perPage: number, pageNumber: number): Promise<Reply> {
  const entries = await ctx.services.history.recent({ guildId: ctx.guildId, channelId: ctx.channelId });
  const articleOf = (id: string) => {
    const article = ctx.services.library.get(id, viewerOf(ctx));
    return article && { ...article, articleId: article.id };
  };
  return historyReply(entries, perPage, pageNumber, articleOf, (page) => historyIds.encode({ action: 'page', perPage, page }));
}

/** The confirmation's buttons: the runner checks Manage Messages again on "Yes", since anyone can press a button they see. */
async function clearHistory(ctx: ButtonContext): Promise<Reply> {
  const removed = await ctx.services.history.clear({ guildId: ctx.guildId, channelId: ctx.channelId });
  ctx.services.log.info('history_cleared', { guild: ctx.guildId ?? 'dm', channel: ctx.channelId, by: ctx.user.id, removed });
  return clearedReply(removed);
}

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('history')
    .setDescription('This channel’s questions and answers')
    .addSubcommand((s) =>
      s
        .setName('show')
        .setDescription('Recent questions in this channel, newest first, with the top quote’s source')
        .addIntegerOption((o) =>
          o.setName('count').setDescription('How many to show (default 10)').setMinValue(1).setMaxValue(MAX_PER_PAGE),
        )
        .addIntegerOption((o) => o.setName('page').setDescription('Page of results').setMinValue(1)),
    )
    .addSubcommand((s) => s.setName('clear').setDescription('Empty this channel’s history (needs Manage Messages; asks to confirm)'))
    .addSubcommand((s) =>
      s.setName('forget-me').setDescription('Remove every question you asked in this server, and your votes, from its history'),
    ),
  permissions: { clear: 'ManageMessages' },
  execute: async (ctx) => {
    if (ctx.subcommand === 'clear')
      return confirmClearReply({
        confirm: historyIds.encode({ action: 'confirm-clear' }),
        cancel: historyIds.encode({ action: 'cancel' }),
      });
    if (ctx.subcommand === 'forget-me')
      return forgottenReply(
        await ctx.services.history.forgetUser(ctx.guildId, ctx.user.id),
        ctx.console ? 'console' : ctx.guildId ? 'server' : 'dm',
      );
    return showHistory(ctx, ctx.options.integer('count') ?? 10, ctx.options.integer('page') ?? 1);
  },
  button: {
    ids: historyIds,
    // "Yes, clear it" is /history clear itself, under its permission; "Cancel" and paging need none.
    subcommand: (press) => (press.action === 'confirm-clear' ? 'clear' : 'show'),
    run: (ctx, press) => {
      if (press.action === 'page') return showHistory(ctx, press.perPage, press.page);
      if (press.action === 'cancel') return { ...notice('info', 'Nothing was cleared.', true), replace: true };
      return clearHistory(ctx);
    },
  },
});
