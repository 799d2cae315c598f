/** Feed defaults stated once: config.ts reads FEED_MAX_ITEMS over MAX_ITEMS_PER_POLL, and the feed service falls back to both. */

/** Item keys remembered per feed (at least all the items of its latest document). */
export const SEEN_LIMIT = 5_000;

/** New items taken from one feed in one poll (FEED_MAX_ITEMS); the rest are recorded as seen and skipped. */
export const MAX_ITEMS_PER_POLL = 50;
