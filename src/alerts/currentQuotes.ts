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
 * one). A place is kept only while it still holds the quoted text, else the
 * text is looked for in the current article (its occurrence nearest the old
 * place), else the quote is left out: cutting the new text at the old places
 * would quote half-sentences the article never said.
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

function placeNow(article: Article, quote: AlertQuote): { start: number; end: number } | undefined {
  const { text } = article;
  // A row recorded before quotes kept their text: its place stands only where it is still a whole sentence of the article.
  if (quote.text === undefined)
    return article.sentences.some((s) => s.start === quote.start && s.end === quote.end)
      ? { start: quote.start, end: quote.end }
      : undefined;
  if (quote.text.length === 0) return undefined;
  if (text.slice(quote.start, quote.end) === quote.text) return { start: quote.start, end: quote.end };
  let nearest: number | undefined;
  for (let at = text.indexOf(quote.text); at !== -1; at = text.indexOf(quote.text, at + 1))
    if (nearest === undefined || Math.abs(at - quote.start) < Math.abs(nearest - quote.start)) nearest = at;
  return nearest === undefined ? undefined : { start: nearest, end: nearest + quote.text.length };
}
