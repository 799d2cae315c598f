import { type Lexicon, lexicon } from './lexicon';

/**
 * Evidence from word relations about the best sentence, for the confidence
 * (src/answer/confidence.ts):
 * - opposite: the sentence lacks a question word and says its opposite
 *   instead ("smallest" against "largest", "sold" against "bought", "before"
 *   against "after"): SQuAD 2.0's unanswerable questions were often written
 *   that way, and such a first quote is right about one time in twenty;
 * - familyCovers: the question's weight in words the sentence lacks but says
 *   in another form ("inventor" for "invented", "death" for "died");
 * - lexicalCoverage: the question's weight the sentence says in any form or
 *   by a synonym ("writer" for "author"), less the weight of the words it
 *   contradicts: coverage, forgiving paraphrase and counting opposites
 *   against, as one number the trees can split on.
 * Measured and dropped (src/search/DESIGN.md): the antonyms' and the small
 * words' evidence apart, the weight covered by synonyms alone, and the
 * largest weight said in no form.
 */
export const LEXICAL_FEATURES = ['opposite', 'familyCovers', 'lexicalCoverage'] as const;

export type LexicalFeatures = Record<(typeof LEXICAL_FEATURES)[number], number>;

// Opposites among stop words, as tokens.
const OPPOSITE_WORDS: [string, string][] = [
  ['before', 'after'],
  ['more', 'less'],
  ['more', 'fewer'],
  ['most', 'least'],
  ['above', 'below'],
  ['over', 'under'],
  ['up', 'down'],
  ['with', 'without'],
  ['inside', 'outside'],
  ['into', 'out'],
  ['first', 'last'],
  ['always', 'never'],
  ['all', 'none'],
];
const opposites = new Map<string, string[]>();
for (const [a, b] of OPPOSITE_WORDS) {
  opposites.set(a, [...(opposites.get(a) ?? []), b]);
  opposites.set(b, [...(opposites.get(b) ?? []), a]);
}

/**
 * questionTerms: the question's distinct terms, with their weights (summing
 * to `total`); the sentence's terms and tokens; the question's tokens.
 */
export function lexicalFeatures(
  questionTerms: readonly string[],
  weights: readonly number[],
  sentenceTerms: ReadonlySet<string>,
  questionTokens: readonly string[],
  sentenceTokens: ReadonlySet<string>,
  words: Lexicon = lexicon(),
): LexicalFeatures {
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  const asked = new Set(questionTerms);
  const said = (related: readonly string[] | undefined, notAsked: boolean) =>
    related?.some((term) => sentenceTerms.has(term) && !(notAsked && asked.has(term))) ?? false;
  let opposed = 0;
  let familyCovers = 0;
  let synonymCovers = 0;
  let present = 0;
  questionTerms.forEach((term, i) => {
    const share = weights[i]! / total;
    if (sentenceTerms.has(term)) {
      present += share;
      return;
    }
    // An opposite the question itself names ("won or lost") is no swap.
    if (said(words.antonyms.get(term), true)) opposed += share;
    if (said(words.family.get(term), false)) familyCovers += share;
    else if (said(words.synonyms.get(term), false)) synonymCovers += share;
  });
  const questionWords = new Set(questionTokens);
  let oppositeWord = false;
  for (const token of questionWords) {
    if (sentenceTokens.has(token)) continue;
    if (opposites.get(token)?.some((other) => sentenceTokens.has(other) && !questionWords.has(other))) oppositeWord = true;
  }
  // A stop word has no weight of its own; it counts as an average question word.
  if (oppositeWord) opposed += 1 / Math.max(1, questionTerms.length);
  return {
    opposite: opposed > 0 ? 1 : 0,
    familyCovers,
    lexicalCoverage: Math.max(0, Math.min(1, present + familyCovers + synonymCovers) - opposed),
  };
}
