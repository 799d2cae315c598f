import type { CommandContext } from '../commands';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { counted } from './format';
import { FeedError } from '../feeds/feedError';
import type { FeedInfo } from '../feeds';
import { viewerOf } from '../library/library';

/** What adding a feed did, in words that agree with the numbers ("1 item … was", "every minute"). */
export function feedAddedText(itemsSeen: number, pollMinutes: number, { everyServer = false, imported = null }: { everyServer?: boolean; imported?: number | null } = {}): string {
  const where = everyServer ? 'every server’s library' : 'this server’s library (other servers do not see them)';
  const recorded = `${counted(itemsSeen, 'item')} already in the feed ${itemsSeen === 1 ? 'was' : 'were'} recorded`;
  const first = imported === null ? `${recorded} and will not alert.` : `${recorded}; ${imported} of them became articles in ${where} without alerting.`;
  return `${first} New items become articles in ${where} and are checked against ${everyServer ? 'every' : 'this server’s'} channel topics (see /subscribe). The feed is fetched every ${pollMinutes === 1 ? 'minute' : counted(pollMinutes, 'minute')}.`;
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');

/** The bot's operator: the console, or a user named in OWNER_IDS. Only they add or remove feeds for every server. */
export function isOperator(ctx: CommandContext): boolean {
  return Boolean(ctx.console) || ctx.services.config.ownerIds.includes(ctx.user.id);
}

/** The feeds a member may see and remove here: this server's, and for the operator also the every-server ones. */
export function visibleFeeds(ctx: CommandContext): FeedInfo[] {
  const own = viewerOf(ctx);
  return [...(own === null ? [] : ctx.services.feeds.list(own)), ...(isOperator(ctx) ? ctx.services.feeds.list(null) : [])];
}

export async function addFeed(ctx: CommandContext, url: string, scope: string, backfill: boolean): Promise<Reply> {
  const everyServer = scope === 'all';
  if (everyServer && !isOperator(ctx)) return notice('warning', 'Only the bot’s operator (OWNER_IDS) can add a feed for every server. Leave out scope to add it for this server.');
  const owner = everyServer ? null : viewerOf(ctx);
  if (!everyServer && owner === null) return notice('warning', 'Feeds belong to a server: use /feed in a server.');
  try {
    const { feed, itemsSeen, imported } = await ctx.services.feeds.add(url, { userId: ctx.user.id, guildId: ctx.guildId, channelId: ctx.channelId }, owner, { backfill });
    // Imported, not news: in the library at once, and recorded as matched so no alert ever fires for them.
    for (const { article } of imported) ctx.services.library.add(article, owner);
    await ctx.services.alerts.markMatched(imported);
    return {
      tone: 'info',
      title: `Following ${feed.title ?? feed.url}`,
      text: [feedAddedText(itemsSeen, ctx.services.config.feedPollMinutes, { everyServer, imported: backfill ? imported.length : null })],
      fields: [{ name: 'Address', value: feed.url }],
    };
  } catch (error) {
    if (error instanceof FeedError) return notice('warning', `I could not follow that feed: ${error.message}`);
    throw error;
  }
}

export async function removeFeed(ctx: CommandContext, ref: string): Promise<Reply> {
  const wanted = ref.trim().replace(/^<|>$/g, '');
  const own = viewerOf(ctx);
  let removed = own !== null && (await ctx.services.feeds.remove(wanted, own));
  if (!removed && isOperator(ctx)) removed = await ctx.services.feeds.remove(wanted, null);
  return removed ? notice('info', 'No longer following that feed. The articles it brought stay in the library.') : notice('warning', 'This server follows no such feed. /feed list shows its feeds.');
}

export function listFeeds(ctx: CommandContext): Reply {
  const feeds = visibleFeeds(ctx);
  if (feeds.length === 0) return notice('info', 'This server follows no feeds. /feed add url: follows one.', true);
  return {
    tone: 'info',
    title: `${feeds.length} feed${feeds.length === 1 ? '' : 's'}`,
    items: feeds.map((f) =>
      [
        `${f.title ?? 'untitled'}: ${f.url}${f.owner === null ? ' (every server)' : ''}`,
        `last success ${when(f.lastOk)}`,
        `next fetch ${when(f.nextFetchAt)}`,
        ...(f.lastError ? [`last error: ${f.lastError}${f.consecutiveErrors > 1 ? ` (${f.consecutiveErrors} in a row)` : ''}`] : []),
      ].join(' · '),
    ),
  };
}
