import { ask } from '../src/answer/ask';
import type { Article } from '../src/library/article';
import { rankSentences } from '../src/answer/rank';
import type { SentenceIndex } from '../src/search/sentenceIndex';
import { type Dataset, type EvalQuestion, type Half, halfOf, isCorrect } from './dataset';
import { auroc, figures, firstCorrectRank } from './metrics';

export type Protocol = 'open' | 'in-doc';

/** What one question got, for the figures and for `--by-question` error analysis. */
export interface QuestionRecord {
  id: string;
  question: string;
  documentId: string;
  answerable: boolean;
  tier: string;
  answered: boolean;
  confidence: number;
  /** What ask() quoted first or, when it quoted nothing, the sentence it ranked first (the decision ignored). */
  firstQuote: { articleId: string; start: number; end: number; text: string } | null;
  /** The first quote overlaps a gold span (always false for an unanswerable question). */
  correct: boolean;
  /** Rank of the first correct sentence among the ranked ten, 0 when none. */
  rank: number;
}

export interface UserFigures {
  dataset: string;
  protocol: Protocol;
  questions: number;
  unanswerable: number;
  p1: number;
  mrr10: number;
  recall5: number;
  noAnswer: number;
  top1: number;
  declinedAnswerable: number;
  declinedUnanswerable: number | null;
  precisionAnswered: number;
  confidenceAuroc: number;
}

export interface EvalOptions {
  protocol: Protocol;
  limit?: number;
  /** Only the questions on documents of this half (see halfOf). */
  half?: Half;
  minConfidence?: number;
}

export function askAll(index: SentenceIndex<Article>, dataset: Dataset, options: EvalOptions): QuestionRecord[] {
  const keep = (q: { documentId: string }) => options.half === undefined || halfOf(q.documentId) === options.half;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const all = [...dataset.questions.filter(keep).slice(0, limit), ...dataset.unanswerable.filter(keep).slice(0, limit)];
  return all.map((q) => {
    const articleId = options.protocol === 'in-doc' ? q.documentId : undefined;
    const answerable = 'spans' in q;
    const hits = rankSentences(index, q.question, { limit: 10, articleId });
    const located = hits.map((hit) => index.sentence(hit.sentence));
    const rank = answerable ? firstCorrectRank(located.map((s) => isCorrect(q as EvalQuestion, s.article.id, s.start, s.end))) : 0;
    const answer = ask(index, q.question, { articleId, minConfidence: options.minConfidence });
    const quote = answer.quotes[0];
    const top = located[0];
    const firstQuote = quote
      ? { articleId: quote.articleId, start: quote.start, end: quote.end, text: quote.text }
      : top
        ? { articleId: top.article.id, start: top.start, end: top.end, text: top.article.text.slice(top.start, top.end) }
        : null;
    const correct =
      answerable && firstQuote !== null && isCorrect(q as EvalQuestion, firstQuote.articleId, firstQuote.start, firstQuote.end);
    const tier = answer.answered ? 'answer' : answer.quotes.length > 0 ? 'uncertain' : 'none';
    return {
      id: q.id,
      question: q.question,
      documentId: q.documentId,
      answerable,
      tier: (answer as { tier?: string }).tier ?? tier,
      answered: answer.answered,
      confidence: answer.confidence,
      firstQuote,
      correct,
      rank,
    };
  });
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function summarise(dataset: string, protocol: Protocol, records: QuestionRecord[]): UserFigures {
  const answerable = records.filter((r) => r.answerable);
  const unanswerable = records.filter((r) => !r.answerable);
  const answered = records.filter((r) => r.answered);
  return {
    dataset,
    protocol,
    ...figures(answerable.map((r) => r.rank)),
    unanswerable: unanswerable.length,
    noAnswer: share(answerable.filter((r) => !r.answered).length, answerable.length),
    top1: share(answerable.filter((r) => r.correct).length, answerable.length),
    declinedAnswerable: share(answerable.filter((r) => !r.answered).length, answerable.length),
    declinedUnanswerable: unanswerable.length === 0 ? null : share(unanswerable.filter((r) => !r.answered).length, unanswerable.length),
    precisionAnswered: share(answered.filter((r) => r.correct).length, answered.length),
    confidenceAuroc: auroc(
      records.map((r) => r.confidence),
      records.map((r) => r.correct),
    ),
  };
}

export const TABLE_HEAD = [
  '| dataset | protocol | questions | unanswerable | P@1 | MRR@10 | R@5 | top1 | declined answerable | declined unanswerable | precision answered | AUROC |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
].join('\n');

export function tableRow(f: UserFigures, label = ''): string {
  const x = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : v.toFixed(3));
  return `| ${f.dataset}${label} | ${f.protocol} | ${f.questions} | ${f.unanswerable} | ${x(f.p1)} | ${x(f.mrr10)} | ${x(f.recall5)} | ${x(f.top1)} | ${x(f.declinedAnswerable)} | ${x(f.declinedUnanswerable)} | ${x(f.precisionAnswered)} | ${x(f.confidenceAuroc)} |`;
}

export const TIER_HEAD = [
  '| dataset | protocol | tier | questions | answerable | first quote right | unanswerable |',
  '|---|---|---|---:|---:|---:|---:|',
].join('\n');

/**
 * What each tier held: how often the first quote shown as the answer or as uncertain was right, and how many
 * right passages a `none` hid (the sentence ranked first is recorded when nothing is quoted).
 */
export function tierRows(dataset: string, protocol: Protocol, records: QuestionRecord[], label = ''): string {
  return (['answer', 'uncertain', 'none'] as const)
    .map((tier) => {
      const held = records.filter((r) => r.tier === tier);
      const answerable = held.filter((r) => r.answerable);
      const right = answerable.filter((r) => r.correct).length;
      const share = answerable.length === 0 ? '–' : (right / answerable.length).toFixed(3);
      return `| ${dataset}${label} | ${protocol} | ${tier} | ${held.length} | ${answerable.length} | ${right} (${share}) | ${held.length - answerable.length} |`;
    })
    .join('\n');
}
