import type { Article } from '../library/article';
import type { AlertQuote } from './types';

/** An alert's quotes placed in the article as it is when posted. */
export interface CurrentQuotes {
  /** Places in the current text, each an exact slice of it. */
  quotes: { start: number; end: number }[];
  /** Quotes recorded at matching that the current text no longer holds (the article was replaced under its id since). */
  lost: number;
  /** Every quote was lost: the lead stands in for them, so the alert still quotes the article it links. */
  lead: boolean;
}

/**
 * An alert row keeps where its quotes were when the article matched; the
 * article may have been replaced under the same id since (a file edited,
 * `/article add` of the same name, a server's own article over a shared
 * one). A place is kept only while it is still a sentence of the quoted text,
 * else the text is looked for among the current article's sentences (the one
 * nearest the old place), else the quote is left out: cutting the new text at
 * the old places would quote half-sentences the article never said.
 */
export function currentQuotes(article: Article, recorded: readonly AlertQuote[]): CurrentQuotes {
  const quotes = recorded.flatMap((quote) => {
    const place = placeNow(article, quote);
    return place ? [place] : [];
  });
  const lost = recorded.length - quotes.length;
  const first = article.sentences[0];
  if (quotes.length === 0 && lost > 0 && first) return { quotes: [{ start: first.start, end: first.end }], lost, lead: true };
  return { quotes, lost, lead: false };
}

/**
 * Where a quote stands now: a whole sentence of the current article, the one
 * with its text nearest its old place (or, for a row recorded before quotes
 * kept their text, the old place itself when it is still a whole sentence).
 * The text found inside a longer sentence is no place: it would quote a
 * fragment of another sentence (verbatim, yet not what the alert matched).
 */
function placeNow(article: Article, quote: AlertQuote): { start: number; end: number } | undefined {
  const { text } = article;
  const wanted = quote.text;
  const holds =
    wanted === undefined
      ? (s: { start: number; end: number }) => s.start === quote.start && s.end === quote.end
      : (s: { start: number; end: number }) => s.end - s.start === wanted.length && text.slice(s.start, s.end) === wanted;
  let nearest: { start: number; end: number } | undefined;
  for (const sentence of article.sentences)
    if (holds(sentence) && (!nearest || Math.abs(sentence.start - quote.start) < Math.abs(nearest.start - quote.start))) nearest = sentence;
  return nearest && { start: nearest.start, end: nearest.end };
}
