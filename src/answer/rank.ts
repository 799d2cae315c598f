import type { Hit, SentenceIndex } from '../search/sentenceIndex';
import { SentenceIndex as Index } from '../search/sentenceIndex';
import { defaultScoring, type ScoringOptions } from '../search/scoring';
import { otherSpelling } from '../search/informalNames';
import { wordVectors, type WordVectors } from '../search/wordVectors';
import type { Article } from '../library/article';
import { rerank, rereads } from './rerank';

export interface RankOptions {
  limit?: number;
  articleId?: string;
  /** Only articles this accepts are searched (a date range). */
  allowArticle?: (article: Article) => boolean;
  scoring?: Partial<ScoringOptions>;
  /** Word vectors for related words; by default the shipped ones (loaded once, on first use). */
  vectors?: WordVectors;
  /** Rank the question only as typed, not also with its party names said the other way (informalNames.ts). */
  namesAsTyped?: boolean;
  /** Fill each hit's `features`, the unweighted evidence (RANKING_FEATURES): for fitting the weights, not for production. */
  explain?: boolean;
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
  // What plain news questions ask (askfix9; docs/quality.md): the holder beside the office's title ("Chancellor Gordon
  // Brown" for "who is the chancellor"), no "if they won" for "did they win", an amount for "how much", "X is…" for "what is X".
  officeBonus: 2,
  conditionalWeight: -2,
  countOnlyWeight: -1,
  subjectBonus: 1,
  rerankDepth: 30,
};

/**
 * The ranked sentences for a question, whatever their confidence (what the
 * eval measures): the index's ranking of the best `rerankDepth`, re-read
 * (rerank.ts) when the tuning asks for it. A question naming a party
 * informally ("tories") is ranked as typed and as the news may write
 * it ("Conservatives", src/search/informalNames.ts), each sentence at its
 * better score of the two.
 */
export function rankSentences(index: SentenceIndex<Article>, question: string, options: RankOptions = {}): Hit[] {
  const typed = rankAsWritten(index, question, options);
  const other = options.namesAsTyped ? undefined : otherSpelling(question);
  if (other === undefined) return typed;
  const best = new Map<number, Hit>();
  for (const hit of [...typed, ...rankAsWritten(index, other, options)]) {
    const seen = best.get(hit.sentence);
    if (!seen || hit.score > seen.score) best.set(hit.sentence, hit);
  }
  const merged = [...best.values()].sort((x, y) => y.score - x.score || x.sentence - y.sentence);
  return merged.slice(0, Math.max(0, options.limit ?? 10));
}

function rankAsWritten(index: SentenceIndex<Article>, question: string, options: RankOptions): Hit[] {
  const scoring = { ...defaultScoring, ...answerScoring, ...options.scoring };
  const limit = options.limit ?? 10;
  const query = Index.queryTerms(question);
  const searchOptions = {
    articleId: options.articleId,
    ...(options.allowArticle ? { allowArticle: options.allowArticle } : {}),
    scoring,
    explain: options.explain === true,
  };
  if (!rereads(scoring)) return index.search(query, { ...searchOptions, limit });
  const hits = index.search(query, { ...searchOptions, limit: Math.max(limit, scoring.rerankDepth) });
  const reranked = rerank(hits, scoring, {
    question,
    sentenceText: (sentence) => {
      const { article, start, end } = index.sentence(sentence);
      return { text: article.text, start, end };
    },
    vectors: scoring.relatedBonus !== 0 ? (options.vectors ?? wordVectors()) : undefined,
    weights: () => index.queryWeights(query, searchOptions),
  });
  return reranked.slice(0, Math.max(0, limit));
}
