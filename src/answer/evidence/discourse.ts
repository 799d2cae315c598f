import { terms } from '../../search/analyzer';

/**
 * How the sentence leans on what comes before it. In Natural Questions, the
 * right sentence often names its subject only as "It" or "He" (the article's
 * title or lead says who), so it lacks the question's topic words while the
 * title has them; a wrong first quote opens with a pronoun twice as often as
 * a right one (18 % against 8 %), because it continues about someone the
 * question does not ask for.
 */
export const DISCOURSE_FEATURES = ['pronounStart', 'titleCovers'] as const;

export type DiscourseEvidence = Record<(typeof DISCOURSE_FEATURES)[number], number>;

const POINTS_BACK = /^\W*(?:he|she|it|they|his|her|its|their|this|these|those|the latter|the former)\b/i;

/** `weightOf` gives a question term its weight (its IDF). */
export function discourseEvidence(
  question: string,
  sentence: string,
  title: string,
  weightOf: (term: string) => number,
): DiscourseEvidence {
  const sentenceTerms = new Set(terms(sentence));
  const titleTerms = new Set(terms(title));
  let total = 0;
  let inTitle = 0;
  for (const term of new Set(terms(question))) {
    const weight = weightOf(term);
    total += weight;
    if (!sentenceTerms.has(term) && titleTerms.has(term)) inTitle += weight;
  }
  return {
    pronounStart: POINTS_BACK.test(sentence) ? 1 : 0,
    titleCovers: total === 0 ? 0 : inTitle / total,
  };
}
