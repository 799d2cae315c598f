import { termOf, tokens } from '../search/analyzer';
import { QuestionReader } from '../search/question';
import { RelatedWords } from '../search/related';
import { rereadText } from '../search/rereadText';
import type { ScoringOptions } from '../search/scoring';
import { REREAD_FEATURES_AT, type Hit } from '../search/sentenceIndex';
import type { WordVectors } from '../search/wordVectors';

/** Whether the options ask for any check that re-reads the best sentences' words. */
export function rereads(scoring: ScoringOptions): boolean {
  return scoring.answerTypeBonus !== 0 || scoring.phraseBonus !== 0 || scoring.noveltyBonus !== 0 || scoring.relatedBonus !== 0;
}

export interface Rereading {
  /** The question as typed: answer type and word pairs read its raw words, which the analyzer drops. */
  question: string;
  /** The text of a hit's sentence. */
  sentenceText: (sentence: number) => { text: string; start: number; end: number };
  /** Word vectors for related words; none, and related words give nothing. */
  vectors: WordVectors | undefined;
  /** Each question term's weight as the index scored it (SentenceIndex.queryWeights); asked only for related words. */
  weights: () => ReadonlyMap<string, number>;
}

/**
 * Re-reads the best few sentences the index ranked (the `rerankDepth` it was
 * asked for) for the evidence that needs their words: the kind of answer
 * the question asks for, the question's word pairs, words the question does
 * not have, and question words said with a related word. Adds each to the
 * hit's score (see src/search/DESIGN.md, "Scoring") and sorts again, best
 * first, equal scores in sentence order.
 */
export function rerank(hits: Hit[], scoring: ScoringOptions, { question, sentenceText, vectors, weights }: Rereading): Hit[] {
  const reader = new QuestionReader(question);
  let related: RelatedWords | undefined;
  if (scoring.relatedBonus !== 0 && vectors) {
    const weightOf = weights();
    related = new RelatedWords(tokens(question), vectors, (term) => weightOf.get(term) ?? 0, scoring.relatedThreshold);
  }
  const ranked = hits.map((hit) => ({ ...hit, ...(hit.features ? { features: [...hit.features] } : {}) }));
  for (const entry of ranked) {
    const { text: whole, start, end } = sentenceText(entry.sentence);
    const text = rereadText(whole, start, end);
    const words = tokens(text);
    const terms = words.map(termOf);
    const pairs = scoring.phraseBonus !== 0 ? reader.sharedPairs(words) : 0;
    const novelty = scoring.noveltyBonus !== 0 ? Math.log1p(reader.novelTerms(terms)) : 0;
    const offers = scoring.answerTypeBonus !== 0 && reader.offersAnswer(text) ? 1 : 0;
    const relatedMass = related ? related.mass(words, terms) : 0;
    entry.score +=
      scoring.phraseBonus * pairs + scoring.noveltyBonus * novelty + scoring.answerTypeBonus * offers + scoring.relatedBonus * relatedMass;
    // In RANKING_FEATURES' order: pairs, novelty, answerType, related.
    if (entry.features) entry.features.splice(REREAD_FEATURES_AT, 4, pairs, novelty, offers, relatedMass);
  }
  return ranked.sort((x, y) => y.score - x.score || x.sentence - y.sentence);
}
