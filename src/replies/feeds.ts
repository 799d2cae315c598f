import type { CommandContext } from '../commands';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { counted } from './format';
import { FeedError } from '../feeds/feedError';

/** What adding a feed did, in words that agree with the numbers ("1 item … was", "every minute"). */
export function feedAddedText(itemsSeen: number, pollMinutes: number): string {
  return `${counted(itemsSeen, 'item')} already in the feed ${itemsSeen === 1 ? 'was' : 'were'} recorded and will not alert. New items become articles and are checked against every channel’s topics (see /subscribe). The feed is fetched every ${pollMinutes === 1 ? 'minute' : counted(pollMinutes, 'minute')}.`;
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');

export async function addFeed(ctx: CommandContext, url: string): Promise<Reply> {
  try {
    const { feed, itemsSeen } = await ctx.services.feeds.add(url, { userId: ctx.user.id, guildId: ctx.guildId, channelId: ctx.channelId });
    ctx.services.log.info('feed_added', { url: feed.url, by: ctx.user.id, itemsSeen });
    return {
      tone: 'info',
      title: `Following ${feed.title ?? feed.url}`,
      text: [feedAddedText(itemsSeen, ctx.services.config.feedPollMinutes)],
      fields: [{ name: 'Address', value: feed.url }],
    };
  } catch (error) {
    if (error instanceof FeedError) return notice('warning', `I could not follow that feed: ${error.message}`);
    throw error;
  }
}

export async function removeFeed(ctx: CommandContext, url: string): Promise<Reply> {
  const removed = await ctx.services.feeds.remove(url.trim().replace(/^<|>$/g, ''));
  return removed ? notice('info', 'No longer following that feed. The articles it brought stay in the library.') : notice('warning', 'That feed is not followed. /feed list shows the feeds.');
}

export function listFeeds(ctx: CommandContext): Reply {
  const feeds = ctx.services.feeds.list();
  if (feeds.length === 0) return notice('info', 'No feeds are followed. /feed add url: follows one.', true);
  return {
    tone: 'info',
    title: `${feeds.length} feed${feeds.length === 1 ? '' : 's'}`,
    items: feeds.map((f) =>
      [`${f.title ?? 'untitled'}: ${f.url}`, `last success ${when(f.lastOk)}`, `next fetch ${when(f.nextFetchAt)}`, ...(f.lastError ? [`last error: ${f.lastError}${f.consecutiveErrors > 1 ? ` (${f.consecutiveErrors} in a row)` : ''}`] : [])].join(' · '),
    ),
  };
}
