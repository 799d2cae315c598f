import type { Hit, SentenceIndex } from '../src/search/sentenceIndex';
import type { Article } from '../src/library/article';
import { rankSentences } from '../src/answer/rank';
import type { ScoringOptions } from '../src/search/scoring';
import { type Dataset, type EvalQuestion, isCorrect } from './dataset';
import { type Figures, figures, firstCorrectRank } from './metrics';

export type Protocol = 'open' | 'in-doc';

/** Rank of the first correct sentence among the top 10 (0 when none) for each question. */
export function ranksOf(
  index: SentenceIndex<Article>,
  questions: EvalQuestion[],
  protocol: Protocol,
  scoring?: Partial<ScoringOptions>,
): number[] {
  return questions.map((q) => {
    const hits: Hit[] = rankSentences(index, q.question, {
      limit: 10,
      articleId: protocol === 'in-doc' ? q.documentId : undefined,
      scoring,
    });
    return firstCorrectRank(
      hits.map((hit) => {
        const s = index.sentence(hit.sentence);
        return isCorrect(q, s.article.id, s.start, s.end);
      }),
    );
  });
}

export function quality(
  index: SentenceIndex<Article>,
  dataset: Dataset,
  protocol: Protocol,
  scoring?: Partial<ScoringOptions>,
  questions = dataset.questions,
): Figures {
  return figures(ranksOf(index, questions, protocol, scoring));
}
