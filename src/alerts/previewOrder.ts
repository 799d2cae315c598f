import type { Article } from '../library/article';

/** What the preview orders its examples by: a match's score, the evidence its reason states, and its article. */
interface Ranked {
  score: number;
  headline: number;
  carrying: number;
  article: Article;
}

/**
 * Best first for the /subscribe preview. Scores often tie at the top (1 for
 * every article with the topic in its headline), and by id alone the oldest
 * files came first, a story naming the topic once ahead of one about it:
 * among equal scores, more of the topic in the headline first, then more
 * sentences holding it, then the newest (undated last), then the id, so the
 * order is the same on every run.
 */
export function previewOrder(a: Ranked, b: Ranked): number {
  return (
    b.score - a.score ||
    b.headline - a.headline ||
    b.carrying - a.carrying ||
    (b.article.date ?? '').localeCompare(a.article.date ?? '') ||
    a.article.id.localeCompare(b.article.id)
  );
}
