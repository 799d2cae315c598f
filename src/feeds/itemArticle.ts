import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';
import type { HtmlToTextOptions } from 'html-to-text';
import type { Article } from '../library/article';
import { MAX_TITLE_CHARS, plausibleNewsDate } from '../library/frontMatter';
import { makeArticle } from '../library/makeArticle';
import type { ParsedItem } from './parseDocument';

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

const HTML_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    ...['img', 'picture', 'video', 'audio', 'iframe', 'svg', 'script', 'style', 'noscript', 'form', 'button', 'hr'].map((selector) => ({
      selector,
      format: 'skip',
    })),
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

/**
 * Feed HTML (or plain text) to plain text for the sentence splitter: links and images leave
 * no clutter, paragraphs and other blocks are separated by a blank line (a
 * paragraph break ends a sentence), runs of blank lines collapse to one.
 */
export function htmlToText(html: string): string {
  // Plain text (no tags) keeps its own line breaks; html-to-text would fold them into spaces.
  const text = /<[a-z!/][^>]*>/i.test(html) ? convert(html, HTML_OPTIONS) : html;
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[\u00a0\u2007\u202f]/g, ' ')
      .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff/g, '')
      // The loader refuses a file with a NUL as binary, and no other control character is text: the stored file must load back.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** One line of text (a title, a source name): HTML reduced, control characters and whitespace runs made one space. */
export function oneLine(html: string | null | undefined): string | null {
  if (!html) return null;
  const text = (/[<&]/.test(html) ? htmlToText(html) : html).replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return text || null;
}

/**
 * A title the article file can hold: the loader refuses a longer one, and the
 * item, already counted as seen, would then be lost at the next start. Cut at
 * a word, marked with "…".
 */
export function fileTitle(title: string): string {
  if (title.length <= MAX_TITLE_CHARS) return title;
  let cut = title.slice(0, MAX_TITLE_CHARS - 1);
  // Never half a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The item's day, only when the loader would keep it (it leaves out future and pre-1800 dates). */
function isoDay(date: Date | null): string | null {
  if (!date || Number.isNaN(date.getTime()) || !plausibleNewsDate(date)) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * What identifies an item across fetches: its guid/id, else its link, else a
 * hash of its title and date (and, when it has neither, its text).
 */
export function itemKey(item: ParsedItem): string {
  const id = item.id?.trim();
  if (id) return id;
  const link = item.url?.trim();
  if (link) return link;
  const title = item.title?.trim() ?? '';
  const date = (item.published ?? item.updated)?.toISOString() ?? '';
  const fallback = title || date ? '' : (item.content ?? item.description ?? '');
  return `sha1:${sha1(`${title}\n${date}\n${fallback}`)}`;
}

/** The short hash kept in the seen-set (64 bits of sha1). */
export function seenHash(key: string): string {
  return sha1(key).slice(0, 16);
}

/** "https://www.Example.co.uk/feed" → "example-co-uk". */
export function hostSlug(feedUrl: string): string {
  let host = '';
  try {
    host = new URL(feedUrl).hostname;
  } catch {
    // a stored address always parses; keep the fallback anyway
  }
  const slug = host
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'feed';
}

/** `feed-<host-slug>-<12 hex of sha1(itemKey)>`: readable, stable, at most 58 characters, /^[a-z0-9_-]+$/. */
export function feedArticleId(feedUrl: string, key: string): string {
  return `feed-${hostSlug(feedUrl)}-${sha1(key).slice(0, 12)}`;
}

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const MIN_TITLE_WORDS = 4;

export type ItemOutcome = { article: Article } | { skipped: string };

/**
 * An item as an article: its content (else its summary) as text, else its
 * title when that has at least four words; otherwise it is skipped, with the
 * reason. Metadata: title, date (published, else updated; unknown stays
 * null), source (the feed's title, else its host) and link.
 */
export function itemToArticle(item: ParsedItem, key: string, feedUrl: string, feedTitle: string | null): ItemOutcome {
  const id = feedArticleId(feedUrl, key);
  const title = oneLine(item.title);
  const meta = {
    title: title === null ? undefined : fileTitle(title),
    date: isoDay(item.published ?? item.updated),
    source: oneLine(feedTitle) ?? new URL(feedUrl).hostname.replace(/^www\./, ''),
    url: httpUrl(item.url),
  };
  for (const html of [item.content, item.description]) {
    if (!html?.trim()) continue;
    const article = makeArticle(id, htmlToText(html), meta, feedUrl);
    if (article.sentences.length > 0) return { article };
  }
  if (title && title.split(/\s+/).length >= MIN_TITLE_WORDS) {
    const article = makeArticle(id, title, meta, feedUrl);
    if (article.sentences.length > 0) return { article };
  }
  return {
    skipped: title ? `no text and a title of fewer than ${MIN_TITLE_WORDS} words ("${title.slice(0, 80)}")` : 'no text and no title',
  };
}
