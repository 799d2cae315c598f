import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from '../library/article';
import type { Logger } from '../log';
import { JsonStore, StoreWriteError } from '../store/jsonStore';
import { parseFeedUrl } from './addressGuard';
import { writeArticleFile } from './articleFile';
import { FeedError } from './feedError';
import { FetchCancelled, fetchDocument } from './fetchDocument';
import type { FetchLimits } from './fetchDocument';
import { itemKey, itemToArticle, oneLine, seenHash } from './itemArticle';
import { parseFeedDocument } from './parseDocument';
import type { ParsedItem } from './parseDocument';
import { emptyFeedsFile, isFeedsFile } from './state';
import type { AddedBy, FeedsFile, StoredFeed } from './state';

export type { AddedBy } from './state';

/** A new feed item as an article, with where it came from. */
export interface FeedArticle {
  article: Article;
  feedUrl: string;
  /** The item's identity: guid/id, else link, else `sha1:<hash of title and date>`. */
  itemKey: string;
}

export interface FeedOptions {
  /** Where `feeds.json` and `feed-articles/` live. */
  dataDir: string;
  /** Time between two polls of a feed that is working. */
  intervalMs: number;
  /** Fetch private, loopback and link-local addresses too (FEEDS_ALLOW_PRIVATE; tests on 127.0.0.1). */
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  log: Logger;
  now?: () => Date;
  /** Replaces node:http for requests; host names are then checked before the request but the connection is not pinned. */
  fetchImpl?: typeof fetch;
  /** Item keys remembered per feed (at least all the items in the feed's latest document); default 5,000. */
  seenLimit?: number;
  /** How often the loop started by start() looks for due feeds; default 5 s. */
  tickMs?: number;
  /** Feeds fetched at the same time by one poll; default 4. */
  concurrency?: number;
}

/** A followed feed as list() shows it: what is stored, less the request validators and seen-item hashes. Times are ISO strings. */
export type FeedInfo = Omit<StoredFeed, 'id' | 'etag' | 'lastModified' | 'seen'>;

export const SEEN_LIMIT = 5_000;
const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

interface Entry {
  item: ParsedItem;
  key: string;
  hash: string;
  index: number;
}

type Outcome =
  | { kind: 'not-modified' }
  | { kind: 'ok'; title: string | null; entries: Entry[]; etag: string | null; lastModified: string | null }
  | { kind: 'error'; error: FeedError };

function info(feed: StoredFeed): FeedInfo {
  return {
    url: feed.url,
    title: feed.title,
    addedBy: { ...feed.addedBy },
    addedAt: feed.addedAt,
    lastFetchAt: feed.lastFetchAt,
    lastOk: feed.lastOk,
    lastError: feed.lastError,
    consecutiveErrors: feed.consecutiveErrors,
    nextFetchAt: feed.nextFetchAt,
    itemsSeen: feed.itemsSeen,
  };
}

function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
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

/** Oldest first: by date when every item has one, else the reverse of the document (feeds list newest first). */
function oldestFirst(entries: Entry[]): Entry[] {
  const time = (entry: Entry) => (entry.item.published ?? entry.item.updated)?.getTime() ?? Number.NaN;
  const reversed = [...entries].reverse();
  if (reversed.some((entry) => Number.isNaN(time(entry)))) return reversed;
  return reversed.sort((a, b) => time(a) - time(b));
}

/**
 * The seen-set after a fetch: every key in the latest document, plus older
 * keys up to the limit, the oldest forgotten first. The keys in the current
 * document are always kept, so a feed longer than the limit cannot re-emit.
 */
export function mergeSeen(previous: string[], current: string[], limit: number): string[] {
  const now = new Set(current);
  const merged = [...previous.filter((hash) => !now.has(hash)), ...current];
  return merged.slice(-Math.max(limit, current.length));
}

function storageError(error: unknown): FeedError {
  return new FeedError('storage', `The feed list could not be saved (${error instanceof StoreWriteError ? error.message : reasonOf(error)}); the data folder may be full or read-only.`);
}

/**
 * Follows RSS and Atom feeds: polls each on an interval with conditional
 * requests, backs off on errors, and turns items never seen before into
 * articles (also written to `feed-articles/` so the library has them after a
 * restart). Knows nothing of Discord. State: one JsonStore file, feeds.json.
 */
