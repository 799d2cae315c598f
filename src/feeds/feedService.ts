import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
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
import { migrateToOwners, ownerFolder } from './migrateToOwners';
import { parseFeedDocument } from './parseDocument';
import type { ParsedItem } from './parseDocument';
import { emptyFeedsFile, isFeedsFile } from './state';
import type { AddedBy, FeedsFile, StoredFeed } from './state';

export type { AddedBy } from './state';

/** A new feed item as an article, with where it came from. */
export interface FeedArticle {
  article: Article;
  /** Whose article it is: the feed's owner (a guild id, "console"), or null when the feed is for every server. */
  owner: string | null;
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
  /** Hosts fetched even when they are private (FEEDS_ALLOW_HOSTS). */
  allowHosts?: readonly string[];
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
  /** New items taken from one feed in one poll (FEED_MAX_ITEMS); the rest are recorded as seen and skipped. Default 50. */
  maxItemsPerPoll?: number;
  /** Told of the articles a backfill imported (when several processes share the data folder, the others must index them too). */
  onImported?: (items: FeedArticle[]) => void;
}

/** A followed feed as list() shows it: what is stored, less the request validators and seen-item hashes. Times are ISO strings. */
export type FeedInfo = Omit<StoredFeed, 'etag' | 'lastModified' | 'seen'>;

export const SEEN_LIMIT = 5_000;
export const MAX_ITEMS_PER_POLL = 50;
const isOwnerFolder = (name: string) => name === 'all' || name === 'console' || /^\d{1,20}$/.test(name);
const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

interface Entry {
  item: ParsedItem;
  key: string;
  hash: string;
  index: number;
}

/** One feed's poll, before it is recorded. */
interface Polled {
  id: string;
  url: string;
  outcome: Outcome;
  fresh: FeedArticle[];
  at: Date;
}

type Outcome =
  | { kind: 'not-modified' }
  | { kind: 'ok'; title: string | null; entries: Entry[]; etag: string | null; lastModified: string | null }
  | { kind: 'error'; error: FeedError };

