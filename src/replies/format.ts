import type { Answer, Citation, Quote } from '../answer/types';
import type { QuoteView, Reply } from '../reply';
import { confidenceFooter, tierWording } from './tier';

export function citation(c: Citation): string {
  return [c.title, c.date ?? 'date unknown', c.source].filter(Boolean).join(' — ');
}

export function quoteView(quote: Quote): QuoteView {
  return { text: quote.text, citation: citation(quote), url: quote.url, context: quote.context?.text };
}

const reasons: Record<NonNullable<Answer['reason']>, string> = {
  empty: 'Please ask a question, for example: What did Hayashi and Blinken agree on?',
  'too-long': 'That question is too long for me: please keep it under 1,000 characters (a sentence or two).',
  'no-terms': 'That question has no words I can search for. Try naming who or what you mean.',
  'no-match': 'No good answer: none of the articles mention that.',
  weak: 'No good answer: the articles only touch on parts of that question, so I would rather not quote something misleading.',
  'unknown-article': 'No article has that id. Use /articles to see the ids.',
};

/** The reply for an answer; `buttons` are added by the caller, who knows what can follow. */
export function answerReply(answer: Answer, note?: string): Reply {
  if (answer.tier === 'uncertain') {
    return {
      tone: 'warning',
      title: tierWording.uncertain.title,
      text: [tierWording.uncertain.text, ...(note ? [note] : [])],
      quotes: answer.quotes.map(quoteView),
      footer: confidenceFooter('uncertain', answer.confidence),
    };
  }
  if (answer.tier === 'none') {
    const text = [answer.unknownName ? `No good answer: none of the articles mention “${answer.unknownName}”.` : reasons[answer.reason ?? 'no-match']];
    if (note) text.push(note);
    return {
      tone: 'warning',
      title: tierWording.none.title,
      text,
      items: answer.suggestions.length ? answer.suggestions : undefined,
      footer: answer.suggestions.length ? 'The closest articles are listed above; /lookup finds a word or phrase.' : undefined,
    };
  }
  return {
    tone: 'answer',
    title: answer.question,
    text: note ? [note] : undefined,
    quotes: answer.quotes.map(quoteView),
    footer: confidenceFooter('answer', answer.confidence),
  };
}

/** Pages of a list, 1-based; an out-of-range page shows the last one. */
export function page<T>(items: T[], pageNumber: number, perPage: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const current = Math.min(Math.max(1, Math.floor(pageNumber) || 1), pages);
  return { items: items.slice((current - 1) * perPage, current * perPage), page: current, pages };
}
