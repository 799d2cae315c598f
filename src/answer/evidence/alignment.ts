import { termOf, tokens } from '../../search/analyzer';
import type { WordVectors } from '../../search/wordVectors';

/**
 * How the question's words the sentence lacks line up with the sentence's own
 * words in meaning (the shipped word vectors). A missing word with a close
 * but different partner is a paraphrase in real queries ("siblings" and
 * "children") and a swapped word in SQuAD 2.0's near misses ("north" and
 * "south"); with no partner at all, the sentence is about something else.
 * The trees read these next to the other evidence to tell the two apart.
 */
export const ALIGNMENT_FEATURES = ['softCoverage', 'rarestMissingSimilarity', 'missingSimilarity', 'unaligned'] as const;

export type AlignmentEvidence = Record<(typeof ALIGNMENT_FEATURES)[number], number>;

/** Above this a word pair mostly shares meaning, below it mostly topic (as in src/search/related.ts). */
export const ALIGNED = 0.5;
/** Below this a missing word has no partner at all in the sentence. */
export const UNRELATED = 0.3;

/**
 * `weightOf` gives a question term its weight (its IDF). Without vectors, a
 * missing word counts as having no partner, as a word without a vector does.
 */
export function alignmentEvidence(
  question: string,
  sentence: string,
  weightOf: (term: string) => number,
  vectors: WordVectors | undefined,
): AlignmentEvidence {
  const questionWords = new Map<string, string>();
  for (const word of tokens(question)) {
    const term = termOf(word);
    if (term && !questionWords.has(term)) questionWords.set(term, word);
  }
  const sentenceTerms = new Set<string>();
  const partners: number[] = [];
  for (const word of tokens(sentence)) {
    const term = termOf(word);
    if (!term) continue;
    sentenceTerms.add(term);
    if (vectors && !questionWords.has(term)) {
      const id = vectors.id(word);
      if (id >= 0 && !partners.includes(id)) partners.push(id);
    }
  }
  let total = 0;
  let aligned = 0;
  let missingWeight = 0;
  let missingSimilarity = 0;
  let unaligned = 0;
  let rarest = -1;
  let rarestSimilarity = 1;
  for (const [term, word] of questionWords) {
    const weight = weightOf(term);
    total += weight;
    if (sentenceTerms.has(term)) {
      aligned += weight;
      continue;
    }
    let best = 0;
    const id = vectors ? vectors.id(word) : -1;
    if (vectors && id >= 0) {
      const unit = vectors.unit(id);
      for (const partner of partners) best = Math.max(best, vectors.similarityTo(unit, partner));
    }
    if (best >= ALIGNED) aligned += weight;
    if (best < UNRELATED) unaligned += weight;
    missingWeight += weight;
    missingSimilarity += weight * best;
    if (weight > rarest) {
      rarest = weight;
      rarestSimilarity = best;
    }
  }
  if (total === 0) return { softCoverage: 0, rarestMissingSimilarity: 1, missingSimilarity: 1, unaligned: 0 };
  return {
    softCoverage: aligned / total,
    rarestMissingSimilarity: rarestSimilarity,
    missingSimilarity: missingWeight === 0 ? 1 : missingSimilarity / missingWeight,
    unaligned: unaligned / total,
  };
}
