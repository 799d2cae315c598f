import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { articlesReply } from '../src/replies/articles';
import { viewerOf } from '../src/library/library';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('articles')
    .setDescription('List the articles the bot can quote, newest first')
    .addIntegerOption((o) => o.setName('page').setDescription('Page of the list').setMinValue(1)),
  execute: (ctx) => articlesReply(ctx.services.library, viewerOf(ctx), Number(ctx.options.page ?? 1)),
  button: (ctx, [, pageNumber]) => articlesReply(ctx.services.library, viewerOf(ctx), Number(pageNumber)),
};
