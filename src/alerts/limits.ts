/**
 * The alert limits and their defaults, stated once: config.ts reads the
 * environment over these defaults (MAX_TOPICS_PER_CHANNEL, ALERTS_PER_HOUR,
 * ALERTS_PER_DAY, ALERT_MIN_SCORE, DIGEST_HOUR).
 */
export interface AlertLimits {
  topicsPerChannel: number;
  perHour: number;
  perDay: number;
  defaultMinScore: number;
  /** First retry delay after a failed post; doubles per attempt up to an hour. */
  retryBaseMs: number;
  /** Attempts before a delivery is given up (with an error line and a note in /subscriptions). */
  maxAttempts: number;
  /** DIGEST_HOUR: the UTC hour daily and weekly digests fall due (weekly on Mondays). */
  digestHour: number;
}

export const defaultAlertLimits: AlertLimits = {
  topicsPerChannel: 25,
  perHour: 10,
  perDay: 50,
  defaultMinScore: 0.7,
  retryBaseMs: 30_000,
  maxAttempts: 12,
  digestHour: 8,
};

/** Alert posts count against Discord's global limit of 50 requests a second; stay well under it. */
export const ALERT_POSTS_PER_SECOND = 20;

/** More alerts than this waiting for one channel go out as one (burst) digest. */
export const DIGEST_AFTER = 3;

export const HOUR = 3_600_000;

/** Finished deliveries and digests are kept this long, so a re-sent article is recognised; then they go. */
export const KEEP_FINISHED_MS = 180 * 24 * HOUR;
