import { MAX_QUESTION_CHARS, withoutMentions } from '../answer/ask';
import { smallTalk, type SmallTalk } from '../answer/smallTalk';
import type { Answer, Citation, Quote } from '../answer/types';
import type { QuoteView, Reply } from '../reply';
import { confidenceFooter, tierWording } from './tier';

export function citation(c: Citation): string {
  return [c.title, c.date ?? 'date unknown', c.source].filter(Boolean).join(' — ');
}

export function quoteView(quote: Quote): QuoteView {
  return { text: quote.text, citation: citation(quote), url: quote.url, context: quote.context?.text };
}

/**
 * The views of the quotes one reply shows, each sentence once: a quote's
 * context is left out when that sentence is itself quoted in the reply, or
 * is already another quote's context (each quote's context is found alone).
 */
export function quoteViews(quotes: readonly Quote[]): QuoteView[] {
  const key = (articleId: string, start: number) => `${articleId}:${start}`;
  const shown = new Set(quotes.map((q) => key(q.articleId, q.start)));
  return quotes.map((quote) => {
    const view = quoteView(quote);
    if (!quote.context) return view;
    const context = key(quote.articleId, quote.context.start);
    if (shown.has(context)) return { ...view, context: undefined };
    shown.add(context);
    return view;
  });
}

// /ask's option has this limit too, so the runner refuses a longer question in the same words (src/command/options.ts) before ask() sees it.
const TOO_LONG = `That question is too long for me: please keep it to ${MAX_QUESTION_CHARS.toLocaleString('en-US')} characters at most.`;

const reasons: Record<NonNullable<Answer['reason']>, string> = {
  empty: 'Please ask a question about the articles, for example who said or decided what, and when.',
  'too-long': TOO_LONG,
  'no-terms': 'That question has no words I can search for. Try naming who or what you mean.',
  'small-talk': 'Ask me a question about the articles (who said or decided what, and when): I answer with sentences quoted from them.',
  'no-match': 'No good answer: none of the articles use the words of that question.',
  'not-close': 'No good answer: no passage answers this closely enough.',
  weak: 'No good answer: the articles only touch on parts of that question, so I would rather not quote something misleading.',
  'unknown-article': 'No article has that id. Use /articles to see the ids.',
};

/** What an empty question is told: an example from the library's latest article when there is one, so it fits any library. */
function emptyText(answer: Answer): string {
  const title = answer.suggestions[0];
  return title === undefined
    ? reasons.empty
    : `Please ask a question about the articles, for example about the latest one, “${title}”: what happened, who said what, when.`;
}

const SMALL_TALK_TITLES: Record<SmallTalk, string | undefined> = { thanks: 'You’re welcome!', greeting: 'Hello!', chat: undefined };

/** Thanks or a greeting: answered in kind, with how to ask (an example from the latest article when there is one); no quotes. */
function smallTalkReply(answer: Answer, note?: string): Reply {
  const title = answer.suggestions[0];
  const howToAsk =
    title === undefined
      ? reasons['small-talk']
      : `Ask me a question about the articles, for example about the latest one, “${title}”: what happened, who said what, when. I answer with sentences quoted from them.`;
  const greeting = SMALL_TALK_TITLES[smallTalk(withoutMentions(answer.question)) ?? 'chat'];
  return { tone: 'info', ...(greeting ? { title: greeting } : {}), text: [howToAsk, ...(note ? [note] : [])] };
}

/** What an answer limited to one article (`article:`) says when that article does not answer. */
function withinReason(answer: Answer, title: string): string | undefined {
  if (answer.unknownName) return `No good answer: “${title}” does not mention “${answer.unknownName}”.`;
  if (answer.reason === 'no-match') return `No good answer: “${title}” does not mention that.`;
  if (answer.reason === 'not-close') return `No good answer: no passage of “${title}” answers this closely enough.`;
  if (answer.reason === 'weak')
    return `No good answer: “${title}” only touches on parts of that question, so I would rather not quote something misleading.`;
  return undefined;
}

/**
 * The reply for an answer; `buttons` are added by the caller, who knows what can follow.
 * `within` is the title of the one article the question was limited to.
 */
export function answerReply(answer: Answer, note?: string, within?: string): Reply {
  if (answer.reason === 'small-talk') return smallTalkReply(answer, note);
  if (answer.tier === 'uncertain') {
    return {
      tone: 'warning',
      outcome: 'uncertain',
      title: tierWording.uncertain.title,
      text: [tierWording.uncertain.text, ...(note ? [note] : [])],
      quotes: quoteViews(answer.quotes),
      footer: confidenceFooter('uncertain', answer.confidence),
    };
  }
  if (answer.tier === 'none') {
    const scoped = within === undefined ? undefined : withinReason(answer, within);
    const reason = answer.reason ?? 'no-match';
    const text = [
      scoped ??
        (answer.unknownName
          ? `No good answer: none of the articles mention “${answer.unknownName}”.`
          : reason === 'empty'
            ? emptyText(answer)
            : reasons[reason]),
    ];
    if (note) text.push(note);
    // The suggestions are the library's closest articles; next to "this article does not mention it" they would list the same article.
    // An empty question's one title is already in its example.
    const suggestions = scoped || reason === 'empty' ? [] : answer.suggestions;
    // When nothing shares a word with the question (no-match), the titles are only some of the library's, not the closest.
    const listed =
      reason === 'no-match'
        ? 'Some of the articles are listed above (/articles lists them all);'
        : 'The closest articles are listed above;';
    return {
      tone: 'warning',
      title: tierWording.none.title,
      text,
      items: suggestions.length ? suggestions : undefined,
      footer: scoped
        ? 'Leave out article: to search every article; /lookup finds a word or phrase.'
        : suggestions.length
          ? `${listed} /lookup finds a word or phrase.`
          : undefined,
    };
  }
  return {
    tone: 'answer',
    title: answer.question,
    text: note ? [note] : undefined,
    quotes: quoteViews(answer.quotes),
    footer: confidenceFooter('answer', answer.confidence),
  };
}

/** One page of a list; `beyond` is the page asked for when there is no such page (the last one is shown instead). */
export interface Paged<T> {
  items: T[];
  page: number;
  pages: number;
  beyond?: number;
}

/** Pages of a list, 1-based; an out-of-range page shows the last one, and a page that is not a number (a forged button) the first. */
export function page<T>(items: T[], pageNumber: number, perPage: number): Paged<T> {
  perPage = Number.isFinite(perPage) ? Math.max(1, Math.floor(perPage)) : 10;
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const asked = Math.max(1, Math.floor(pageNumber) || 1);
  const current = Math.min(asked, pages);
  return {
    items: items.slice((current - 1) * perPage, current * perPage),
    page: current,
    pages,
    ...(asked > pages ? { beyond: asked } : {}),
  };
}

/** "Page 2 of 3", saying so when the page asked for does not exist, rather than showing another as if it were it. */
export function pageFooter(shown: Paged<unknown>): string {
  const where = `Page ${shown.page} of ${shown.pages}`;
  return shown.beyond === undefined ? where : `There is no page ${shown.beyond}: ${where.toLowerCase()}`;
}

/** "1 item", "3 items": a count with its noun, singular for one. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
