import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { lookupReply } from '../src/replies/lookup';
import { viewerOf } from '../src/library/library';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('lookup')
    .setDescription('Find the sentences and articles that mention a word or phrase')
    .addStringOption((o) => o.setName('term').setDescription('A word or phrase, e.g. "Taiwan Strait"').setRequired(true).setMaxLength(80))
    .addIntegerOption((o) => o.setName('page').setDescription('Page of results').setMinValue(1)),
  execute: (ctx) => lookupReply(ctx.services.library, viewerOf(ctx), String(ctx.options.term ?? ''), Number(ctx.options.page ?? 1)),
  button: (ctx, [, pageNumber, ...term]) => lookupReply(ctx.services.library, viewerOf(ctx), term.join(':'), Number(pageNumber)),
};
