import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { articleReply, articleTextReply } from '../src/replies/articles';
import { viewerOf } from '../src/library/library';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('article')
    .setDescription('Show one article: title, date, source, key terms and opening')
    .addStringOption((o) => o.setName('id').setDescription('The article’s id or part of its title').setRequired(true).setAutocomplete(true).setMaxLength(100)),
  execute: (ctx) => articleReply(ctx.services.library, viewerOf(ctx), String(ctx.options.id ?? '')),
  autocomplete: (ctx, focused) => ctx.services.library.find(focused.value, 25, viewerOf(ctx)).map((a) => ({ name: `${a.title} (${a.id})`.slice(0, 100), value: a.id })),
  button: (ctx, [action, articleId, pageNumber]) => articleTextReply(ctx.services.library, viewerOf(ctx), articleId ?? '', Number(pageNumber ?? 1), action === 'page'),
};
