import { citation } from './format';
import type { Reply } from '../reply';
import type { AlertMessage } from '../alerts/alertService';

/**
 * The alert posted in a channel: the article's title and link, why it
 * matched, then its best matching quotes; `readId` is the id of the button
 * that opens the whole article.
 */
export function alertReply({ subscription, article, quotes, score, reason, changed }: AlertMessage, readId: string): Reply {
  const cite = citation({ ...article, articleId: article.id });
  return {
    tone: 'info',
    title: article.title,
    url: article.url,
    // Deliveries recorded before reasons existed say their score instead.
    text: [
      `New article on “${subscription.topic}”: ${reason ?? `match ${Math.round(score * 100)}%`}`,
      ...(changed ? [changedNote(changed)] : []),
    ],
    quotes: quotes.map((q) => ({ text: article.text.slice(q.start, q.end), citation: cite, url: article.url })),
    footer: `Policy Desk alert · /article read id:${article.id} · /unsubscribe to stop`,
    buttons: [{ id: readId, label: 'Whole article' }],
  };
}

/** The article was replaced between matching and posting: the quotes shown are what it says now, and the reader is told some are missing. */
function changedNote({ lost, lead }: NonNullable<AlertMessage['changed']>): string {
  if (lead) return 'The article has changed since it matched and no longer holds the sentences that matched; its lead instead:';
  return `The article has changed since it matched: ${lost === 1 ? '1 matching sentence is' : `${lost} matching sentences are`} no longer in it.`;
}
