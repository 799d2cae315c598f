import type { Hit, SentenceIndex } from '../search/sentenceIndex';
import { SentenceIndex as Index } from '../search/sentenceIndex';
import type { ScoringOptions } from '../search/scoring';
import type { Article } from '../library/article';

export interface RankOptions {
  limit?: number;
  articleId?: string;
  /** Only articles this accepts are searched (a date range). */
  allowArticle?: (article: Article) => boolean;
  scoring?: Partial<ScoringOptions>;
}

/**
 * The production ranking: the one place its tuning lives. Chosen by
 * coordinate ascent on SQuAD (bench/tune.ts), then four weights refitted on
 * real queries (nq-qed-train) and the fit halves of SQuAD and PolicyQA
 * (bench/fitRanking.ts, checked on nq-qed-dev and the check halves); what
 * each part is worth is in src/search/DESIGN.md and docs/quality.md.
 */
export const answerScoring: Partial<ScoringOptions> = {
  // BM25 for sentences: little tf saturation (words rarely repeat), moderate length normalisation.
  k1: 0.3,
  b: 0.7,
  // Articles first: whole-article BM25 as a prior, and only the best 20 articles' sentences ranked.
  articlePrior: 12,
  articleK1: 0.8,
  articleB: 0.9,
  articleDepth: 20,
  articleIdfMix: 0.5,
  localIdf: true,
  matchBonus: 0.1,
  // Context: question words the sentence lacks but its neighbours in the paragraph have.
  neighbourWeight: 0.5,
  nextNeighbourWeight: 0.1,
  leanBackWeight: 0.2,
  // A paragraph's lead holds the answer more often than its later sentences (NQ, SQuAD and PolicyQA alike).
  depthWeight: -0.75,
  // Read from the question's raw words, on the best 30.
  answerTypeBonus: 2.5,
  phraseBonus: 0.8,
  noveltyBonus: 0.45,
  // Question words the sentence says with a related word (word vectors).
  relatedBonus: 0.4,
  relatedThreshold: 0.45,
  rerankDepth: 30,
};

/** The ranked sentences for a question, whatever their confidence (what the eval measures). */
export function rankSentences(index: SentenceIndex, question: string, options: RankOptions = {}): Hit[] {
  return index.search(Index.queryTerms(question), {
    limit: options.limit ?? 10,
    articleId: options.articleId,
    ...(options.allowArticle ? { allowArticle: options.allowArticle } : {}),
    scoring: { ...answerScoring, ...options.scoring },
    question,
  });
}
