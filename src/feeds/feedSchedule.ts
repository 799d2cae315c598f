/**
 * When each feed is fetched next, and what a poll leaves in a feed's record:
 * pure functions of the record, the poll and the time.
 */
import type { FeedError } from './feedError';
import type { FeedArticle, FeedDocument } from './feedItems';
import { seenHash } from './itemArticle';
import type { StoredFeed } from './state';

const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/** One feed's poll, before it is recorded. */
export interface Polled {
  id: string;
  url: string;
  outcome: FeedDocument | { kind: 'error'; error: FeedError };
  /** The new items, already written to their files. */
  fresh: FeedArticle[];
  at: Date;
}

/** Delay before the next fetch after `errors` failures in a row: the interval doubled per error, capped at 24 intervals or 6 h, and at least what Retry-After asked. */
export function delayAfter(errors: number, retryAfterSeconds: number | null, interval: number): number {
  if (errors === 0) return interval;
  const cap = Math.max(interval, Math.min(24 * interval, MAX_BACKOFF_MS));
  let delay = Math.min(interval * 2 ** Math.min(errors, 30), cap);
  if (retryAfterSeconds !== null) delay = Math.min(Math.max(delay, retryAfterSeconds * 1000), cap);
  return delay;
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

/**
 * Records one poll in the feed's record (on a draft of feeds.json): the
 * times, the error count and backoff, the seen-set. Returns the items to
 * hand on (those not seen before) and the errors in a row it recovered from.
 */
export function applyPoll(
  feed: StoredFeed,
  { outcome, fresh, at }: Polled,
  intervalMs: number,
  seenLimit: number,
): { emitted: FeedArticle[]; recoveredAfter: number } {
  feed.lastFetchAt = at.toISOString();
  if (outcome.kind === 'error') {
    feed.consecutiveErrors += 1;
    feed.lastError = outcome.error.message;
    feed.nextFetchAt = new Date(
      at.getTime() + delayAfter(feed.consecutiveErrors, outcome.error.retryAfterSeconds, intervalMs),
    ).toISOString();
    return { emitted: [], recoveredAfter: 0 };
  }
  const recoveredAfter = feed.consecutiveErrors;
  feed.consecutiveErrors = 0;
  feed.lastError = null;
  feed.lastOk = at.toISOString();
  feed.nextFetchAt = new Date(at.getTime() + intervalMs).toISOString();
  if (outcome.kind !== 'ok') return { emitted: [], recoveredAfter };
  const seen = new Set(feed.seen);
  const added = outcome.entries.filter((entry) => !seen.has(entry.hash));
  const addedHashes = new Set(added.map((entry) => entry.hash));
  feed.itemsSeen += added.length;
  feed.seen = mergeSeen(
    feed.seen,
    outcome.entries.map((entry) => entry.hash),
    seenLimit,
  );
  feed.title = outcome.title ?? feed.title;
  feed.etag = outcome.etag;
  feed.lastModified = outcome.lastModified;
  return { emitted: fresh.filter((item) => addedHashes.has(seenHash(item.itemKey))), recoveredAfter };
}
