export interface Citation {
  articleId: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
}

export interface Quote extends Citation {
  /** Exactly article.text.slice(start, end). */
  text: string;
  start: number;
  end: number;
  score: number;
  /** The sentence before, when the quote leans on it ("They also discussed…"). */
  context?: { text: string; start: number; end: number };
}

/**
 * no-match: no article uses the question's words (or a name in it); not-close: some sentences share words
 * with it, but none holds enough of it to quote; small-talk: thanks or a greeting, not a question.
 */
export type NoAnswerReason = 'empty' | 'too-long' | 'no-terms' | 'small-talk' | 'no-match' | 'not-close' | 'weak' | 'unknown-article';

/**
 * answer: the quotes answer the question; uncertain: the closest passages,
 * which may not answer it; none: nothing relevant.
 */
export type Tier = 'answer' | 'uncertain' | 'none';

export interface Answer {
  question: string;
  tier: Tier;
  /** True only for the tier `answer`. */
  answered: boolean;
  /** 0..1: the fitted chance that the first quote answers the question (src/answer/confidence.ts); 0 for `none`. */
  confidence: number;
  /** The quotes for `answer`, the closest passages for `uncertain`, empty for `none`. */
  quotes: Quote[];
  /** Why there is no answer, when there is none. */
  reason?: NoAnswerReason;
  /** A name in the question that no article mentions, when that is why. */
  unknownName?: string;
  /** Words of the question no article uses, searched as the library's word they most likely meant (src/search/spelling.ts). */
  respelt?: { typed: string; word: string }[];
  /** Closest article titles, offered when there is no good answer; for `empty` and `small-talk`, the latest article's, to build an example from. */
  suggestions: string[];
}
