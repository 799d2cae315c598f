import { citation } from './format';
import type { Reply } from '../reply';
import type { ScheduledDigestMessage } from '../alerts/alertService';
import { digestQuote } from '../alerts/digestSchedule';

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * One page of a daily or weekly digest (a subscription's `mode`): each
 * article of the period with its title, link and best quote. Not the burst
 * digest of alertDigest.ts, which gathers instant alerts that arrived at once.
 */
export function scheduledDigestReply({ scheduled }: ScheduledDigestMessage): Reply {
  const { subscription, mode, from, dueAt, page, pages, entries, more, total } = scheduled;
  const paging = pages > 1 ? ` (${page} of ${pages})` : '';
  return {
    tone: 'info',
    title: `${mode === 'daily' ? 'Daily' : 'Weekly'} digest: “${subscription.topic}”${paging}`,
    text:
      page === 1 ? [`${total} ${total === 1 ? 'article' : 'articles'} matched this topic from ${utc(from)} to ${utc(dueAt)}.`] : undefined,
    // The page plan (src/alerts/scheduledDigests.ts) weighed these same texts, so each page fits one message.
    quotes: entries.map(({ article, quote }) => ({
      text: digestQuote(quote ? article.text.slice(quote.start, quote.end) : article.title),
      citation: citation({ ...article, articleId: article.id }),
      url: article.url,
    })),
    footer: `${more > 0 ? `and ${more} more (/articles lists them) · ` : ''}Policy Desk ${mode} digest · /subscriptions shows the next · /unsubscribe to stop`,
  };
}
