import { citation, page, pageFooter } from './format';
import { pageButtons } from './articles';
import type { Reply } from '../reply';
import type { Preview } from '../alerts/alertService';
import type { Subscription } from '../alerts/types';

/**
 * A page's lines: each holds a title of up to 300 characters and a reason line, so 8 stay well inside an
 * embed's 4,096 characters after escaping.
 */
export const MATCHES_PER_PAGE = 8;

/**
 * One page of every article already in the library that a topic would have
 * matched, best first, each by its title, date, source and why: the /subscribe
 * reply quotes the first three, and a newsroom tuning a topic needs the rest.
 * `pageId` gives a page's button id.
 */
export function previewMatchesReply(
  subscription: Subscription,
  preview: Preview,
  pageNumber: number,
  pageId: (page: number) => string,
): Reply {
  const strictness = `strictness ${Math.round(subscription.minScore * 100)}%`;
  if (preview.examples.length === 0)
    return { tone: 'info', text: [`No article in the library matches “${subscription.topic}” now (${strictness}).`], ephemeral: true };
  const shown = page(preview.examples, pageNumber, MATCHES_PER_PAGE);
  const first = (shown.page - 1) * MATCHES_PER_PAGE;
  return {
    tone: 'info',
    title: `“${subscription.topic}”: ${preview.matchingArticles} of the ${preview.totalArticles} articles would have matched`,
    // Numbered across pages, as the /subscribe reply numbers its first three.
    items: shown.items.map(({ article, reason }, i) => `${first + i + 1}. ${citation({ ...article, articleId: article.id })} · ${reason}`),
    footer: `${pageFooter(shown)} · ${strictness} · best first`,
    buttons: pageButtons(shown, pageId, 'Previous', 'Next'),
    ephemeral: true,
    replace: true,
  };
}
