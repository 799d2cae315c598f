import type { Logger } from '../log';
import type { JsonStore } from '../store/jsonStore';
import { FeedError } from './feedError';
import { readFeed, reasonOf, toArticles, type FeedArticle, type ItemLimits } from './feedItems';
import { applyPoll, type Polled } from './feedSchedule';
import { FetchCancelled, type FetchLimits } from './fetchDocument';
import type { FeedsFile, StoredFeed } from './state';

export interface FeedPollerDeps {
  store: JsonStore<FeedsFile>;
  log: Logger;
  intervalMs: number;
  seenLimit: number;
  itemLimits: ItemLimits;
  /** Feeds fetched at the same time by one poll; default 4. */
  concurrency: number | undefined;
  /** The fetch limits, with the signal that cancels fetches in flight when the service stops. */
  limits: () => FetchLimits;
  /** Writes the articles' files; false when stopping cut it short. */
  writeArticles: (items: FeedArticle[]) => Promise<boolean>;
  stopped: () => boolean;
  now: () => Date;
}

/**
 * The polling of feeds.json's feeds: which are due, a few fetched at a time,
 * each poll recorded in one write, and the loop that runs it every few
 * seconds. What a poll leaves in a feed's record is feedSchedule.ts's.
 */
export class FeedPoller {
  private pollChain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> | null = null;

  constructor(private readonly deps: FeedPollerDeps) {}

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
    if (this.deps.stopped()) return [];
    const now = this.deps.now().getTime();
    const due = this.deps.store.data.feeds.filter((feed) => Date.parse(feed.nextFetchAt) <= now).map((feed) => feed.id);
    const results: (Polled | null)[] = due.map(() => null);
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.deps.stopped()) {
        const index = next++;
        const id = due[index] ?? '';
        try {
          results[index] = await this.pollFeed(id);
        } catch (error) {
          // A bug, not a feed problem: the other feeds go on; say which feed.
          this.deps.log.error('feed_poll_crashed', {
            url: this.deps.store.data.feeds.find((feed) => feed.id === id)?.url,
            reason: reasonOf(error),
            stack: (error as Error)?.stack,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, this.deps.concurrency ?? 4), due.length) }, worker));
    const polled = results.filter((result): result is Polled => result !== null);
    if (polled.length === 0) return [];
    return this.record(polled);
  }

  /** Fetches and reads one feed and writes its new articles' files; null when it is gone or stopping cut it short. */
  private async pollFeed(id: string): Promise<Polled | null> {
    const log = this.deps.log;
    const feed = this.deps.store.data.feeds.find((candidate) => candidate.id === id);
    if (!feed) return null;
    const url = feed.url;
    let outcome: Polled['outcome'];
    try {
      outcome = await readFeed(url, { etag: feed.etag, lastModified: feed.lastModified }, this.deps.limits(), this.deps.seenLimit);
    } catch (error) {
      if (error instanceof FetchCancelled) return null;
      if (!(error instanceof FeedError)) log.error('feed_poll_crashed', { url, reason: reasonOf(error), stack: (error as Error)?.stack });
      outcome = {
        kind: 'error',
        error:
          error instanceof FeedError
            ? error
            : new FeedError('malformed', 'The feed could not be read because of an unexpected error; see the log.'),
      };
    }
    if (this.deps.stopped()) return null;

    let fresh: FeedArticle[] = [];
    if (outcome.kind === 'ok') {
      const seen = new Set(feed.seen);
      fresh = toArticles(
        outcome.entries.filter((candidate) => !seen.has(candidate.hash)),
        feed,
        outcome.title ?? feed.title,
        this.deps.itemLimits,
        log,
        () => this.deps.stopped(),
      );
      try {
        // Cut short by a stop: nothing is recorded, so the items come again next time.
        if (!(await this.deps.writeArticles(fresh))) return null;
      } catch (error) {
        // Not recorded as seen: the items come again next time, once the folder is writable.
        outcome = {
          kind: 'error',
          error: new FeedError(
            'storage',
            `The feed's new articles could not be saved (${reasonOf(error)}); the data folder may be full or read-only.`,
          ),
        };
        fresh = [];
      }
    }
    return { id, url, outcome, fresh, at: this.deps.now() };
  }

  /** Records a poll's outcomes in one write of feeds.json and returns the items to hand on. */
  private async record(polled: Polled[]): Promise<FeedArticle[]> {
    const log = this.deps.log;
    const emitted: FeedArticle[][] = polled.map(() => []);
    const recoveredAfter: number[] = polled.map(() => 0);
    const stored: (StoredFeed | undefined)[] = [];
    try {
      await this.deps.store.update((data) => {
        polled.forEach((poll, i) => {
          const feed = data.feeds.find((candidate) => candidate.id === poll.id);
          stored[i] = feed;
          if (!feed) return;
          ({ emitted: emitted[i], recoveredAfter: recoveredAfter[i] } = applyPoll(feed, poll, this.deps.intervalMs, this.deps.seenLimit));
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
        log.warn('feed_poll_failed', {
          url,
          code: done.error.code,
          reason: done.error.message,
          consecutiveErrors: feed.consecutiveErrors,
          nextFetchAt: feed.nextFetchAt,
        });
      } else if (recoveredAfter[i]! > 0) {
        log.info('feed_recovered', { url, afterErrors: recoveredAfter[i] });
      }
      if (emitted[i]!.length > 0)
        log.info('feed_new_items', { url, count: emitted[i]!.length, ids: emitted[i]!.map((item) => item.article.id) });
    });
    return emitted.flat();
  }

  /**
   * Polls due feeds every `tickMs` (an unref'd timer: it does not keep the
   * process alive) and hands new items to `onArticles`. A failure is logged;
   * the loop goes on. Items are handed on even while stopping, since they are
   * already recorded as seen.
   */
  start(onArticles: (items: FeedArticle[]) => Promise<void>, tickMs: number): void {
    const run = async () => {
      try {
        const items = await this.pollDue();
        if (items.length > 0) await onArticles(items);
      } catch (error) {
        this.deps.log.error('feed_loop_failed', { reason: reasonOf(error) });
      }
    };
    const schedule = (delay: number) => {
      if (this.deps.stopped()) return;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.tick = run().finally(() => {
          this.tick = null;
          schedule(tickMs);
        });
      }, delay);
      this.timer.unref();
    };
    schedule(0);
  }

  /** Ends the loop (the service has said it stops) and waits for the poll in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tick;
    await this.pollChain;
  }
}