export class FeedService {
  private readonly stopping = new AbortController();
  private pollChain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> | null = null;
  private started = false;
  private stopped = false;

  private constructor(
    private readonly store: JsonStore<FeedsFile>,
    private readonly options: FeedOptions,
    private readonly dir: string,
  ) {}

  static async open(options: FeedOptions): Promise<FeedService> {
    for (const name of ['intervalMs', 'maxBytes', 'timeoutMs'] as const) {
      if (!(options[name] > 0)) throw new TypeError(`FeedService: ${name} must be a positive number`);
    }
    if (!(options.maxRedirects >= 0)) throw new TypeError('FeedService: maxRedirects must be 0 or more');
    const store = await JsonStore.open(join(options.dataDir, 'feeds.json'), emptyFeedsFile, isFeedsFile, options.log);
    const dir = join(options.dataDir, 'feed-articles');
    await mkdir(dir, { recursive: true });
    return new FeedService(store, options, dir);
  }

  /** The folder of feed article files (`<dataDir>/feed-articles`), for the library to load at start. */
  get articlesDir(): string {
    return this.dir;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private get limits(): FetchLimits {
    const { allowPrivate, maxBytes, timeoutMs, maxRedirects, fetchImpl } = this.options;
    return { allowPrivate, maxBytes, timeoutMs, maxRedirects, fetchImpl, signal: this.stopping.signal };
  }

  private find(url: string): StoredFeed | undefined {
    return this.store.data.feeds.find((feed) => feed.url === url);
  }

  /** Delay before the next fetch after `errors` failures in a row: the interval doubled per error, capped at 24 intervals or 6 h. */
  private delayAfter(errors: number, retryAfterSeconds: number | null): number {
    const interval = this.options.intervalMs;
    if (errors === 0) return interval;
    const cap = Math.max(interval, Math.min(24 * interval, MAX_BACKOFF_MS));
    let delay = Math.min(interval * 2 ** Math.min(errors, 30), cap);
    if (retryAfterSeconds !== null) delay = Math.min(Math.max(delay, retryAfterSeconds * 1000), cap);
    return delay;
  }

  /**
   * Follows a feed: checks the address, fetches it once, records every item
   * in it as seen (nothing is emitted for them) and keeps its ETag and
   * Last-Modified. Throws a FeedError with a message for the user otherwise.
   */
  async add(url: string, addedBy: AddedBy): Promise<{ feed: FeedInfo; itemsSeen: number }> {
    const address = parseFeedUrl(url).href;
    const already = () => new FeedError('already_followed', `That feed is already followed: ${address}`);
    if (this.find(address)) throw already();
    let title: string | null;
    let hashes: string[];
    let validators: { etag: string | null; lastModified: string | null };
    try {
      const result = await fetchDocument(address, { etag: null, lastModified: null }, this.limits);
      if (result.kind !== 'ok') throw new FeedError('http_status', 'The site answered "not modified" to a first request, so there is no feed to read.');
      const parsed = parseFeedDocument(result.text, result.url);
      title = oneLine(parsed.title);
      hashes = entriesOf(parsed.items).map((entry) => entry.hash);
      validators = { etag: result.etag, lastModified: result.lastModified };
    } catch (error) {
      if (error instanceof FetchCancelled) throw new FeedError('stopped', 'The bot is shutting down; try again in a moment.');
      throw error;
    }
    const at = this.now();
    let feed: StoredFeed;
    try {
      feed = await this.store.update((data) => {
        if (data.feeds.some((existing) => existing.url === address)) throw already();
        const added: StoredFeed = {
          id: randomBytes(6).toString('hex'),
          url: address,
          title,
          addedBy: { userId: addedBy.userId, guildId: addedBy.guildId, channelId: addedBy.channelId },
          addedAt: at.toISOString(),
          ...validators,
          lastFetchAt: at.toISOString(),
          lastOk: at.toISOString(),
          lastError: null,
          consecutiveErrors: 0,
          nextFetchAt: new Date(at.getTime() + this.options.intervalMs).toISOString(),
          itemsSeen: hashes.length,
          seen: mergeSeen([], hashes, this.options.seenLimit ?? SEEN_LIMIT),
        };
        data.feeds.push(added);
        return added;
      });
    } catch (error) {
      if (error instanceof FeedError) throw error;
      throw storageError(error);
    }
    this.options.log.info('feed_added', { url: address, title, itemsSeen: hashes.length, userId: addedBy.userId, guildId: addedBy.guildId, channelId: addedBy.channelId });
    return { feed: info(feed), itemsSeen: hashes.length };
  }

  /** Stops following a feed; false when it was not followed. Its articles already written stay in the library. */
  async remove(url: string): Promise<boolean> {
    let address: string;
    try {
      address = parseFeedUrl(url).href;
    } catch {
      address = url.trim();
    }
    if (!this.find(address)) return false;
    let removed: boolean;
    try {
      removed = await this.store.update((data) => {
        const index = data.feeds.findIndex((feed) => feed.url === address);
        if (index === -1) return false;
        data.feeds.splice(index, 1);
        return true;
      });
    } catch (error) {
      throw storageError(error);
    }
    if (removed) this.options.log.info('feed_removed', { url: address });
    return removed;
  }

  /** The followed feeds, in the order they were added. */
  list(): FeedInfo[] {
    return this.store.data.feeds.map(info);
  }

  /**
   * Polls every feed that is due and returns the items never seen before as
   * articles, per feed oldest first. Their article files are written and
   * they are recorded as seen before this resolves, so they are returned
   * once. Never rejects for a feed's problem: that goes to the feed's
   * lastError and the log. Calls are serialised.
   */
  pollDue(): Promise<FeedArticle[]> {
    const run = this.pollChain.then(() => this.pollDueNow());
    this.pollChain = run.catch(() => undefined);
    return run;
  }

  private async pollDueNow(): Promise<FeedArticle[]> {
    if (this.stopped) return [];
    const now = this.now().getTime();
    const due = this.store.data.feeds.filter((feed) => Date.parse(feed.nextFetchAt) <= now).map((feed) => feed.id);
    const results: FeedArticle[][] = due.map(() => []);
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const index = next++;
        const id = due[index] ?? '';
        try {
          results[index] = await this.pollFeed(id);
        } catch (error) {
          // A bug, not a feed problem: keep the other feeds' items (already recorded as seen) and say which feed.
          this.options.log.error('feed_poll_crashed', { url: this.store.data.feeds.find((feed) => feed.id === id)?.url, reason: reasonOf(error), stack: (error as Error)?.stack });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, this.options.concurrency ?? 4), due.length) }, worker));
    return results.flat();
  }

  private async pollFeed(id: string): Promise<FeedArticle[]> {
    const log = this.options.log;
    const feed = this.store.data.feeds.find((candidate) => candidate.id === id);
    if (!feed) return [];
    const url = feed.url;
    let outcome: Outcome;
    try {
      const result = await fetchDocument(url, { etag: feed.etag, lastModified: feed.lastModified }, this.limits);
      if (result.kind === 'not-modified') {
        outcome = { kind: 'not-modified' };
      } else {
        const parsed = parseFeedDocument(result.text, result.url);
        outcome = { kind: 'ok', title: oneLine(parsed.title), entries: entriesOf(parsed.items), etag: result.etag, lastModified: result.lastModified };
      }
    } catch (error) {
      if (error instanceof FetchCancelled) return [];
      if (!(error instanceof FeedError)) log.error('feed_poll_crashed', { url, reason: reasonOf(error), stack: (error as Error)?.stack });
      outcome = { kind: 'error', error: error instanceof FeedError ? error : new FeedError('malformed', 'The feed could not be read because of an unexpected error; see the log.') };
    }

    let fresh: FeedArticle[] = [];
    if (outcome.kind === 'ok') {
      const seen = new Set(this.store.data.feeds.find((candidate) => candidate.id === id)?.seen ?? []);
      const source = outcome.title ?? feed.title;
      for (const entry of oldestFirst(outcome.entries.filter((candidate) => !seen.has(candidate.hash)))) {
        let made: ReturnType<typeof itemToArticle>;
        try {
          made = itemToArticle(entry.item, entry.key, url, source);
        } catch (error) {
          made = { skipped: `it could not be converted (${reasonOf(error)})` };
        }
        if ('article' in made) fresh.push({ article: made.article, feedUrl: url, itemKey: entry.key });
        else log.info('feed_item_skipped', { url, itemKey: entry.key, reason: made.skipped });
      }
      try {
        for (const { article } of fresh) await writeArticleFile(this.dir, article);
      } catch (error) {
        // Not recorded as seen: the items come again next time, once the folder is writable.
        outcome = { kind: 'error', error: new FeedError('storage', `The feed's new articles could not be saved (${reasonOf(error)}); the data folder may be full or read-only.`) };
        fresh = [];
      }
    }

    const at = this.now();
    let emitted: FeedArticle[] = [];
    let recoveredAfter = 0;
    let stored: StoredFeed | undefined;
    const done = outcome;
    try {
      await this.store.update((data) => {
        stored = data.feeds.find((candidate) => candidate.id === id);
        if (!stored) return;
        stored.lastFetchAt = at.toISOString();
        if (done.kind === 'error') {
          stored.consecutiveErrors += 1;
          stored.lastError = done.error.message;
          stored.nextFetchAt = new Date(at.getTime() + this.delayAfter(stored.consecutiveErrors, done.error.retryAfterSeconds)).toISOString();
          return;
        }
        recoveredAfter = stored.consecutiveErrors;
        stored.consecutiveErrors = 0;
        stored.lastError = null;
        stored.lastOk = at.toISOString();
        stored.nextFetchAt = new Date(at.getTime() + this.options.intervalMs).toISOString();
        if (done.kind === 'ok') {
          const seen = new Set(stored.seen);
          const added = done.entries.filter((entry) => !seen.has(entry.hash));
          const addedHashes = new Set(added.map((entry) => entry.hash));
          emitted = fresh.filter((item) => addedHashes.has(seenHash(item.itemKey)));
          stored.itemsSeen += added.length;
          stored.seen = mergeSeen(stored.seen, done.entries.map((entry) => entry.hash), this.options.seenLimit ?? SEEN_LIMIT);
          stored.title = done.title ?? stored.title;
          stored.etag = done.etag;
          stored.lastModified = done.lastModified;
        }
      });
    } catch (error) {
      // The change is in memory (these items count as seen until a restart), the file is not: say so, and still hand the items on.
      log.error('feed_state_not_saved', { url, reason: reasonOf(error) });
    }
    if (!stored) return [];
    const shown: StoredFeed = stored;
    log.info('feed_fetched', { url, result: done.kind === 'error' ? done.error.code : done.kind, newItems: emitted.length });
    if (done.kind === 'error') {
      log.warn('feed_poll_failed', { url, code: done.error.code, reason: done.error.message, consecutiveErrors: shown.consecutiveErrors, nextFetchAt: shown.nextFetchAt });
    } else if (recoveredAfter > 0) {
      log.info('feed_recovered', { url, afterErrors: recoveredAfter });
    }
    if (emitted.length > 0) {
      log.info('feed_new_items', { url, count: emitted.length, ids: emitted.map((item) => item.article.id) });
    }
    return emitted;
  }

  /**
   * Polls due feeds every few seconds (an unref'd timer: it does not keep the
   * process alive) and hands new items to `onArticles`. A failure is logged;
   * the loop goes on. Items are handed on even while stopping, since they are
   * already recorded as seen.
   */
  start(onArticles: (items: FeedArticle[]) => Promise<void>): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const run = async () => {
      try {
        const items = await this.pollDue();
        if (items.length > 0) await onArticles(items);
      } catch (error) {
        this.options.log.error('feed_loop_failed', { reason: reasonOf(error) });
      }
    };
    const schedule = (delay: number) => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.tick = run().finally(() => {
          this.tick = null;
          schedule(this.options.tickMs ?? 5_000);
        });
      }, delay);
      this.timer.unref();
    };
    schedule(0);
  }

  /** Stops the loop, cancels fetches in flight (those feeds are simply polled next time), waits for the poll and the writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopping.abort();
    await this.tick;
    await this.pollChain;
    await this.store.flush();
  }
}
