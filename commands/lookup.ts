import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { lookupReply } from '../src/replies/lookup';
import { viewerOf } from '../src/library/library';
import { dateRangeOf, unpackDay } from '../src/replies/dateRange';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('lookup')
    .setDescription('Find the sentences and articles that mention a word or phrase')
    .addStringOption((o) => o.setName('term').setDescription('A word or phrase, e.g. "Taiwan Strait"').setRequired(true).setMaxLength(80))
    .addIntegerOption((o) => o.setName('page').setDescription('Page of results').setMinValue(1))
    .addStringOption((o) => o.setName('since').setDescription('Only articles dated from this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20))
    .addStringOption((o) => o.setName('until').setDescription('Only articles dated up to this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20)),
  execute: (ctx) =>
    lookupReply(ctx.services.library, viewerOf(ctx), String(ctx.options.term ?? ''), Number(ctx.options.page ?? 1), dateRangeOf(ctx.options.since, ctx.options.until, ctx.services.now())),
  button: (ctx, [action, pageNumber, ...rest]) => {
    if (action !== 'dated') return lookupReply(ctx.services.library, viewerOf(ctx), rest.join(':'), Number(pageNumber));
    // "dated": the range's days, packed, come before the term.
    const [since, until, ...term] = rest;
    const range = { ...(unpackDay(since) ? { since: unpackDay(since) } : {}), ...(unpackDay(until) ? { until: unpackDay(until) } : {}) };
    return lookupReply(ctx.services.library, viewerOf(ctx), term.join(':'), Number(pageNumber), Object.keys(range).length ? range : undefined);
  },
};
