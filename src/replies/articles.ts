import type { Article } from '../library/article';
import { citation, counted, page, pageFooter } from './format';
import type { ButtonView, Reply } from '../reply';
import { notice } from '../reply';
import { describeRange } from '../library/dateRange';

const LIST_PER_PAGE = 10;
const OPENING_CHARS = 400;
// A page of the whole article: under the 4096 limit of a Discord embed description with room for escaping.
const TEXT_PAGE_CHARS = 3000;

/**
 * One page of /articles: `listed` are the articles in the range asked for
 * (`since`), `note` says how the range cut the library; `pageId` gives a page's
 * button id.
 */
export function articlesReply(
  listed: Article[],
  pageNumber: number,
  pageId: (page: number) => string,
  range?: { since: string; note: string },
): Reply {
  if (listed.length === 0)
    return notice('info', `No article is dated ${describeRange(range ?? {})}. /articles without since: lists them all.`, true);
  const shown = page(listed, pageNumber, LIST_PER_PAGE);
  return {
    tone: 'info',
    ...(range ? { text: [range.note] } : {}),
    title: `${listed.length} article${listed.length === 1 ? '' : 's'}`,
    items: shown.items.map((a) => `${a.id}: ${citation({ ...a, articleId: a.id })}`),
    footer: `${pageFooter(shown)} · /article read id: shows one`,
    buttons: pageButtons(shown, pageId, 'Previous', 'Next'),
    replace: true,
  };
}

/** Buttons to the page before and after, where there is one. */
export function pageButtons(
  shown: { page: number; pages: number },
  pageId: (page: number) => string,
  before: string,
  after: string,
): ButtonView[] {
  const buttons = [];
  if (shown.page > 1) buttons.push({ id: pageId(shown.page - 1), label: before });
  if (shown.page < shown.pages) buttons.push({ id: pageId(shown.page + 1), label: after });
  return buttons;
}

// Enough to pick from on one screen, well inside an embed's 4096 characters with titles of 300.
const CHOICES_SHOWN = 10;

/** /article read with a part of a title that several articles hold: the ones to choose from, by id. */
export function articleChoicesReply(ref: string, matches: Article[]): Reply {
  const more = matches.length - CHOICES_SHOWN;
  return {
    tone: 'info',
    title: `${matches.length} articles match “${ref.trim().slice(0, 100)}”`,
    text: ['Which one? Give its id, or more of its title.'],
    items: matches.slice(0, CHOICES_SHOWN).map((a) => `${a.id}: ${citation({ ...a, articleId: a.id })}`),
    footer: more > 0 ? `… and ${more} more · /article read id: shows one` : '/article read id: shows one',
    ephemeral: true,
  };
}

export const EMPTY_LIBRARY = 'The library is empty: add .txt or .md files to the articles folder.';

/** /article read: one article's card, with its key terms and a button (`readId`) to its whole text. */
export function articleReply(article: Article, keyTerms: string[], readId: string): Reply {
  const words = article.text.match(/\S+/g)?.length ?? 0;
  const from = article.sentences[0]?.start ?? 0;
  const cut = from + OPENING_CHARS < article.text.trimEnd().length;
  let opening = article.text
    .slice(from, from + OPENING_CHARS)
    .replace(/\s+/g, ' ')
    .trim();
  // A cut opening ends at a word and says so.
  if (cut) opening = `${opening.slice(0, Math.max(opening.lastIndexOf(' '), OPENING_CHARS / 2)).replace(/[\s,;:–—-]+$/, '')}…`;
  return {
    tone: 'info',
    title: article.title,
    url: article.url,
    text: [opening],
    fields: [
      { name: 'Id', value: article.id },
      { name: 'Date', value: article.date ?? 'unknown' },
      { name: 'Source', value: article.source ?? 'unknown' },
      { name: 'Length', value: `${counted(words, 'word')}, ${counted(article.sentences.length, 'sentence')}` },
      { name: 'Key terms', value: keyTerms.join(', ') || '—' },
      ...(article.tags.length ? [{ name: 'Tags', value: article.tags.join(', ') }] : []),
    ],
    buttons: [{ id: readId, label: 'Whole article' }],
  };
}

/** The whole article, page by page, cut at paragraph or sentence ends. */
export function articleTextReply(article: Article, pageNumber: number, pageId: (page: number) => string, replace = false): Reply {
  const pages: string[] = [];
  let current = '';
  let previousEnd = 0;
  for (const span of article.sentences) {
    const sentence = article.text.slice(span.start, span.end);
    // Paragraphs stay paragraphs: a line break between two sentences is kept as a blank line.
    const gap = /\n/.test(article.text.slice(previousEnd, span.start)) ? '\n\n' : ' ';
    previousEnd = span.end;
    const pieces =
      sentence.length > TEXT_PAGE_CHARS ? (sentence.match(new RegExp(`[\\s\\S]{1,${TEXT_PAGE_CHARS}}`, 'g')) ?? []) : [sentence];
    for (const [i, piece] of pieces.entries()) {
      const joint = i === 0 ? gap : '';
      if (current && current.length + piece.length + joint.length > TEXT_PAGE_CHARS) {
        pages.push(current);
        current = '';
      }
      current = current ? `${current}${joint}${piece}` : piece;
    }
  }
  if (current) pages.push(current);
  const shown = page(pages, pageNumber, 1);
  const buttons = pageButtons(shown, pageId, 'Previous', 'Next');
  // "read" opens the text in a message of its own; "page" turns the page of that message.
  return {
    tone: 'info',
    title: article.title,
    url: article.url,
    text: [shown.items[0] ?? ''],
    footer: pageFooter(shown),
    buttons,
    ephemeral: true,
    replace,
  };
}
