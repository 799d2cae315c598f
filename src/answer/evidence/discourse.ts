import { terms } from '../../search/analyzer';
import { withoutFiller } from '../../search/question';

/**
 * How the sentence leans on what comes before it. In Natural Questions, the
 * right sentence often names its subject only as "It" or "He" (the article's
 * title or lead says who), so it lacks the question's topic words while the
 * title has them. A wrong first quote opens with a pronoun more than twice as
 * often as a right one (18 % against 7 %), often going on about something
 * next to what the question asks (docs/quality.md, round 4).
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
  for (const term of new Set(terms(withoutFiller(question)))) {
    const weight = weightOf(term);
    total += weight;
    if (!sentenceTerms.has(term) && titleTerms.has(term)) inTitle += weight;
  }
  return {
    pronounStart: POINTS_BACK.test(sentence) ? 1 : 0,
    titleCovers: total === 0 ? 0 : inTitle / total,
  };
}
