import type { Library, Viewer } from '../library/library';
import { citation, page } from './format';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { describeRange, inRange, rangeNote } from '../library/dateRange';

const LIST_PER_PAGE = 10;
const OPENING_CHARS = 400;
// A page of the whole article: under the 4096 limit of a Discord embed description with room for escaping.
const TEXT_PAGE_CHARS = 3000;

export function articlesReply(library: Library, viewer: Viewer, pageNumber: number, since?: string): Reply {
  const visible = library.list(viewer);
  if (visible.length === 0) return notice('info', 'The library is empty: add .txt or .md files to the articles folder.', true);
  const range = since === undefined ? undefined : { since };
  const all = range ? visible.filter((a) => inRange(a, range)) : visible;
  const note = range ? rangeNote(range, visible) : undefined;
  if (all.length === 0) return notice('info', `No article is dated ${describeRange(range!)}. /articles without since: lists them all.`, true);
  const shown = page(all, pageNumber, LIST_PER_PAGE);
  const buttons = [];
  // The day rides in the id as a day, not as "7d", so a page turned tomorrow shows the same list.
  const suffix = since === undefined ? '' : `:${since}`;
  if (shown.page > 1) buttons.push({ id: `articles:page:${shown.page - 1}${suffix}`, label: 'Previous' });
  if (shown.page < shown.pages) buttons.push({ id: `articles:page:${shown.page + 1}${suffix}`, label: 'Next' });
  return {
    tone: 'info',
    ...(note ? { text: [note] } : {}),
    title: `${all.length} article${all.length === 1 ? '' : 's'}`,
    items: shown.items.map((a) => `${a.id}: ${citation({ ...a, articleId: a.id })}`),
    footer: `Page ${shown.page} of ${shown.pages} · /article read id: shows one`,
    buttons,
    replace: true,
  };
}

export function articleReply(library: Library, viewer: Viewer, ref: string): Reply {
  const { article } = library.resolve(ref, viewer);
  if (!article) return notice('warning', `No article matches “${ref.slice(0, 100)}”. /articles lists them with their ids.`);
  const words = article.text.match(/\S+/g)?.length ?? 0;
  const from = article.sentences[0]?.start ?? 0;
  const cut = from + OPENING_CHARS < article.text.trimEnd().length;
  let opening = article.text.slice(from, from + OPENING_CHARS).replace(/\s+/g, ' ').trim();
  // A cut opening ends at a word and says so.
  if (cut) opening = `${opening.slice(0, Math.max(opening.lastIndexOf(' '), OPENING_CHARS / 2)).replace(/[\s,;:–—-]+$/, '')}…`;
  const keyTerms = library.indexFor(viewer).keyTerms(article.id).map((t) => t.word);
  return {
    tone: 'info',
    title: article.title,
    url: article.url,
    text: [opening],
    fields: [
      { name: 'Id', value: article.id },
      { name: 'Date', value: article.date ?? 'unknown' },
      { name: 'Source', value: article.source ?? 'unknown' },
      { name: 'Length', value: `${words} words, ${article.sentences.length} sentences` },
      { name: 'Key terms', value: keyTerms.join(', ') || '—' },
      ...(article.tags.length ? [{ name: 'Tags', value: article.tags.join(', ') }] : []),
    ],
    buttons: [{ id: `article:read:${article.id}:1`, label: 'Whole article' }],
  };
}

/** The whole article, page by page, cut at paragraph or sentence ends. */
export function articleTextReply(library: Library, viewer: Viewer, articleId: string, pageNumber: number, replace = false): Reply {
  const article = library.get(articleId, viewer);
  if (!article) return notice('warning', 'That article is no longer in the library.');
  const pages: string[] = [];
  let current = '';
  let previousEnd = 0;
  for (const span of article.sentences) {
    const sentence = article.text.slice(span.start, span.end);
    // Paragraphs stay paragraphs: a line break between two sentences is kept as a blank line.
    const gap = /\n/.test(article.text.slice(previousEnd, span.start)) ? '\n\n' : ' ';
    previousEnd = span.end;
    const pieces = sentence.length > TEXT_PAGE_CHARS ? sentence.match(new RegExp(`[\\s\\S]{1,${TEXT_PAGE_CHARS}}`, 'g')) ?? [] : [sentence];
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
  const buttons = [];
  if (shown.page > 1) buttons.push({ id: `article:page:${article.id}:${shown.page - 1}`, label: 'Previous' });
  if (shown.page < shown.pages) buttons.push({ id: `article:page:${article.id}:${shown.page + 1}`, label: 'Next' });
  // "read" opens the text in a message of its own; "page" turns the page of that message.
  return { tone: 'info', title: article.title, url: article.url, text: [shown.items[0] ?? ''], footer: `Page ${shown.page} of ${shown.pages}`, buttons, ephemeral: true, replace };
}
