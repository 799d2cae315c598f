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

export type NoAnswerReason = 'empty' | 'too-long' | 'no-terms' | 'no-match' | 'weak' | 'unknown-article';

export interface Answer {
  question: string;
  answered: boolean;
  /** 0..1: how much of the question the best quote covers, weighted by word rarity. */
  confidence: number;
  quotes: Quote[];
  /** Why there is no answer, when there is none. */
  reason?: NoAnswerReason;
  /** A name in the question that no article mentions, when that is why. */
  unknownName?: string;
  /** Closest article titles, offered when there is no good answer. */
  suggestions: string[];
}
