import { prominences, weighted } from './aboutness';
import { isAbroadWord } from './abroad';
import type { ArticleEvidence } from './articleEvidence';
import type { Place } from './places';
import type { TopicTerm } from './topicTerms';

/**
 * A place abroad confirms a topic, it does not make one: a word for abroad
 * is said by its places only when the topic's other words are, on their own,
 * as prominent as min_score asks ("aid" in a quarter of the sentences at
 * 0.7). Otherwise any story naming a foreign country would carry the weight
 * of "overseas" (the rarer word) and fire "overseas aid" at 0.5 with no aid
 * in it. Such a word is then read as written, without its places.
 */
export function confirmedAbroad(
  evidence: ArticleEvidence,
  terms: readonly TopicTerm[],
  weights: readonly number[],
  minScore: number,
  home?: ReadonlySet<Place>,
): readonly TopicTerm[] {
  const abroad = terms.map((t) => t.members.length > 0 && isAbroadWord(t.word));
  if (!abroad.includes(true)) return terms;
  const others = terms.filter((_, i) => !abroad[i]);
  const rest = others.length
    ? weighted(
        prominences(evidence, others, home),
        weights.filter((_, i) => !abroad[i]),
      )
    : 0;
  return rest >= minScore ? terms : terms.map((t, i) => (abroad[i] ? { ...t, members: [] } : t));
}