/** What list() shows of a stored feed (also used by FeedFollower, which reads feeds.json itself). */
export function info(feed: StoredFeed): FeedInfo {
  return {
    id: feed.id,
    owner: feed.owner,
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

/**
 * The newest `limit` entries: by date when every item has one, else the
 * first in the document (feeds list newest first). A 50,000-item document
 * is read no further, so the seen-set and feeds.json stay bounded.
 */
function newestEntries(entries: Entry[], limit: number): Entry[] {
  if (entries.length <= limit) return entries;
  const time = (entry: Entry) => (entry.item.published ?? entry.item.updated)?.getTime() ?? Number.NaN;
  if (entries.some((entry) => Number.isNaN(time(entry)))) return entries.slice(0, limit);
  return [...entries].sort((a, b) => time(b) - time(a) || a.index - b.index).slice(0, limit);
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

  protected constructor(
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
    const service = new FeedService(store, options, dir);
    await migrateToOwners(store, dir, options.log);
    return service;
  }

  /** The folders of feed article files with their owners, for the library to load at start. */
  async articleFolders(): Promise<{ owner: string | null; dir: string }[]> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && isOwnerFolder(entry.name))
      .map((entry) => ({ owner: entry.name === 'all' ? null : entry.name, dir: join(this.dir, entry.name) }));
  }

  /** Deletes the file of one of an owner's feed articles (/article remove); true when there was one. */
  async removeArticleFile(owner: string, articleId: string): Promise<boolean> {
    if (!/^[a-z0-9_-]+$/.test(articleId)) return false;
    const file = join(this.dir, ownerFolder(owner), `${articleId}.md`);
    const existed = await readdir(join(this.dir, ownerFolder(owner))).then((names) => names.includes(`${articleId}.md`), () => false);
    await rm(file, { force: true });
    return existed;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private get limits(): FetchLimits {
    const { allowPrivate, allowHosts, maxBytes, timeoutMs, maxRedirects, fetchImpl } = this.options;
    return { allowPrivate, allowHosts, maxBytes, timeoutMs, maxRedirects, fetchImpl, signal: this.stopping.signal };
  }

  private get seenLimit(): number {
    return this.options.seenLimit ?? SEEN_LIMIT;
  }

  private find(owner: string | null, url: string): StoredFeed | undefined {
    return this.store.data.feeds.find((feed) => feed.owner === owner && feed.url === url);
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

  /** New items as articles, the newest `max` of them when there are more (the others are only recorded as seen). */
  private toArticles(entries: Entry[], feed: { url: string; owner: string | null }, source: string | null, max: number): FeedArticle[] {
    const log = this.options.log;
    let taken = oldestFirst(entries);
    if (taken.length > max) {
      log.warn('feed_items_capped', { url: feed.url, items: taken.length, taken: max, skipped: taken.length - max, setting: 'FEED_MAX_ITEMS' });
      taken = taken.slice(-max);
    }
    const made: FeedArticle[] = [];
    for (const entry of taken) {
      if (this.stopped) break;
      let outcome: ReturnType<typeof itemToArticle>;
      try {
        outcome = itemToArticle(entry.item, entry.key, feed.url, source);
      } catch (error) {
        outcome = { skipped: `it could not be converted (${reasonOf(error)})` };
      }
      if ('article' in outcome) made.push({ article: outcome.article, owner: feed.owner, feedUrl: feed.url, itemKey: entry.key });
      else log.info('feed_item_skipped', { url: feed.url, itemKey: entry.key, reason: outcome.skipped });
    }
    return made;
  }

  /** Writes the articles' files; false when stopping cut it short. */
  private async writeArticles(items: FeedArticle[]): Promise<boolean> {
    for (const { article, owner } of items) {
      if (this.stopped) return false;
      await writeArticleFile(join(this.dir, ownerFolder(owner)), article);
    }
    return true;
  }

  /**
   * Fetches one document (an article a server adds by its address) through
   * the same address guard, time limit and redirect rules as feeds, and at
   * most `maxBytes` (never more than FEED_MAX_BYTES). Throws a FeedError.
   */
  async fetchText(url: string, maxBytes: number): Promise<{ text: string; url: string; contentType: string | null }> {
    try {
      const result = await fetchDocument(parseFeedUrl(url).href, { etag: null, lastModified: null }, { ...this.limits, maxBytes: Math.min(maxBytes, this.options.maxBytes) });
      if (result.kind !== 'ok') throw new FeedError('http_status', 'The site answered "not modified" to a first request.');
      return { text: result.text, url: result.url, contentType: result.contentType };
    } catch (error) {
      if (error instanceof FetchCancelled) throw new FeedError('stopped', 'The bot is shutting down; try again in a moment.');
      throw error;
    }
  }

  /**
   * Follows a feed for its owner (a guild id, "console", or null for every
   * server): checks the address, fetches it once and records every item in
   * it as seen. Without backfill nothing is emitted for them; with backfill
   * the newest FEED_MAX_ITEMS become articles, returned (not alerted) for the
   * library. Throws a FeedError with a message for the user otherwise.
   */
  async add(url: string, addedBy: AddedBy, owner: string | null, options: { backfill?: boolean } = {}): Promise<{ feed: FeedInfo; itemsSeen: number; imported: FeedArticle[] }> {
    const address = parseFeedUrl(url).href;
    const already = () => new FeedError('already_followed', `That feed is already followed here: ${address}`);
    if (this.find(owner, address)) throw already();
    let title: string | null;
    let entries: Entry[];
    let validators: { etag: string | null; lastModified: string | null };
    try {
      const result = await fetchDocument(address, { etag: null, lastModified: null }, this.limits);
      if (result.kind !== 'ok') throw new FeedError('http_status', 'The site answered "not modified" to a first request, so there is no feed to read.');
      const parsed = parseFeedDocument(result.text, result.url);
      title = oneLine(parsed.title);
      entries = newestEntries(entriesOf(parsed.items), this.seenLimit);
      validators = { etag: result.etag, lastModified: result.lastModified };
    } catch (error) {
      if (error instanceof FetchCancelled) throw new FeedError('stopped', 'The bot is shutting down; try again in a moment.');
      throw error;
    }
    const hashes = entries.map((entry) => entry.hash);
    let imported: FeedArticle[] = [];
    if (options.backfill) {
      imported = this.toArticles(entries, { url: address, owner }, title, this.options.maxItemsPerPoll ?? MAX_ITEMS_PER_POLL);
      try {
        if (!(await this.writeArticles(imported))) throw new FeedError('stopped', 'The bot is shutting down; try again in a moment.');
      } catch (error) {
        if (error instanceof FeedError) throw error;
        throw new FeedError('storage', `The feed's articles could not be saved (${reasonOf(error)}); the data folder may be full or read-only.`);
      }
    }
    const at = this.now();
    let feed: StoredFeed;
    try {
      feed = await this.store.update((data) => {
        if (data.feeds.some((existing) => existing.owner === owner && existing.url === address)) throw already();
        const added: StoredFeed = {
          id: randomBytes(6).toString('hex'),
          owner,
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
          seen: mergeSeen([], hashes, this.seenLimit),
        };
        data.feeds.push(added);
        return added;
      });
    } catch (error) {
      if (error instanceof FeedError) throw error;
      throw storageError(error);
    }
    this.options.log.info('feed_added', { url: address, owner, title, itemsSeen: hashes.length, imported: imported.length, userId: addedBy.userId, guildId: addedBy.guildId, channelId: addedBy.channelId });
    if (imported.length > 0) this.options.onImported?.(imported);
    return { feed: info(feed), itemsSeen: hashes.length, imported };
  }

  /**
   * Stops following one of the owner's feeds, named by its id (what
   * autocomplete offers) or its address; false when the owner follows no
   * such feed. Its articles already written stay in the owner's library.
   */
  async remove(ref: string, owner: string | null): Promise<boolean> {
    const wanted = ref.trim();
    let address = wanted;
    try {
      address = parseFeedUrl(wanted).href;
    } catch {
      // not an address: an id
    }
    const matches = (feed: StoredFeed) => feed.owner === owner && (feed.id === wanted || feed.url === address);
    if (!this.store.data.feeds.some(matches)) return false;
    let removed: StoredFeed | undefined;
    try {
      removed = await this.store.update((data) => {
        const index = data.feeds.findIndex(matches);
        return index === -1 ? undefined : data.feeds.splice(index, 1)[0];
      });
    } catch (error) {
      throw storageError(error);
    }
    if (removed) this.options.log.info('feed_removed', { url: removed.url, owner });
    return Boolean(removed);
  }

  /** The owner's feeds (a guild id, "console", or null for the every-server ones), in the order they were added. */
  list(owner: string | null): FeedInfo[] {
    return this.store.data.feeds.filter((feed) => feed.owner === owner).map(info);
  }

  /**
   * Polls every feed that is due and returns the items never seen before as
   * articles, per feed oldest first, at most FEED_MAX_ITEMS per feed. Their
   * article files are written, and they are recorded as seen in one write of
   * feeds.json for the whole poll, before this resolves, so they are
   * returned once. Never rejects for a feed's problem: that goes to the
   * feed's lastError and the log. Calls are serialised.
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
    const results: (Polled | null)[] = due.map(() => null);
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.stopped) {
        const index = next++;
        const id = due[index] ?? '';
        try {
          results[index] = await this.pollFeed(id);
        } catch (error) {
          // A bug, not a feed problem: the other feeds go on; say which feed.
          this.options.log.error('feed_poll_crashed', { url: this.store.data.feeds.find((feed) => feed.id === id)?.url, reason: reasonOf(error), stack: (error as Error)?.stack });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, this.options.concurrency ?? 4), due.length) }, worker));
    const polled = results.filter((result): result is Polled => result !== null);
    if (polled.length === 0) return [];
    return this.record(polled);
  }

  /** Fetches and reads one feed and writes its new articles' files; null when it is gone or stopping cut it short. */
  private async pollFeed(id: string): Promise<Polled | null> {
    const log = this.options.log;
    const feed = this.store.data.feeds.find((candidate) => candidate.id === id);
    if (!feed) return null;
    const url = feed.url;
    let outcome: Outcome;
    try {
      const result = await fetchDocument(url, { etag: feed.etag, lastModified: feed.lastModified }, this.limits);
      if (result.kind === 'not-modified') {
        outcome = { kind: 'not-modified' };
      } else {
        const parsed = parseFeedDocument(result.text, result.url);
        outcome = { kind: 'ok', title: oneLine(parsed.title), entries: newestEntries(entriesOf(parsed.items), this.seenLimit), etag: result.etag, lastModified: result.lastModified };
      }
    } catch (error) {
      if (error instanceof FetchCancelled) return null;
      if (!(error instanceof FeedError)) log.error('feed_poll_crashed', { url, reason: reasonOf(error), stack: (error as Error)?.stack });
      outcome = { kind: 'error', error: error instanceof FeedError ? error : new FeedError('malformed', 'The feed could not be read because of an unexpected error; see the log.') };
    }
    if (this.stopped) return null;

    let fresh: FeedArticle[] = [];
    if (outcome.kind === 'ok') {
      const seen = new Set(feed.seen);
      fresh = this.toArticles(outcome.entries.filter((candidate) => !seen.has(candidate.hash)), feed, outcome.title ?? feed.title, this.options.maxItemsPerPoll ?? MAX_ITEMS_PER_POLL);
      try {
        // Cut short by a stop: nothing is recorded, so the items come again next time.
        if (!(await this.writeArticles(fresh))) return null;
      } catch (error) {
        // Not recorded as seen: the items come again next time, once the folder is writable.
        outcome = { kind: 'error', error: new FeedError('storage', `The feed's new articles could not be saved (${reasonOf(error)}); the data folder may be full or read-only.`) };
        fresh = [];
      }
    }
    return { id, url, outcome, fresh, at: this.now() };
  }

  /** Records a poll's outcomes in one write of feeds.json and returns the items to hand on. */
  private async record(polled: Polled[]): Promise<FeedArticle[]> {
    const log = this.options.log;
    const emitted: FeedArticle[][] = polled.map(() => []);
    const recoveredAfter: number[] = polled.map(() => 0);
    const stored: (StoredFeed | undefined)[] = [];
    try {
      await this.store.update((data) => {
        polled.forEach(({ id, outcome: done, fresh, at }, i) => {
          const feed = data.feeds.find((candidate) => candidate.id === id);
          stored[i] = feed;
          if (!feed) return;
          feed.lastFetchAt = at.toISOString();
          if (done.kind === 'error') {
            feed.consecutiveErrors += 1;
            feed.lastError = done.error.message;
            feed.nextFetchAt = new Date(at.getTime() + this.delayAfter(feed.consecutiveErrors, done.error.retryAfterSeconds)).toISOString();
            return;
          }
          recoveredAfter[i] = feed.consecutiveErrors;
          feed.consecutiveErrors = 0;
          feed.lastError = null;
          feed.lastOk = at.toISOString();
          feed.nextFetchAt = new Date(at.getTime() + this.options.intervalMs).toISOString();
          if (done.kind === 'ok') {
            const seen = new Set(feed.seen);
            const added = done.entries.filter((entry) => !seen.has(entry.hash));
            const addedHashes = new Set(added.map((entry) => entry.hash));
            emitted[i] = fresh.filter((item) => addedHashes.has(seenHash(item.itemKey)));
            feed.itemsSeen += added.length;
            feed.seen = mergeSeen(feed.seen, done.entries.map((entry) => entry.hash), this.seenLimit);
            feed.title = done.title ?? feed.title;
            feed.etag = done.etag;
            feed.lastModified = done.lastModified;
          }
        });
      });
    } catch (error) {
      // Neither memory nor the file took the poll: say so, and still hand the items on; the next poll hands them on again and delivery keys keep each alert single.
      log.error('feed_state_not_saved', { feeds: polled.map((p) => p.url), reason: reasonOf(error) });
    }
    polled.forEach(({ url, outcome: done }, i) => {
      const feed = stored[i];
      if (!feed) return;
      log.info('feed_fetched', { url, result: done.kind === 'error' ? done.error.code : done.kind, newItems: emitted[i]!.length });
      if (done.kind === 'error') {
        log.warn('feed_poll_failed', { url, code: done.error.code, reason: done.error.message, consecutiveErrors: feed.consecutiveErrors, nextFetchAt: feed.nextFetchAt });
      } else if (recoveredAfter[i]! > 0) {
        log.info('feed_recovered', { url, afterErrors: recoveredAfter[i] });
      }
      if (emitted[i]!.length > 0) log.info('feed_new_items', { url, count: emitted[i]!.length, ids: emitted[i]!.map((item) => item.article.id) });
    });
    return emitted.flat();
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
