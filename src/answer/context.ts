import type { Article } from '../library/article';

// Openings that point back at the previous sentence for who or what is meant.
const LEANS_BACK = /^(?:["“‘']?)(?:they|them|he|she|it|its|their|his|her|this|these|those|that|such|both|the two|the (?:ministry|minister|official|officials|department|agency|government|company|group|report|move|measure|deal|agreement|talks|plan|bill)\b|but|however|also|meanwhile|instead)\b/i;

/** The sentence before, when the quoted one cannot be understood without it. */
export function contextFor(article: Article, position: number): { text: string; start: number; end: number } | undefined {
  if (position === 0) return undefined;
  const span = article.sentences[position]!;
  if (!LEANS_BACK.test(article.text.slice(span.start, span.end))) return undefined;
  const previous = article.sentences[position - 1]!;
  return { text: article.text.slice(previous.start, previous.end), start: previous.start, end: previous.end };
}
