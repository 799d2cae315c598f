import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { askInChannel, moreQuotes } from '../src/replies/ask';
import { viewerOf } from '../src/library/library';
import { dateRangeOf } from '../src/replies/dateRange';
import { recordVote } from '../src/replies/feedback';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Answer a question with quotes from the articles, each with its citation')
    .addStringOption((o) => o.setName('question').setDescription('What you want to know').setRequired(true).setMaxLength(500))
    .addStringOption((o) => o.setName('article').setDescription('Only quote this article (id or title)').setAutocomplete(true).setMaxLength(100))
    .addStringOption((o) => o.setName('since').setDescription('Only articles dated from this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20))
    .addStringOption((o) => o.setName('until').setDescription('Only articles dated up to this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20)),
  slow: true,
  cooldown: (config) => config.askCooldownSeconds,
  execute: (ctx) =>
    askInChannel(
      ctx,
      String(ctx.options.question ?? ''),
      ctx.options.article === undefined ? undefined : String(ctx.options.article),
      dateRangeOf(ctx.options.since, ctx.options.until, ctx.services.now()),
    ),
  autocomplete: (ctx, focused) => ctx.services.library.find(focused.value, 25, viewerOf(ctx)).map((a) => ({ name: `${a.title}`.slice(0, 100), value: a.id })),
  button: (ctx, [action, entryId, vote]) => (action === 'vote' ? recordVote(ctx, entryId ?? '', vote ?? '') : moreQuotes(ctx, action ?? '', entryId ?? '')),
};
