import { SlashCommandBuilder } from 'discord.js';
import { defineCommand, type Invocation, type Services } from '../src/command/types';
import { buttonIds, pageIn } from '../src/command/buttonIds';
import { dateRangeOf } from '../src/command/dateRange';
import type { Reply } from '../src/reply';
import { notice } from '../src/reply';
import { articlesReply, EMPTY_LIBRARY } from '../src/replies/articles';
import { viewerOf } from '../src/library/library';
import { inRange, parseDay, rangeNote } from '../src/library/dateRange';

// The day rides in the id as a day, not as "7d", so a page turned tomorrow shows the same list.
type Press = { page: number; since?: string };
export const articlesIds = buttonIds<Press>('articles', {
  encode: ({ page, since }) => ['page', page, ...(since === undefined ? [] : [since])],
  decode: ([action, page, since]) => (action === 'page' ? { page: pageIn(page), ...(since ? { since } : {}) } : undefined),
});

function listArticles(ctx: Invocation & { services: Services }, pageNumber: number, since: string | undefined): Reply {
  const visible = ctx.services.library.list(viewerOf(ctx));
  if (visible.length === 0) return notice('info', EMPTY_LIBRARY, true);
  const pageId = (page: number) => articlesIds.encode({ page, since });
  if (since === undefined) return articlesReply(visible, pageNumber, pageId);
  return articlesReply(
    visible.filter((a) => inRange(a, { since })),
    pageNumber,
    pageId,
    { since, note: rangeNote({ since }, visible) },
  );
}

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('articles')
    .setDescription('List the articles the bot can quote, newest first')
    .addIntegerOption((o) => o.setName('page').setDescription('Page of the list').setMinValue(1))
    .addStringOption((o) =>
      o.setName('since').setDescription('Only articles dated from this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20),
    ),
  execute: (ctx) =>
    listArticles(ctx, ctx.options.integer('page') ?? 1, dateRangeOf(ctx.options.string('since'), undefined, ctx.services.now())?.since),
  button: {
    ids: articlesIds,
    // A forged or damaged day in the id lists everything rather than failing.
    run: (ctx, { page, since }) => listArticles(ctx, page, since && parseDay(since, ctx.services.now()) === since ? since : undefined),
  },
});
