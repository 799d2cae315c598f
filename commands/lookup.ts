import { SlashCommandBuilder } from 'discord.js';
import { defineCommand, type Invocation, type Services } from '../src/command/types';
import { buttonIds, pageIn } from '../src/command/buttonIds';
import { pastedCommands } from '../src/command/pastedCommands';
import { withoutCommandName } from '../src/answer/ask';
import { dateRangeOf, packDay, rangeFilter, unpackDay } from '../src/command/dateRange';
import type { Reply } from '../src/reply';
import { notice } from '../src/reply';
import { lookupReply } from '../src/replies/lookup';
import { lookupInSlices } from '../src/answer/lookup';
import { viewerOf } from '../src/library/library';
import { rangeNote, type DateRange } from '../src/library/dateRange';

/**
 * The term (and the range, as absolute days) ride in the id so paging works
 * after a restart; /lookup caps the term at 80 characters. The term goes last
 * and may hold ":" itself. A dated id is "lookup:d:<page>:<since>:<until>:"
 * with the page and days in base 36, 20 characters up to page 1295 and the
 * year 2097, so an 80-character term still fits Discord's 100 ("dated", with
 * a decimal page, went over, and the button was left out).
 */
type Press = { page: number; term: string; range?: DateRange };
export const lookupIds = buttonIds<Press>('lookup', {
  encode: ({ page, term, range }) =>
    range ? ['d', page.toString(36), packDay(range.since), packDay(range.until), term] : ['page', page, term],
  decode: ([action, page, ...rest]) => {
    if (action === 'page') return { page: pageIn(page), term: rest.join(':') };
    // "dated": the ids of buttons posted before, with a decimal page.
    if (action !== 'd' && action !== 'dated') return undefined;
    const [since, until, ...term] = rest.map((part, i) => (i < 2 ? unpackDay(part) : part));
    const range = { ...(since ? { since } : {}), ...(until ? { until } : {}) };
    const pageNumber = pageIn(action === 'd' ? String(parseInt(page ?? '', 36)) : page);
    return { page: pageNumber, term: term.join(':'), ...(Object.keys(range).length ? { range } : {}) };
  },
});

async function lookUp(ctx: Invocation & { services: Services }, term: string, pageNumber: number, range?: DateRange): Promise<Reply> {
  // A pasted "/lookup term: …" is the term after it; the reply and its paging show the term alone.
  const wanted = withoutCommandName(term, pastedCommands(ctx.services.commands())).trim();
  if (!wanted) return notice('warning', 'Please give a word or phrase to look up.');
  const { library } = ctx.services;
  const viewer = viewerOf(ctx);
  const result = await lookupInSlices(library.indexFor(viewer), wanted, rangeFilter(range));
  const note = range ? rangeNote(range, library.list(viewer)) : undefined;
  return lookupReply(wanted, result, pageNumber, (page) => lookupIds.encode({ page, term: wanted, range }), note);
}

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('lookup')
    .setDescription('Find the sentences and articles that mention a word or phrase')
    .addStringOption((o) => o.setName('term').setDescription('A word or phrase, e.g. "Taiwan Strait"').setRequired(true).setMaxLength(80))
    .addIntegerOption((o) => o.setName('page').setDescription('Page of results').setMinValue(1))
    .addStringOption((o) =>
      o.setName('since').setDescription('Only articles dated from this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20),
    )
    .addStringOption((o) =>
      o.setName('until').setDescription('Only articles dated up to this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20),
    ),
  execute: (ctx) =>
    lookUp(
      ctx,
      ctx.options.string('term', true),
      ctx.options.integer('page') ?? 1,
      dateRangeOf(ctx.options.string('since'), ctx.options.string('until'), ctx.services.now()),
    ),
  button: { ids: lookupIds, run: (ctx, { term, page, range }) => lookUp(ctx, term, page, range) },
});
