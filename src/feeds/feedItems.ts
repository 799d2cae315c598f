/**
 * One feed document fetched and read: its items, each once, and the new
 * ones turned into articles. No state: the feed service decides what is new
 * and records it.
 */
import type { Article } from '../library/article';
import type { Logger } from '../log';
import { fetchDocument, type FetchLimits } from './fetchDocument';
import { fitArticleFile } from './fitArticleFile';
import { itemKey, itemToArticle, oneLine, seenHash } from './itemArticle';
import { parseFeedDocument, type ParsedItem } from './parseDocument';

/** A new feed item as an article, with where it came from. */
export interface FeedArticle {
  article: Article;
  /** Whose article it is: the feed's owner (a guild id, "console"), or null when the feed is for every server. */
  owner: string | null;
  feedUrl: string;
  /** The item's identity: guid/id, else link, else `sha1:<hash of title and date>`. */
  itemKey: string;
}

/** A document's item with its identity: the key, the hash the seen-set keeps, and its place in the document. */
export interface Entry {
  item: ParsedItem;
  key: string;
  hash: string;
  index: number;
}

/** A fetched document: unchanged since the validators, or read (title, the newest `seenLimit` entries, the new validators). */
export type FeedDocument =
  | { kind: 'not-modified' }
  | { kind: 'ok'; title: string | null; entries: Entry[]; etag: string | null; lastModified: string | null };

export function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
}

/** Fetches and parses a feed with conditional request validators; throws a FeedError (or FetchCancelled when stopping). */
export async function readFeed(
  url: string,
  validators: { etag: string | null; lastModified: string | null },
  limits: FetchLimits,
  seenLimit: number,
): Promise<FeedDocument> {
  const result = await fetchDocument(url, validators, limits);
  if (result.kind === 'not-modified') return { kind: 'not-modified' };
  const parsed = parseFeedDocument(result.text, result.url);
  return {
    kind: 'ok',
    title: oneLine(parsed.title),
    entries: newestEntries(entriesOf(parsed.items), seenLimit),
    etag: result.etag,
    lastModified: result.lastModified,
  };
}

/** The document's items, each once (the first time its key occurs). */
function entriesOf(items: ParsedItem[]): Entry[] {
  const seen = new Set<string>();
  const entries: Entry[] = [];
  items.forEach((item, index) => {
    const key = itemKey(item);
    const hash = seenHash(key);
    if (seen.has(hash)) return;
    seen.add(hash);
    entries.push({ item, key, hash, index });
  });
  return entries;
}

const timeOf = (entry: Entry) => (entry.item.published ?? entry.item.updated)?.getTime() ?? Number.NaN;

/**
 * The newest `limit` entries: by date when every item has one, else the
 * first in the document (feeds list newest first). A 50,000-item document
 * is read no further, so the seen-set and feeds.json stay bounded.
 */
function newestEntries(entries: Entry[], limit: number): Entry[] {
  if (entries.length <= limit) return entries;
  if (entries.some((entry) => Number.isNaN(timeOf(entry)))) return entries.slice(0, limit);
  return [...entries].sort((a, b) => timeOf(b) - timeOf(a) || a.index - b.index).slice(0, limit);
}

/** Oldest first: by date when every item has one, else the reverse of the document (feeds list newest first). */
function oldestFirst(entries: Entry[]): Entry[] {
  const reversed = [...entries].reverse();
  if (reversed.some((entry) => Number.isNaN(timeOf(entry)))) return reversed;
  return reversed.sort((a, b) => timeOf(a) - timeOf(b));
}

/** How many new items one poll takes (FEED_MAX_ITEMS), and the largest article file the library loads (MAX_ARTICLE_BYTES). */
export interface ItemLimits {
  maxItems: number;
  maxFileBytes: number;
}

/**
 * New items as articles, oldest first, the newest `maxItems` of them when there
 * are more (the others are only recorded as seen); an item that cannot be
 * converted is skipped with a log line, and one whose file would be over
 * `maxFileBytes` is cut at a sentence to fit, with a log line. `stopped` cuts it short.
 */
export function toArticles(
  entries: Entry[],
  feed: { url: string; owner: string | null },
  source: string | null,
  { maxItems: max, maxFileBytes }: ItemLimits,
  log: Logger,
  stopped: () => boolean,
): FeedArticle[] {
  let taken = oldestFirst(entries);
  if (taken.length > max) {
    log.warn('feed_items_capped', {
      url: feed.url,
      items: taken.length,
      taken: max,
      skipped: taken.length - max,
      setting: 'FEED_MAX_ITEMS',
    });
    taken = taken.slice(-max);
  }
  const made: FeedArticle[] = [];
  for (const entry of taken) {
    if (stopped()) break;
    let outcome: ReturnType<typeof itemToArticle>;
    try {
      outcome = itemToArticle(entry.item, entry.key, feed.url, source);
    } catch (error) {
      outcome = { skipped: `it could not be converted (${reasonOf(error)})` };
    }
    if ('article' in outcome) {
      const fitted = fitArticleFile(outcome.article, maxFileBytes);
      if ('tooLong' in fitted) outcome = { skipped: fitted.tooLong };
      else {
        if (fitted.cutFrom !== undefined)
          log.warn('feed_item_cut', {
            url: feed.url,
            itemKey: entry.key,
            id: fitted.article.id,
            bytes: fitted.cutFrom,
            limit: maxFileBytes,
            setting: 'MAX_ARTICLE_BYTES',
          });
        made.push({ article: fitted.article, owner: feed.owner, feedUrl: feed.url, itemKey: entry.key });
        continue;
      }
    }
    log.info('feed_item_skipped', { url: feed.url, itemKey: entry.key, reason: outcome.skipped });
  }
  return made;
}
