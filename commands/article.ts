import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SlashCommandBuilder } from 'discord.js';
import { defineCommand, type AttachedFile, type ButtonContext, type CommandContext } from '../src/command/types';
import { buttonIds, pageIn } from '../src/command/buttonIds';
import type { Article } from '../src/library/article';
import type { Reply } from '../src/reply';
import { notice } from '../src/reply';
import { articleChoicesReply, articleReply, articleTextReply } from '../src/replies/articles';
import { withoutInvisible } from '../src/feeds/addressText';
import { FeedError } from '../src/feeds/feedError';
import { viewerOf } from '../src/library/library';
import { BadArticleError, isArticleFile } from '../src/library/readArticleFile';
import { readableSize } from '../src/readableSize';

/** "read" opens an article's text in a message of its own; "page" turns the page of that message. */
type Press = { action: 'read' | 'page'; articleId: string; page: number };
export const articleIds = buttonIds<Press>('article', {
  encode: ({ action, articleId, page }) => [action, articleId, page],
  decode: ([action, articleId, page]) =>
    (action === 'read' || action === 'page') && articleId ? { action, articleId, page: pageIn(page) } : undefined,
});

function readArticle(ctx: CommandContext, ref: string): Reply {
  const viewer = viewerOf(ctx);
  const { article, matches } = ctx.services.library.resolve(ref, viewer);
  if (!article && matches > 1) return articleChoicesReply(ref, ctx.services.library.find(ref, Number.POSITIVE_INFINITY, viewer));
  if (!article) return notice('warning', `No article matches “${ref.slice(0, 100)}”. /articles lists them with their ids.`);
  const keyTerms = ctx.services.library
    .indexFor(viewer)
    .keyTerms(article.id)
    .map((t) => t.word);
  return articleReply(article, keyTerms, articleIds.encode({ action: 'read', articleId: article.id, page: 1 }));
}

function articleText(ctx: ButtonContext, { action, articleId, page }: Press): Reply {
  const article = ctx.services.library.get(articleId, viewerOf(ctx));
  if (!article) return notice('warning', 'That article is no longer in the library.');
  return articleTextReply(article, page, (n) => articleIds.encode({ action: 'page', articleId, page: n }), action === 'page');
}

/** The file name an address stands for: its last path segment, as .txt when it names no .md or .txt. */
function fileNameOf(url: URL): string {
  const last = decodeURIComponent(basename(url.pathname)) || 'article';
  return isArticleFile(last) ? last : `${last}.txt`;
}

/** A web page saved or served as text: its markup would be quoted as if it were the article. */
const looksLikeHtml = (text: string) => /^\s*<(?:!doctype|html)/i.test(text);

/** The text at an address (an upload's or one given as url:), or a reply saying why there is none. */
async function fetchArticleText(ctx: CommandContext, fetchUrl: string): Promise<string | Reply> {
  const { config, feeds } = ctx.services;
  try {
    const fetched = await feeds.fetchText(fetchUrl, config.maxArticleBytes, { noun: 'article', sizeSetting: 'MAX_ARTICLE_BYTES' });
    if (/html/i.test(fetched.contentType ?? '') || looksLikeHtml(fetched.text)) {
      return notice(
        'warning',
        'That address gives a web page (HTML), not a text file. Give the address of a .md or .txt file, or upload one.',
      );
    }
    return fetched.text;
  } catch (error) {
    if (error instanceof FeedError) return notice('warning', `I could not fetch that: ${error.message}`);
    throw error;
  }
}

