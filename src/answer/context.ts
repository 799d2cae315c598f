import type { Article } from '../library/article';
import { POINTING_ALTERNATIVES } from '../search/pointsBack';

// Openings that point back at the previous sentence for who or what is meant: the words that point back, a
// definite "the ministry" named before, or a word that carries on from it ("But", "Meanwhile").
const LEANS_BACK = new RegExp(
  `^(?:["“‘']?)(?:${POINTING_ALTERNATIVES}|the (?:ministry|minister|official|officials|department|agency|government|company|group|report|move|measure|deal|agreement|talks|plan|bill)\\b|but|however|also|meanwhile|instead)\\b`,
  'i',
);

/** The sentence before, when the quoted one cannot be understood without it. */
export function contextFor(article: Article, position: number): { text: string; start: number; end: number } | undefined {
  if (position === 0) return undefined;
  const span = article.sentences[position]!;
  if (!LEANS_BACK.test(article.text.slice(span.start, span.end))) return undefined;
  const previous = article.sentences[position - 1]!;
  return { text: article.text.slice(previous.start, previous.end), start: previous.start, end: previous.end };
}
