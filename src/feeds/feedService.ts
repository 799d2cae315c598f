import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { JsonStore } from '../store/jsonStore';
import { parseFeedUrl } from './addressGuard';
import { sameAddress, withoutInvisible } from './addressText';
import { writeArticleFile } from './articleFile';
import { FeedError } from './feedError';
import { MAX_ITEMS_PER_POLL, SEEN_LIMIT } from './feedLimits';
import { readFeed, reasonOf, toArticles, type Entry, type FeedArticle, type ItemLimits } from './feedItems';
import { info, namedFeed, newFeed, storageError, type FeedInfo } from './feedRegistry';
import { FeedPoller } from './feedPoller';
import { mergeSeen } from './feedSchedule';
import { FetchCancelled, fetchDocument, type FetchLimits, type FetchSubject } from './fetchDocument';
import { migrateToOwners, ownerFolder } from './migrateToOwners';
import { emptyFeedsFile, isFeedsFile } from './state';
import type { AddedBy, FeedsFile, StoredFeed } from './state';

export type { AddedBy } from './state';
export type { FeedArticle } from './feedItems';
export { info, type FeedInfo } from './feedRegistry';
export { mergeSeen } from './feedSchedule';

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
  /** The largest article file the library loads (MAX_ARTICLE_BYTES): a longer item is cut at a sentence to fit. Default: no limit. */
  maxArticleBytes?: number;
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

export { MAX_ITEMS_PER_POLL, SEEN_LIMIT } from './feedLimits';
const isOwnerFolder = (name: string) => name === 'all' || name === 'console' || /^\d{1,20}$/.test(name);
const stopping = () => new FeedError('stopped', 'The bot is shutting down; try again in a moment.');

/**
 * Follows RSS and Atom feeds: polls each on an interval with conditional
 * requests, backs off on errors, and turns items never seen before into
 * articles (also written to `feed-articles/` so the library has them after a
 * restart). Knows nothing of Discord. State: one JsonStore file, feeds.json.
 * In parts: reading a document into items and articles (feedItems.ts), the
 * feeds and their owners (feedRegistry.ts), the poll loop (feedPoller.ts)
 * and what a poll leaves in a feed's record (feedSchedule.ts).
 */
export class FeedService {
  private readonly stopping = new AbortController();
  private readonly poller: FeedPoller;
  private started = false;
  private stopped = false;