/** A file on the operator's machine, named by its path in the console (which uploads nothing), as /feed import reads one. */
async function readLocalFile(ctx: CommandContext, path: string): Promise<{ fileName: string; bytes: Buffer } | Reply> {
  const { maxArticleBytes } = ctx.services.config;
  const fileName = basename(path);
  if (!isArticleFile(fileName)) return notice('warning', `Only .md and .txt files can be added (this one is “${fileName.slice(0, 100)}”).`);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return notice('warning', `There is no file at ${path.slice(0, 200)}. Give the path of a .md or .txt file.`);
  }
  if (size > maxArticleBytes)
    return notice('warning', `That file is ${readableSize(size)}, over the ${readableSize(maxArticleBytes)} limit (MAX_ARTICLE_BYTES).`);
  try {
    const bytes = await readFile(path);
    // The same check as for a fetched file: a page saved with a .txt or .md name is still a web page.
    if (looksLikeHtml(bytes.subarray(0, 1024).toString('utf8')))
      return notice('warning', 'That file is a web page (HTML), not a text file. Give the path of a .md or .txt file.');
    return { fileName, bytes };
  } catch (error) {
    return notice(
      'warning',
      `I could not read ${path.slice(0, 200)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
}

/**
 * /article add: a .md or .txt attachment, or a text file's address, becomes
 * one of this server's articles; in the console, `file:` is a local path.
 */
async function addArticle(ctx: CommandContext, file: AttachedFile | string | undefined, address: string | undefined): Promise<Reply> {
  const { library, config, serverArticles, alerts, log } = ctx.services;
  const owner = viewerOf(ctx);
  // The runner lets /article add through only in a server or the console, both of which own articles.
  if (owner === null) throw new Error('/article add without an owner');
  if (Boolean(file) === Boolean(address)) {
    const what = ctx.console ? 'file: (the path of a .md or .txt file)' : 'file: (a .md or .txt attachment)';
    return notice(
      'warning',
      file ? `Give either ${what} or url: (its address), not both.` : `Give the article to add: ${what} or url: (the address of one).`,
    );
  }
  let fileName: string;
  let bytes: Buffer;
  if (typeof file === 'string') {
    // Only the console hands a path over (the runner refuses one from Discord): the operator's own machine.
    if (!ctx.console) throw new Error('/article add: a file path from outside the console');
    const local = await readLocalFile(ctx, file);
    if (!('bytes' in local)) return local;
    ({ fileName, bytes } = local);
  } else {
    let fetchUrl: string;
    if (file) {
      if (!isArticleFile(file.name))
        return notice('warning', `Only .md and .txt files can be added (this one is “${file.name.slice(0, 100)}”).`);
      if (file.size > config.maxArticleBytes)
        return notice(
          'warning',
          `That file is ${readableSize(file.size)}, over the ${readableSize(config.maxArticleBytes)} limit (MAX_ARTICLE_BYTES).`,
        );
      fileName = file.name;
      fetchUrl = file.url;
    } else {
      let url: URL;
      try {
        url = new URL(
          withoutInvisible(address!)
            .trim()
            .replace(/^<(.*)>$/s, '$1'),
        );
      } catch {
        return notice('warning', 'That is not a web address. Give the full address of a .md or .txt file, starting with https://.');
      }
      fileName = fileNameOf(url);
      fetchUrl = url.href;
    }
    const text = await fetchArticleText(ctx, fetchUrl);
    if (typeof text !== 'string') return text;
    bytes = Buffer.from(text, 'utf8');
  }
  let article: Article;
  const warnings: string[] = [];
  try {
    article = serverArticles.parse(fileName, bytes, owner, (warning) => warnings.push(warning));
  } catch (error) {
    if (error instanceof BadArticleError) return notice('warning', `That is not an article I can use: ${error.message}.`);
    throw error;
  }
  if (library.get(article.id, null))
    return notice('warning', `The shared library already has an article with the id “${article.id}”. Rename the file and add it again.`);
  if (library.owns(owner, article.id) && !library.get(article.id, owner)!.origin.startsWith(serverArticles.dir)) {
    return notice('warning', `One of this server’s feed articles has the id “${article.id}”. Rename the file and add it again.`);
  }
  const replaced = library.owns(owner, article.id);
  try {
    await serverArticles.save(owner, fileName, bytes);
  } catch (error) {
    log.error('server_article_not_saved', { owner, id: article.id, reason: (error as Error).message });
    return notice(
      'error',
      'Sorry, I could not save that article: the bot’s data folder is not writable right now. Please tell the bot’s operator.',
    );
  }
  library.add(article, owner);
  await alerts.onArticle(article, owner);
  log.info('server_article_added', { owner, id: article.id, by: ctx.user.id, replaced });
  return {
    tone: 'info',
    title: `${replaced ? 'Replaced' : 'Added'}: ${article.title}`,
    text: [
      `${article.sentences.length} sentence${article.sentences.length === 1 ? '' : 's'} in this server’s library; other servers do not see it. New articles are checked against this server’s channel topics.`,
      // What the file got wrong without stopping it (a date it could not read): the one who added it can fix it.
      ...warnings.slice(0, 3).map((warning) => `Note, ${warning.slice(0, 400)}`),
    ],
    fields: [{ name: 'Id', value: article.id }],
    footer: '/article read id: shows it · /article remove id: removes it',
  };
}

/** /article remove: deletes one of this server's own articles (added with /article add or from its feeds). */
async function removeArticle(ctx: CommandContext, id: string): Promise<Reply> {
  const { library, feeds, serverArticles, log } = ctx.services;
  const owner = viewerOf(ctx);
  const wanted = id.trim();
  const noSuchArticle = () =>
    notice(
      'warning',
      'This server has no article of its own with that id. (Articles of the shared library are removed by the bot’s operator, from the articles folder.)',
    );
  if (owner === null || !library.owns(owner, wanted)) return noSuchArticle();
  // Read before the file is removed: a removal of the same article running meanwhile takes it out of the library.
  const { title } = library.get(wanted, owner)!;
  try {
    if (!(await serverArticles.remove(owner, wanted))) await feeds.removeArticleFile(owner, wanted);
  } catch (error) {
    log.error('server_article_not_removed', { owner, id: wanted, reason: (error as Error).message });
    return notice(
      'error',
      'Sorry, I could not remove that article’s file: the bot’s data folder is not writable right now. Please tell the bot’s operator.',
    );
  }
  if (!library.remove(wanted, owner)) return noSuchArticle();
  log.info('server_article_removed', { owner, id: wanted, by: ctx.user.id });
  return notice('info', `Removed “${title}” from this server’s library.`);
}

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('article')
    .setDescription('One article; a server’s own articles (add, remove need Manage Server)')
    .addSubcommand((s) =>
      s
        .setName('read')
        .setDescription('Show one article: title, date, source, key terms and opening')
        .addStringOption((o) =>
          o.setName('id').setDescription('The article’s id or part of its title').setRequired(true).setAutocomplete(true).setMaxLength(100),
        ),
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
        .addStringOption((o) =>
          o.setName('id').setDescription('The article’s id').setRequired(true).setAutocomplete(true).setMaxLength(100),
        ),
    ),
  permissions: { add: 'ManageGuild', remove: 'ManageGuild' },
  serversOnly: { add: 'Articles belong to a server: use /article add in a server.' },
  execute: (ctx) => {
    if (ctx.subcommand === 'add') {
      return addArticle(ctx, ctx.options.attachment('file'), ctx.options.string('url'));
    }
    if (ctx.subcommand === 'remove') return removeArticle(ctx, ctx.options.string('id', true));
    return readArticle(ctx, ctx.options.string('id', true));
  },
  autocomplete: (ctx, focused) => {
    const viewer = viewerOf(ctx);
    if (ctx.subcommand === 'remove') {
      // Only this server's own articles (the runner shows nothing to a member who may not remove them).
      return ctx.services.library
        .find(focused.value, 100, viewer)
        .filter((a) => ctx.services.library.owns(viewer, a.id))
        .map((a) => ({ name: `${a.title} (${a.id})`.slice(0, 100), value: a.id }));
    }
    return ctx.services.library.find(focused.value, 25, viewer).map((a) => ({ name: `${a.title} (${a.id})`.slice(0, 100), value: a.id }));
  },
  button: { ids: articleIds, run: articleText },
});
