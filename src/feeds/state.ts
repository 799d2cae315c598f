/** Who added a feed, from the command that added it. */
export interface AddedBy {
  userId: string;
  guildId: string | null;
  channelId: string;
}

/** One followed feed as stored in `feeds.json`. */
export interface StoredFeed {
  /** Internal, random: tells a feed from one re-added at the same address while a poll was running. */
  id: string;
  /** Whose feed it is: a guild id, "console", or null for a feed an operator added for every server. */
  owner: string | null;
  url: string;
  title: string | null;
  addedBy: AddedBy;
  addedAt: string;
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: string | null;
  lastOk: string | null;
  lastError: string | null;
  consecutiveErrors: number;
  nextFetchAt: string;
  /** Items recorded since the feed was added (the first fetch included); it only grows. */
  itemsSeen: number;
  /** 64-bit hashes of the item keys seen lately, oldest first, bounded (see SEEN_LIMIT). */
  seen: string[];
}

export interface FeedsFile {
  version: 1;
  feeds: StoredFeed[];
}

export const emptyFeedsFile = (): FeedsFile => ({ version: 1, feeds: [] });

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

function isStoredFeed(value: unknown): value is StoredFeed {
  if (typeof value !== 'object' || value === null) return false;
  const feed = value as Record<string, unknown>;
  const by = feed.addedBy as Record<string, unknown> | null | undefined;
  return (
    isString(feed.id) &&
    (feed.owner === undefined || isStringOrNull(feed.owner)) &&
    isString(feed.url) &&
    /^https?:\/\//.test(feed.url) &&
    isStringOrNull(feed.title) &&
    typeof by === 'object' &&
    by !== null &&
    isString(by.userId) &&
    isStringOrNull(by.guildId) &&
    isString(by.channelId) &&
    isString(feed.addedAt) &&
    isStringOrNull(feed.etag) &&
    isStringOrNull(feed.lastModified) &&
    isStringOrNull(feed.lastFetchAt) &&
    isStringOrNull(feed.lastOk) &&
    isStringOrNull(feed.lastError) &&
    Number.isInteger(feed.consecutiveErrors) &&
    isString(feed.nextFetchAt) &&
    !Number.isNaN(Date.parse(feed.nextFetchAt)) &&
    Number.isInteger(feed.itemsSeen) &&
    Array.isArray(feed.seen) &&
    feed.seen.every(isString)
  );
}

/**
 * The owner of a feed stored before feeds belonged to a server: the guild of
 * whoever added it (stored with every feed), else the console, which is the
 * only place a feed could be added without a guild. Never "every server":
 * that would widen who sees it.
 */
export function legacyOwner(feed: StoredFeed): string {
  return feed.addedBy.guildId ?? 'console';
}

/** The shape check JsonStore uses: a file that fails it is moved aside and a fresh one started (feeds without an owner pass; open() gives them one). */
export function isFeedsFile(data: unknown): data is FeedsFile {
  if (typeof data !== 'object' || data === null) return false;
  const file = data as Partial<FeedsFile>;
  return file.version === 1 && Array.isArray(file.feeds) && file.feeds.every(isStoredFeed);
}