  protected constructor(
    private readonly store: JsonStore<FeedsFile>,
    private readonly options: FeedOptions,
    private readonly dir: string,
  ) {
    this.poller = new FeedPoller({
      store,
      log: options.log,
      intervalMs: options.intervalMs,
      seenLimit: this.seenLimit,
      itemLimits: this.itemLimits(),
      concurrency: options.concurrency,
      limits: () => this.limits,
      writeArticles: (items) => this.writeArticles(items),
      stopped: () => this.stopped,
      now: () => this.now(),
    });
  }

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
    const existed = await readdir(join(this.dir, ownerFolder(owner))).then(
      (names) => names.includes(`${articleId}.md`),
      () => false,
    );
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
    return this.store.data.feeds.find((feed) => feed.owner === owner && sameAddress(feed.url, url));
  }

  private itemLimits(): ItemLimits {
    return {
      maxItems: this.options.maxItemsPerPoll ?? MAX_ITEMS_PER_POLL,
      maxFileBytes: this.options.maxArticleBytes ?? Number.POSITIVE_INFINITY,
    };
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
   * most `maxBytes` (never more than FEED_MAX_BYTES). Throws a FeedError
   * whose message names what was fetched and the size setting that applied.
   */
  async fetchText(
    url: string,
    maxBytes: number,
    what: { noun: string; sizeSetting: string } = { noun: 'file', sizeSetting: 'the size limit' },
  ): Promise<{ text: string; url: string; contentType: string | null }> {
    const capped = maxBytes > this.options.maxBytes;
    const subject: FetchSubject = { noun: what.noun, sizeSetting: capped ? 'FEED_MAX_BYTES' : what.sizeSetting, polled: false };
    try {
      const result = await fetchDocument(
        parseFeedUrl(url).href,
        { etag: null, lastModified: null },
        { ...this.limits, maxBytes: capped ? this.options.maxBytes : maxBytes, subject },
      );
      if (result.kind !== 'ok') throw new FeedError('http_status', 'The site answered "not modified" to a first request.');
      return { text: result.text, url: result.url, contentType: result.contentType };
    } catch (error) {
      if (error instanceof FetchCancelled) throw stopping();
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
  async add(
    url: string,
    addedBy: AddedBy,
    owner: string | null,
    options: { backfill?: boolean } = {},
  ): Promise<{ feed: FeedInfo; itemsSeen: number; imported: FeedArticle[] }> {
    const address = parseFeedUrl(url).href;
    const already = () => new FeedError('already_followed', `That feed is already followed here: ${address}`);
    if (this.find(owner, address)) throw already();
    let document: Extract<Awaited<ReturnType<typeof readFeed>>, { kind: 'ok' }>;
    try {
      const read = await readFeed(address, { etag: null, lastModified: null }, this.limits, this.seenLimit);
      if (read.kind !== 'ok')
        throw new FeedError('http_status', 'The site answered "not modified" to a first request, so there is no feed to read.');
      document = read;
    } catch (error) {
      if (error instanceof FetchCancelled) throw stopping();
      throw error;
    }
    const { title, entries, etag, lastModified } = document;
    const hashes = entries.map((entry: Entry) => entry.hash);
    let imported: FeedArticle[] = [];
    if (options.backfill) {
      imported = toArticles(entries, { url: address, owner }, title, this.itemLimits(), this.options.log, () => this.stopped);
      try {
        if (!(await this.writeArticles(imported))) throw stopping();
      } catch (error) {
        if (error instanceof FeedError) throw error;
        throw new FeedError(
          'storage',
          `The feed's articles could not be saved (${reasonOf(error)}); the data folder may be full or read-only.`,
        );
      }
    }
    let feed: StoredFeed;
    try {
      feed = await this.store.update((data) => {
        if (data.feeds.some((existing) => existing.owner === owner && sameAddress(existing.url, address))) throw already();
        const added = newFeed(
          { url: address, owner, title, addedBy, etag, lastModified, seen: mergeSeen([], hashes, this.seenLimit) },
          this.now(),
          this.options.intervalMs,
        );
        data.feeds.push(added);
        return added;
      });
    } catch (error) {
      if (error instanceof FeedError) throw error;
      throw storageError(error);
    }
    this.options.log.info('feed_added', {
      url: address,
      owner,
      title,
      itemsSeen: hashes.length,
      imported: imported.length,
      userId: addedBy.userId,
      guildId: addedBy.guildId,
      channelId: addedBy.channelId,
    });
    if (imported.length > 0) this.options.onImported?.(imported);
    return { feed: info(feed), itemsSeen: hashes.length, imported };
  }

  /**
   * Stops following one of the owner's feeds, named by its id (what
   * autocomplete offers) or its address; false when the owner follows no
   * such feed. Its articles already written stay in the owner's library.
   */
  async remove(ref: string, owner: string | null): Promise<boolean> {
    const wanted = withoutInvisible(ref).trim();
    let address = wanted;
    try {
      address = parseFeedUrl(wanted).href;
    } catch {
      // not an address: an id
    }
    const matches = namedFeed(owner, wanted, address);
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
   * articles (see FeedPoller.pollDue). Calls are serialised.
   */
  pollDue(): Promise<FeedArticle[]> {
    return this.poller.pollDue();
  }

  /** Polls due feeds every few seconds and hands new items to `onArticles` (see FeedPoller.start). */
  start(onArticles: (items: FeedArticle[]) => Promise<void>): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.poller.start(onArticles, this.options.tickMs ?? 5_000);
  }

  /** Stops the loop, cancels fetches in flight (those feeds are simply polled next time), waits for the poll and the writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await this.poller.stop();
    await this.store.flush();
  }
}
