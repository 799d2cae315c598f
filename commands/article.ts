import { SlashCommandBuilder } from 'discord.js';
import type { AttachedFile, Command } from '../src/commands';
import { articleReply, articleTextReply } from '../src/replies/articles';
import { addArticle, removeArticle } from '../src/replies/articleAdmin';
import { viewerOf } from '../src/library/library';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('article')
    .setDescription('One article; a server’s own articles (add, remove need Manage Server)')
    .addSubcommand((s) =>
      s
        .setName('read')
        .setDescription('Show one article: title, date, source, key terms and opening')
        .addStringOption((o) => o.setName('id').setDescription('The article’s id or part of its title').setRequired(true).setAutocomplete(true).setMaxLength(100)),
    )
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Add a .md or .txt file (uploaded, or by its address) to this server’s articles')
        .addAttachmentOption((o) => o.setName('file').setDescription('A .md or .txt file'))
        .addStringOption((o) => o.setName('url').setDescription('Or the address of a .md or .txt file').setMaxLength(500)),
    )
    .addSubcommand((s) =>
      s
        .setName('remove')
        .setDescription('Remove one of this server’s own articles')
        .addStringOption((o) => o.setName('id').setDescription('The article’s id').setRequired(true).setAutocomplete(true).setMaxLength(100)),
    ),
  permissions: { add: 'ManageGuild', remove: 'ManageGuild' },
  execute: (ctx) => {
    if (ctx.subcommand === 'add') {
      const file = typeof ctx.options.file === 'object' ? (ctx.options.file as AttachedFile) : undefined;
      return addArticle(ctx, file, ctx.options.url === undefined ? undefined : String(ctx.options.url));
    }
    if (ctx.subcommand === 'remove') return removeArticle(ctx, String(ctx.options.id ?? ''));
    return articleReply(ctx.services.library, viewerOf(ctx), String(ctx.options.id ?? ''));
  },
  autocomplete: (ctx, focused) => {
    const viewer = viewerOf(ctx);
    if (ctx.subcommand === 'remove') {
      // Only this server's own articles, and only for a member who may remove them.
      if (!ctx.can('ManageGuild')) return [];
      return ctx.services.library
        .find(focused.value, 100, viewer)
        .filter((a) => ctx.services.library.owns(viewer, a.id))
        .map((a) => ({ name: `${a.title} (${a.id})`.slice(0, 100), value: a.id }));
    }
    return ctx.services.library.find(focused.value, 25, viewer).map((a) => ({ name: `${a.title} (${a.id})`.slice(0, 100), value: a.id }));
  },
  button: (ctx, [action, articleId, pageNumber]) => articleTextReply(ctx.services.library, viewerOf(ctx), articleId ?? '', Number(pageNumber ?? 1), action === 'page'),
};
