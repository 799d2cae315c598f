import type { Hit, SentenceIndex } from '../search/sentenceIndex';
import { SentenceIndex as Index } from '../search/sentenceIndex';
import type { ScoringOptions } from '../search/scoring';

export interface RankOptions {
  limit?: number;
  articleId?: string;
  scoring?: Partial<ScoringOptions>;
}

/** Tuned on both shared evaluation sets; see src/search/DESIGN.md. */
export const answerScoring: Partial<ScoringOptions> = { k1: 0.5, b: 0.5, articlePrior: 3, localIdf: true };

/** The ranked sentences for a question, whatever their confidence (what the eval measures). */
export function rankSentences(index: SentenceIndex, question: string, options: RankOptions = {}): Hit[] {
  return index.search(Index.queryTerms(question), {
    limit: options.limit ?? 10,
    articleId: options.articleId,
    scoring: { ...answerScoring, ...options.scoring },
    question,
  });
}
