import { citation, counted } from './format';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { describeTopicQuery, readTopic } from '../alerts/topicQuery';
import type { Subscription } from '../alerts/types';
import type { AlertService, Preview } from '../alerts/alertService';
const percent = (x: number) => `${Math.round(x * 100)}%`;
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const hourUtc = (hour: number) => `${String(hour).padStart(2, '0')}:00 UTC`;

/** How the subscription's matches reach the channel, in a few words. */
function modeWords(s: Subscription, hour: number): string {
  if (s.mode === 'daily') return `daily digest at ${hourUtc(hour)}`;
  if (s.mode === 'weekly') return `weekly digest on Mondays at ${hourUtc(hour)}`;
  return 'instant';
}
/** How the query language read a topic, for topics that use it (a plain topic reads as itself). */
const readAs = (topic: string): string | null => {
  const query = readTopic(topic);
  return query.plain ? null : describeTopicQuery(query);
};

/** What the reply says about threads, when the subscription asked for one or has one. */
function threadLine(s: { thread?: boolean; threadNote?: string }): string | null {
  if (s.thread)
    return `Each alert opens a public thread named after the article, for discussing it.${s.threadNote ? ` (Note: ${s.threadNote}.)` : ''}`;
  if (s.threadNote)
    return `Alerts are posted without a thread: ${s.threadNote}.${s.threadNote.includes('permission') ? ' Give the bot that permission here, then run /subscribe again with thread:true.' : ''}`;
  return null;
}

type Limits = AlertService['limits'];

/**
 * /subscribe: confirms, and shows how the topic would have matched what the
 * library already holds; `quoteOf` gives an example's best sentence.
 */
export function subscribedReply(
  { subscription, resumed, preview }: { subscription: Subscription; resumed: boolean; preview: Preview },
  nextDigest: string | null,
  limits: Limits,
  quoteOf: (example: Preview['examples'][number]) => string | undefined,
  allId?: string,
): Reply {
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
      `${nextDigest ? `This channel gets a ${modeWords(subscription, limits.digestHour)} listing the new articles about this topic (title, link and best quote each; nothing when none matched), the next at ${utc(nextDigest)}. An article is about it when it has` : 'This channel gets an alert when a new article is about this topic:'} its words in the headline, the lead or many of the sentences (strictness ${percent(subscription.minScore)}: the share of the topic’s weight that must stand out). It would have matched ${preview.matchingArticles} of the ${preview.totalArticles} articles already in the library. ${verdict}`,
      ...(threadLine(subscription) ? [threadLine(subscription)!] : []),
    ],
    // A headline is the article's title, not a quote of it: an example with no body sentence to quote is listed by its title.
    quotes: preview.examples.flatMap((example) => {
      const text = quoteOf(example);
      return text
        ? [
            {
              text,
              citation: `${citation({ ...example.article, articleId: example.article.id })} · ${example.reason}`,
              url: example.article.url,
            },
          ]
        : [];
    }),
    ...(untitled(preview, quoteOf).length ? { items: untitled(preview, quoteOf) } : {}),
    // The reply shows the first few; a newsroom tuning the topic needs the whole list, a press away.
    ...(allId && preview.matchingArticles > preview.examples.length
      ? { buttons: [{ id: allId, label: `All ${preview.matchingArticles} matches` }] }
      : {}),
    footer: '/subscriptions lists this channel’s topics · /unsubscribe stops one',
  };
}

/** The preview's examples that have no body sentence to quote, each as its title, date, source and reason. */
function untitled(preview: Preview, quoteOf: (example: Preview['examples'][number]) => string | undefined): string[] {
  return preview.examples
    .filter((example) => !quoteOf(example))
    .map((example) => `${citation({ ...example.article, articleId: example.article.id })} · ${example.reason}`);
}

export function unsubscribedReply(removed: Subscription | undefined, topic: string): Reply {
  return removed
    ? notice('info', `This channel no longer follows “${removed.topic}”.`)
    : notice('warning', `This channel does not follow “${topic.slice(0, 100)}”. /subscriptions lists its topics.`);
}

export function subscriptionsReply(rows: Awaited<ReturnType<AlertService['list']>>, limits: Limits): Reply {
  if (rows.length === 0) return notice('info', 'This channel follows no topics. /subscribe adds one.', true);
  return {
    tone: 'info',
    title: `Topics followed here (${rows.length} of ${limits.topicsPerChannel})`,
    items: rows.map(({ subscription: s, waiting, failed, note, collected, nextDigestAt, digestWaiting }) => {
      // An instant topic's line reads as it did before modes; the footer says that the others are instant.
      const read = readAs(s.topic);
      // The topic opens every line, with a time or without, so the list reads down one column.
      const subject = `“${s.topic}” (min ${percent(s.minScore)}${nextDigestAt ? `, ${modeWords(s, limits.digestHour)}` : ''})${read ? ` · read as: ${read}` : ''}`;
      const parts: string[] = [];
      if (nextDigestAt) {
        parts.push(`${counted(s.digestsSent ?? 0, 'digest')} sent`, `${counted(collected, 'article')} collected`);
        if (s.lastFiredAt) parts.push(`last ${utc(s.lastFiredAt)}`);
        if (digestWaiting) parts.push(`a digest waits (${digestWaiting})`);
      } else {
        parts.push(`${counted(s.alertsSent, 'alert')} sent`);
        if (!s.lastFiredAt) parts.push('not fired yet');
      }
      if (s.thread) parts.push(s.threadNote ? `alerts open a thread (${s.threadNote})` : 'alerts open a thread');
      else if (s.threadNote) parts.push(`no thread: ${s.threadNote}`);
      if (s.paused) parts.push(`PAUSED: ${s.paused.reason} (run /subscribe again to resume)`);
      if (waiting) parts.push(`${waiting} waiting${note ? ` (${note})` : ''}`);
      if (failed) parts.push(`${failed} could not be posted`);
      // One time per line is shown in the reader's zone: a digest's next one, an instant topic's last alert.
      if (nextDigestAt) return { subject, at: nextDigestAt, label: 'next digest', text: parts.join(' · ') };
      return s.lastFiredAt ? { subject, at: s.lastFiredAt, label: 'last alert', text: parts.join(' · ') } : [subject, ...parts].join(' · ');
    }),
    footer: `${rows.some((r) => r.nextDigestAt) ? 'Topics without a digest alert instantly · ' : ''}Limits per channel: ${limits.topicsPerChannel} topics, ${limits.perHour} alerts an hour, ${limits.perDay} a day`,
  };
}
