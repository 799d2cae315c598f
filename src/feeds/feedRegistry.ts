/**
 * The feeds followed and whose each is (a guild id, "console", or null for
 * every server): what a feed is stored as when added, and what list() shows.
 */
import { randomBytes } from 'node:crypto';
import { StoreWriteError } from '../store/jsonStore';
import { sameAddress } from './addressText';
import { FeedError } from './feedError';
import { reasonOf } from './feedItems';
import type { AddedBy, StoredFeed } from './state';

/** A followed feed as list() shows it: what is stored, less the request validators and seen-item hashes. Times are ISO strings. */
export type FeedInfo = Omit<StoredFeed, 'etag' | 'lastModified' | 'seen'>;

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

/** A feed just fetched for the first time, as stored: its items all seen, its next fetch one interval away. */
export function newFeed(
  fields: {
    url: string;
    owner: string | null;
    title: string | null;
    addedBy: AddedBy;
    etag: string | null;
    lastModified: string | null;
    seen: string[];
  },
  at: Date,
  intervalMs: number,
): StoredFeed {
  const { url, owner, title, addedBy, etag, lastModified, seen } = fields;
  return {
    id: randomBytes(6).toString('hex'),
    owner,
    url,
    title,
    addedBy: { userId: addedBy.userId, guildId: addedBy.guildId, channelId: addedBy.channelId },
    addedAt: at.toISOString(),
    etag,
    lastModified,
    lastFetchAt: at.toISOString(),
    lastOk: at.toISOString(),
    lastError: null,
    consecutiveErrors: 0,
    nextFetchAt: new Date(at.getTime() + intervalMs).toISOString(),
    itemsSeen: seen.length,
    seen,
  };
}

/** The owner's feed named by its id (what autocomplete offers) or its address. */
export const namedFeed = (owner: string | null, id: string, address: string) => (feed: StoredFeed) =>
  feed.owner === owner && (feed.id === id || sameAddress(feed.url, address));

export function storageError(error: unknown): FeedError {
  return new FeedError(
    'storage',
    `The feed list could not be saved (${error instanceof StoreWriteError ? error.message : reasonOf(error)}); the data folder may be full or read-only.`,
  );
}
