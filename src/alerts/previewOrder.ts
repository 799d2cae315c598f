import type { Article } from '../library/article';

/** What the preview orders its examples by: a match's score and reason (aboutness.ts reasonFor) and its article. */
interface Ranked {
  score: number;
  reason: string;
  article: Article;
}

// Read from the reason line so the order follows the evidence a subscriber is shown, not another reckoning of it.
const HEADLINE = /\b(?:is|are) in the headline\b/;
const CARRYING = /\bin (\d+) of \d+ sentences?\b/;

/** 2 with the topic (or a name for it) in the headline, 1 with most of it, else 0. */
function headlineRank(reason: string): number {
  if (reason.startsWith('most of the topic is in the headline')) return 1;
  return HEADLINE.test(reason) ? 2 : 0;
}

const carrying = (reason: string): number => Number(CARRYING.exec(reason)?.[1] ?? 0);

/**
 * Best first for the /subscribe preview. Scores often tie at the top (1 for
 * every article with the topic in its headline), and by id alone the oldest
 * files came first, a story naming the topic once ahead of one about it:
 * among equal scores, the topic in the headline first, then more sentences
 * holding it, then the newest (undated last), then the id, so the order is
 * the same on every run.
 */
export function previewOrder(a: Ranked, b: Ranked): number {
  return (
    b.score - a.score ||
    headlineRank(b.reason) - headlineRank(a.reason) ||
    carrying(b.reason) - carrying(a.reason) ||
    (b.article.date ?? '').localeCompare(a.article.date ?? '') ||
    a.article.id.localeCompare(b.article.id)
  );
}
