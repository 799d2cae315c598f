import type { SentenceIndex } from '../search/sentenceIndex';
import { SentenceIndex as Index } from '../search/sentenceIndex';
import { contextFor } from './context';
import { rankSentences } from './rank';
import { terms } from '../search/analyzer';
import { calibratedConfidence, confidenceFeatures } from './confidence';
import type { Answer, Citation, Quote } from './types';
import type { Article } from '../library/article';
import { smallTalk } from './smallTalk';

export interface AskOptions {
  /** Quotes to return (default 3). */
  limit?: number;
  articleId?: string;
  /** Only articles this accepts are quoted or suggested (a date range); word statistics stay library-wide. */
  allowArticle?: (article: Article) => boolean;
  /** Below this confidence the quotes are offered as uncertain, not as the answer (default DEFAULT_MIN_CONFIDENCE). */
  minConfidence?: number;
}

export const DEFAULT_MIN_CONFIDENCE = 0.2;
/**
 * Below this share of the question's weight in the best sentence, nothing
 * relevant was found: no quotes at all, rather than uncertain ones.
 */
export const RELEVANCE_FLOOR = 0.25;
/** Longer questions are refused politely: a question is a sentence or two, not a document. */
export const MAX_QUESTION_CHARS = 1000;
// A quote far below the best one is noise next to it, not more evidence.
const RELATIVE_FLOOR = 0.5;

export function citationOf(article: Article): Citation {
  return { articleId: article.id, title: article.title, date: article.date, source: article.source, url: article.url };
}

function suggestionsFor(index: SentenceIndex<Article>, hits: { sentence: number }[], allow?: (article: Article) => boolean): string[] {
  const titles = new Set<string>();
  for (const hit of hits) titles.add(index.sentence(hit.sentence).article.title);
  if (titles.size === 0)
    for (const article of index
      .articles()
      .filter((a) => !allow || allow(a))
      .slice(0, 3))
      titles.add(article.title);
  return [...titles].slice(0, 3);
}

/** The library's latest article by date (the first one when none is dated), to build an example question from. */
function latestTitle(index: SentenceIndex<Article>, allow?: (article: Article) => boolean): string[] {
  let latest: Article | undefined;
  for (const article of index.articles()) {
    if (allow && !allow(article)) continue;
    if (!latest || (article.date !== null && (latest.date === null || article.date > latest.date))) latest = article;
  }
  return latest ? [latest.title] : [];
}

// Mentions and channel links say who is asked, not what: they are not search words.
const MENTIONS = /<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/gi;

/** The text without its mentions and channel links. */
export const withoutMentions = (text: string): string => text.replace(MENTIONS, ' ');

/**
 * Whether a text has a word to search for (mentions, conversational filler and small talk aside). Without one it
 * is not a question ("?", emoji, "@everyone what's up", "thanks!"): it gets no answer to vote on, and /report
 * counts it apart.
 */
export function hasSearchWords(text: string): boolean {
  const plain = withoutMentions(text);
  return smallTalk(plain) === undefined && Index.queryTerms(plain).length > 0;
}

// A capitalised word after the first one is usually a name: "Brazil", "Kishida", "CPTPP".
const NAME = /(?<=\S\s+)\p{Lu}[\p{L}\p{N}'’-]*/gu;

/**
 * A name in the question that no article mentions. Such a question is about
 * something the library does not cover, however well its other words match
 * ("What is the capital of Brazil?" against an article about a capital).
 */
export function unknownName(index: SentenceIndex<Article>, question: string): string | undefined {
  for (const [word] of question.matchAll(NAME)) {
    const [term] = terms(word);
    if (term !== undefined && index.idf(term) === 0) return word;
  }
  return undefined;
}

export function ask(index: SentenceIndex<Article>, rawQuestion: string, options: AskOptions = {}): Answer {
  const limit = options.limit ?? 3;
  const question = withoutMentions(rawQuestion);
  const base = { question: rawQuestion, tier: 'none' as const, suggestions: [] as string[], quotes: [] as Quote[], confidence: 0 };
  if (!question.trim()) return { ...base, answered: false, reason: 'empty', suggestions: latestTitle(index, options.allowArticle) };
  if (rawQuestion.length > MAX_QUESTION_CHARS) return { ...base, answered: false, reason: 'too-long' };
  if (options.articleId !== undefined && !index.has(options.articleId)) {
    return { ...base, answered: false, reason: 'unknown-article', suggestions: suggestionsFor(index, [], options.allowArticle) };
  }
  // The latest title gives small talk an example question, as it does an empty one.
  if (smallTalk(question)) return { ...base, answered: false, reason: 'small-talk', suggestions: latestTitle(index, options.allowArticle) };
  if (!hasSearchWords(question)) return { ...base, answered: false, reason: 'no-terms' };
  const missing = unknownName(index, question);
  if (missing)
    return {
      ...base,
      answered: false,
      reason: 'no-match',
      unknownName: missing,
      suggestions: suggestionsFor(index, [], options.allowArticle),
    };
  const hits = rankSentences(index, question, {
    limit: Math.max(limit, 5),
    articleId: options.articleId,
    allowArticle: options.allowArticle,
  });
  const best = hits[0];
  // No sentence shares a word with the question: no article speaks of it. Some do, but too little of it: nothing close enough.
  if (!best || best.coverage < RELEVANCE_FLOOR)
    return {
      ...base,
      answered: false,
      reason: best ? 'not-close' : 'no-match',
      suggestions: suggestionsFor(index, hits, options.allowArticle),
    };
  const confidence = calibratedConfidence(confidenceFeatures(index, question, hits, options.articleId !== undefined));
  const quotes = hits
    .filter((hit) => hit.score >= best.score * RELATIVE_FLOOR)
    .slice(0, limit)
    .map((hit): Quote => {
      const { article, index: position, start, end } = index.sentence(hit.sentence);
      return {
        ...citationOf(article),
        text: article.text.slice(start, end),
        start,
        end,
        score: hit.score,
        context: contextFor(article, position),
      };
    });
  if (confidence < (options.minConfidence ?? DEFAULT_MIN_CONFIDENCE)) {
    return {
      ...base,
      tier: 'uncertain',
      confidence,
      quotes,
      answered: false,
      reason: 'weak',
      suggestions: suggestionsFor(index, hits, options.allowArticle),
    };
  }
  return { ...base, tier: 'answer', answered: true, confidence, quotes };
}
