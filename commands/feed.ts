import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { defineCommand, type AttachedFile, type CommandContext } from '../src/command/types';
import type { Reply } from '../src/reply';
import { notice } from '../src/reply';
import { feedAddedText, feedExportReply, feedImportReply, feedListReply, type ImportOutcome } from '../src/replies/feeds';
import { withoutInvisible } from '../src/feeds/addressText';
import { FeedError } from '../src/feeds/feedError';
import type { FeedInfo } from '../src/feeds';
import { OpmlError, parseOpml, toOpml, type OpmlFeed } from '../src/feeds/opml';
import { viewerOf } from '../src/library/library';
import { inSlices } from '../src/timeSlices';

// Feeds fetched at once: an import of a hundred feeds takes minutes rather than tens of minutes, without hammering one host.
const PARALLEL = 4;
const URL_SHOWN = 150;

const MB = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} KB`);
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The bot's operator: the console, or a user named in OWNER_IDS. Only they add or remove feeds for every server. */
function isOperator(ctx: CommandContext): boolean {
  return Boolean(ctx.console) || ctx.services.config.ownerIds.includes(ctx.user.id);
}

/** The feeds a member may see and remove here: this server's, and for the operator also the every-server ones. */
function visibleFeeds(ctx: CommandContext): FeedInfo[] {
  const own = viewerOf(ctx);
  return [...(own === null ? [] : ctx.services.feeds.list(own)), ...(isOperator(ctx) ? ctx.services.feeds.list(null) : [])];
}

async function addFeed(ctx: CommandContext, url: string, scope: string, backfill: boolean): Promise<Reply> {
  const everyServer = scope === 'all';
  if (everyServer && !isOperator(ctx))
    return notice(
      'warning',
      'Only the bot’s operator (OWNER_IDS) can add a feed for every server. Leave out scope to add it for this server.',
    );
  const owner = everyServer ? null : viewerOf(ctx);
  if (!everyServer && owner === null) return notice('warning', 'Feeds belong to a server: use /feed in a server.');
  try {
    const { feed, itemsSeen, imported } = await ctx.services.feeds.add(
      url,
      { userId: ctx.user.id, guildId: ctx.guildId, channelId: ctx.channelId },
      owner,
      { backfill },
    );
    // Imported, not news: in the library at once, and recorded as matched so no alert ever fires for them.
    // In slices: each goes into every server's copy of the index too (Library.addSteps).
    await inSlices(ctx.services.library.addAllSteps(imported.map(({ article }) => ({ article, owner }))));
    await ctx.services.alerts.markMatched(imported);
    return {
      tone: 'info',
      title: `Following ${feed.title ?? feed.url}`,
      text: [feedAddedText(itemsSeen, ctx.services.config.feedPollMinutes, { everyServer, imported: backfill ? imported.length : null })],
      fields: [{ name: 'Address', value: feed.url, link: true }],
    };
  } catch (error) {
    if (error instanceof FeedError) return notice('warning', `I could not follow that feed: ${error.message}`);
    throw error;
  }
}

async function removeFeed(ctx: CommandContext, ref: string): Promise<Reply> {
  const wanted = withoutInvisible(ref).trim().replace(/^<|>$/g, '');
  const own = viewerOf(ctx);
  let removed = own !== null && (await ctx.services.feeds.remove(wanted, own));
  if (!removed && isOperator(ctx)) removed = await ctx.services.feeds.remove(wanted, null);
  return removed
    ? notice('info', 'No longer following that feed. The articles it brought stay in the library.')
    : notice('warning', 'This server follows no such feed. /feed list shows its feeds.');
}

/** The OPML text of the uploaded file (on Discord) or of a local file's path (in the console, which is the operator's machine). */
async function readUpload(ctx: CommandContext, file: AttachedFile | string | undefined): Promise<{ name: string; text: string } | Reply> {
  const { config, feeds } = ctx.services;
  const tooBig = (size: number) =>
    notice('warning', `That file is ${MB(size)}, over the ${MB(config.opmlMaxBytes)} limit for an OPML file (OPML_MAX_BYTES).`);
  if (typeof file === 'string' && ctx.console) {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      return notice('warning', `There is no file at ${cut(file, URL_SHOWN)}. Give the path of an OPML file.`);
    }
    if (size > config.opmlMaxBytes) return tooBig(size);
    return { name: basename(file), text: await readFile(file, 'utf8') };
  }
  if (typeof file !== 'object' || file === null)
    return notice('warning', 'Attach an OPML file (the list of feeds a feed reader exports) as file:.');
  if (file.size > config.opmlMaxBytes) return tooBig(file.size);
  try {
    const fetched = await feeds.fetchText(file.url, config.opmlMaxBytes);
    return { name: file.name, text: fetched.text };
  } catch (error) {
    if (error instanceof FeedError)
      return notice(
        'warning',
        error.code === 'too_big'
          ? `That file is over the ${MB(config.opmlMaxBytes)} limit for an OPML file (OPML_MAX_BYTES).`
          : `I could not read that file: ${error.message}`,
      );
    throw error;
  }
}

/**
 * /feed import: every feed an OPML file lists is followed for this server,
 * each checked exactly as /feed add checks one (address guard, fetch, parse);
 * at most OPML_MAX_FEEDS of them, and none started after OPML_MAX_SECONDS.
 */
async function importFeeds(ctx: CommandContext, file: AttachedFile | string | undefined): Promise<Reply> {
  const { config, feeds, log } = ctx.services;
  // The runner lets /feed import through only in a server or the console, both of which own feeds.
  const owner = viewerOf(ctx)!;
  const upload = await readUpload(ctx, file);
  if ('tone' in upload) return upload;
  let listed: OpmlFeed[];
  try {
    listed = parseOpml(upload.text);
  } catch (error) {
    if (error instanceof OpmlError)
      return notice(
        'warning',
        `That is not an OPML file I can read: ${error.message}. Export the subscriptions from your feed reader as OPML and attach that file.`,
      );
    throw error;
  }
  if (listed.length === 0) return notice('warning', 'That OPML file lists no feeds (no outline in it has an xmlUrl).');

  const tried = listed.slice(0, config.opmlMaxFeeds);
  const deadline = performance.now() + config.opmlMaxSeconds * 1000;
  const addedBy = { userId: ctx.user.id, guildId: ctx.guildId, channelId: ctx.channelId };
  const outcomes: ImportOutcome[] = [];
  let next = 0;
  let timedOut = false;
  // A shutdown cancels fetches: the feeds left are not tried rather than each refused.
  let stopping = false;
  const worker = async () => {
    while (next < tried.length && !stopping) {
      if (performance.now() >= deadline) {
        timedOut = true;
        return;
      }
      const feed = tried[next++]!;
      try {
        await feeds.add(feed.url, addedBy, owner);
        outcomes.push({ feed, kind: 'added' });
      } catch (error) {
        if (error instanceof FeedError && error.code === 'stopped') stopping = true;
        if (error instanceof FeedError)
          outcomes.push({ feed, kind: error.code === 'already_followed' ? 'already' : 'refused', reason: error.message, code: error.code });
        else {
          log.error('feed_import_failed', { owner, error: (error as Error).message });
          outcomes.push({ feed, kind: 'refused', reason: 'an unexpected error (the log has it)', code: 'error' });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, tried.length) }, worker));

  const count = (kind: ImportOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  log.info('feeds_imported', {
    owner,
    by: ctx.user.id,
    listed: listed.length,
    added: count('added'),
    already: count('already'),
    refused: count('refused'),
    notTried: listed.length - outcomes.length,
  });
  return feedImportReply({
    fileName: upload.name,
    listed,
    tried,
    outcomes,
    timedOut,
    stopping,
    limits: { maxFeeds: config.opmlMaxFeeds, maxSeconds: config.opmlMaxSeconds },
  });
}

/** /feed export: this server's feeds as an OPML file. */
function exportFeeds(ctx: CommandContext): Reply {
  const list = ctx.services.feeds.list(viewerOf(ctx));
  if (list.length === 0)
    return notice('info', 'This server follows no feeds, so there is nothing to export. /feed add url: follows one.', true);
  return feedExportReply(
    list.length,
    toOpml(
      list.map((f) => ({ url: f.url, title: f.title })),
      'Policy Desk feeds',
      ctx.services.now(),
    ),
  );
}

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('feed')
    .setDescription('RSS and Atom feeds whose new items become this server’s articles (needs Manage Server)')
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Follow a feed; what it holds now is recorded, only later items alert')
        .addStringOption((o) => o.setName('url').setDescription('The feed’s address (http or https)').setRequired(true).setMaxLength(500))
        .addBooleanOption((o) =>
          o.setName('backfill').setDescription('Also import the items the feed holds now as articles (they do not alert)'),
        )
        .addStringOption((o) =>
          o
            .setName('scope')
            .setDescription('Whose feed it is (default: this server)')
            .addChoices({ name: 'this server', value: 'server' }, { name: 'every server (bot operator only)', value: 'all' }),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('remove')
        .setDescription('Stop following a feed (its articles stay)')
        .addStringOption((o) =>
          o
            .setName('feed')
            .setDescription('The feed to stop (pick one, or give its address)')
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(500),
        ),
    )
    .addSubcommand((s) => s.setName('list').setDescription('This server’s feeds, with their last fetch and any error'))
    .addSubcommand((s) =>
      s
        .setName('import')
        .setDescription('Follow every feed in an OPML file (a feed reader’s export), each checked as /feed add checks one')
        .addAttachmentOption((o) => o.setName('file').setDescription('The OPML file').setRequired(true)),
    )
    .addSubcommand((s) => s.setName('export').setDescription('This server’s feeds as an OPML file'))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  // The bot's operator may list, add and remove every-server feeds from a DM; a server's own feeds need the server.
  serversOnly: {
    import: 'Feeds belong to a server: use /feed import in a server.',
    export: 'Feeds belong to a server: use /feed export in a server.',
  },
  // Adding a feed fetches it, which can take up to FEED_TIMEOUT_SECONDS.
  slow: true,
  execute: (ctx) => {
    if (ctx.subcommand === 'add')
      return addFeed(
        ctx,
        ctx.options.string('url', true),
        ctx.options.string('scope') ?? 'server',
        ctx.options.boolean('backfill') === true,
      );
    if (ctx.subcommand === 'remove') return removeFeed(ctx, ctx.options.string('feed', true));
    if (ctx.subcommand === 'import') return importFeeds(ctx, ctx.options.attachment('file'));
    if (ctx.subcommand === 'export') return exportFeeds(ctx);
    return feedListReply(visibleFeeds(ctx));
  },
  autocomplete: (ctx, focused) => {
    const wanted = focused.value.toLowerCase();
    return visibleFeeds(ctx)
      .filter((f) => f.url.toLowerCase().includes(wanted) || (f.title ?? '').toLowerCase().includes(wanted))
      .map((f) => ({ name: `${f.title ? `${f.title}: ` : ''}${f.url}`.slice(0, 100), value: f.id }));
  },
});
