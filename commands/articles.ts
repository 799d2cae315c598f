import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { articlesReply } from '../src/replies/articles';
import { viewerOf } from '../src/library/library';
import { dateRangeOf } from '../src/replies/dateRange';
import { parseDay } from '../src/library/dateRange';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('articles')
    .setDescription('List the articles the bot can quote, newest first')
    .addIntegerOption((o) => o.setName('page').setDescription('Page of the list').setMinValue(1))
    .addStringOption((o) => o.setName('since').setDescription('Only articles dated from this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20)),
  execute: (ctx) => articlesReply(ctx.services.library, viewerOf(ctx), Number(ctx.options.page ?? 1), dateRangeOf(ctx.options.since, undefined, ctx.services.now())?.since),
  // A forged or damaged day in the id lists everything rather than failing.
  button: (ctx, [, pageNumber, since]) => articlesReply(ctx.services.library, viewerOf(ctx), Number(pageNumber), since && parseDay(since, ctx.services.now()) === since ? since : undefined),
};
