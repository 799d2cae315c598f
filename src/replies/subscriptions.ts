import type { CommandContext } from '../commands';
import { citation, counted } from './format';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { viewerOf } from '../library/library';
import { describeTopicQuery, readTopic } from '../alerts/topicQuery';

const scopeOf = (ctx: CommandContext) => ({ guildId: ctx.guildId, channelId: ctx.channelId });
const percent = (x: number) => `${Math.round(x * 100)}%`;
/** How the query language read a topic, for topics that use it (a plain topic reads as itself). */
const readAs = (topic: string): string | null => {
  const query = readTopic(topic);
  return query.plain ? null : describeTopicQuery(query);
};

/** /subscribe: confirms, and shows how the topic would have matched what the library already holds. */
export async function subscribeReply(ctx: CommandContext, topic: string, minScore?: number): Promise<Reply> {
  const { subscription, resumed, preview } = await ctx.services.alerts.subscribe(scopeOf(ctx), topic, minScore, ctx.user.id);
  const { library } = ctx.services;
  const share = preview.totalArticles ? preview.matchingArticles / preview.totalArticles : 0;
  const verdict =
    preview.matchingArticles === 0
      ? 'No article in the library matches it yet, so it may be narrow: alerts fire when a matching one arrives. Fewer words or a lower min_score match more.'
      : share > 0.5 && preview.totalArticles >= 4
        ? 'That is more than half of the library: the topic is probably too broad. More words or a higher min_score match less.'
        : 'Alerts fire for new articles that are about it as much as these.';
  return {
    tone: 'info',
    title: `${resumed ? 'Resumed' : 'Subscribed'}: “${subscription.topic}”`,
    text: [
      ...(readAs(subscription.topic) ? [`Read as: ${readAs(subscription.topic)}.`] : []),
      `This channel gets an alert when a new article is about this topic: its words in the headline, the lead or many of the sentences (strictness ${percent(subscription.minScore)}: the share of the topic’s weight that must stand out). It would have matched ${preview.matchingArticles} of the ${preview.totalArticles} articles already in the library. ${verdict}`,
    ],
    quotes: preview.examples.map(({ article, reason, quote }) => {
      const span = quote ? library.indexFor(viewerOf(ctx)).sentence(quote.sentence) : undefined;
      return { text: span ? article.text.slice(span.start, span.end) : article.title, citation: `${citation({ ...article, articleId: article.id })} · ${reason}`, url: article.url };
    }),
    footer: '/subscriptions lists this channel’s topics · /unsubscribe stops one',
  };
}

export async function unsubscribeReply(ctx: CommandContext, topic: string): Promise<Reply> {
  const removed = await ctx.services.alerts.unsubscribe(scopeOf(ctx), topic);
  return removed ? notice('info', `This channel no longer follows “${removed.topic}”.`) : notice('warning', `This channel does not follow “${topic.slice(0, 100)}”. /subscriptions lists its topics.`);
}

export async function subscriptionsReply(ctx: CommandContext): Promise<Reply> {
  const rows = await ctx.services.alerts.list(scopeOf(ctx));
  if (rows.length === 0) return notice('info', 'This channel follows no topics. /subscribe adds one.', true);
  const { limits } = ctx.services.alerts;
  return {
    tone: 'info',
    title: `Topics followed here (${rows.length} of ${limits.topicsPerChannel})`,
    items: rows.map(({ subscription: s, waiting, failed, note }) => {
      const read = readAs(s.topic);
      const parts = [`“${s.topic}” (min ${percent(s.minScore)})`, ...(read ? [`read as: ${read}`] : []), `${counted(s.alertsSent, 'alert')} sent`];
      if (!s.lastFiredAt) parts.push('not fired yet');
      if (s.paused) parts.push(`PAUSED: ${s.paused.reason} (run /subscribe again to resume)`);
      if (waiting) parts.push(`${waiting} waiting${note ? ` (${note})` : ''}`);
      if (failed) parts.push(`${failed} could not be posted`);
      return s.lastFiredAt ? { at: s.lastFiredAt, label: 'last alert', text: parts.join(' · ') } : parts.join(' · ');
    }),
    footer: `Limits per channel: ${limits.topicsPerChannel} topics, ${limits.perHour} alerts an hour, ${limits.perDay} a day`,
  };
}
