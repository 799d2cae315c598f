import { type Lexicon, lexicon } from './lexicon';

/**
 * Evidence from word relations about the best sentence, for the confidence
 * (src/answer/confidence.ts):
 * - antonymSwap: the question's weight in words the sentence lacks while
 *   saying their opposite ("smallest" against "largest", "death" against
 *   "birth"): SQuAD 2.0's unanswerable questions were often written that way;
 * - wordSwap: the same for the small words the analyzer drops as stop words
 *   ("before"/"after", "more"/"less"), which WordNet does not relate;
 * - familyCovers, synonymCovers: the question's weight in words the sentence
 *   lacks but says in another form ("inventor" for "invented") or another
 *   word ("writer" for "author"), which coverage counts as missing;
 * - missingUnrelated: the largest weight of a question word the sentence
 *   says in no form at all (missingRarest, forgiving paraphrase);
 * - lexicalCoverage: the question's weight the sentence says in any form
 *   (coverage, forgiving paraphrase), as one number the trees can split on.
 */
export const LEXICAL_FEATURES = [
  'antonymSwap',
  'wordSwap',
  'familyCovers',
  'synonymCovers',
  'missingUnrelated',
  'lexicalCoverage',
] as const;

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
  let antonymSwap = 0;
  let familyCovers = 0;
  let synonymCovers = 0;
  let missingUnrelated = 0;
  let present = 0;
  questionTerms.forEach((term, i) => {
    const share = weights[i]! / total;
    if (sentenceTerms.has(term)) {
      present += share;
      return;
    }
    // An opposite the question itself names ("won or lost") is no swap.
    if (said(words.antonyms.get(term), true)) antonymSwap += share;
    if (said(words.family.get(term), false)) familyCovers += share;
    else if (said(words.synonyms.get(term), false)) synonymCovers += share;
    else missingUnrelated = Math.max(missingUnrelated, share);
  });
  const questionWords = new Set(questionTokens);
  let wordSwap = 0;
  for (const token of questionWords) {
    if (sentenceTokens.has(token)) continue;
    if (opposites.get(token)?.some((other) => sentenceTokens.has(other) && !questionWords.has(other))) wordSwap = 1;
  }
  const lexicalCoverage = Math.min(1, present + familyCovers + synonymCovers);
  return { antonymSwap, wordSwap, familyCovers, synonymCovers, missingUnrelated, lexicalCoverage };
}
