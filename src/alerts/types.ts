import type { QuoteRef } from '../store/historyStore';

export interface Subscription {
  id: string;
  guildId: string | null;
  channelId: string;
  topic: string;
  /** 0.05..1, the strictness: the share of the topic's weight that must be prominent in an article (src/alerts/MATCHING.md). */
  minScore: number;
  createdBy: string;
  createdAt: string;
  lastFiredAt: string | null;
  alertsSent: number;
  /** Set when the channel is gone or the bot may not post there; no alert is tried until resubscribed. */
  paused: { reason: string; at: string } | null;
  /** Each alert opens a thread named after the article (absent in subscriptions made before threads: no thread). */
  thread?: boolean;
  /** Why alerts go without the thread that was asked for (no permission, the console, the last thread failed). */
  threadNote?: string;
  /** How matches reach the channel: each as its own alert (absent: instant, as before modes), or collected into a daily or weekly digest. */
  mode?: AlertMode;
  /** Scheduled digests posted (absent: none yet). */
  digestsSent?: number;
}

/** `instant`: one alert per article; `daily`/`weekly`: the period's matches in one scheduled digest at DIGEST_HOUR (src/alerts/digestSchedule.ts). */
export type AlertMode = 'instant' | DigestMode;
export type DigestMode = 'daily' | 'weekly';

/** `collected`: a match kept for its subscription's scheduled digest, not posted on its own. */
export type DeliveryStatus = 'pending' | 'collected' | 'sent' | 'failed' | 'skipped';

/**
 * A quote of an alert: where it was in the article when it matched, and its text then. The article
 * may be replaced under the same id before the alert is posted (hours behind a limit, a week in a
 * digest): the text is what tells whether the place still holds it (currentQuotes.ts).
 */
export interface AlertQuote extends QuoteRef {
  /** Absent in rows recorded before quotes kept their text, and in finished rows (it is no longer needed). */
  text?: string;
}

/**
 * One alert for one (subscription, article): the outbox row that makes
 * delivery exactly-once. It is written before posting; the post carries its
 * nonce, so a repeat after a crash is recognised by Discord (enforce_nonce).
 */
export interface Delivery {
  /** `${subscriptionId}:${articleId}`: at most one alert per (channel, topic, article). */
  key: string;
  subscriptionId: string;
  channelId: string;
  articleId: string;
  nonce: string;
  status: DeliveryStatus;
  score: number;
  /** Why the article matched, as the alert says it ("the topic is in the headline"); absent in deliveries recorded before reasons. */
  reason?: string;
  quotes: AlertQuote[];
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  messageId?: string;
  /** The thread opened on the alert, when its subscription asks for one. */
  threadId?: string;
  /**
   * The nonce of the post it goes out in, written just before that post is first tried: its own nonce
   * when posted alone, a burst digest's (shared by every row listed in it) otherwise. A retry posts
   * exactly the rows of that first try, with that nonce, so a post Discord took is recognised, not
   * repeated, and a row that came later never hides behind it. Absent: not tried yet (or tried before
   * this was recorded: it is retried alone).
   */
  postNonce?: string;
  /**
   * Set when it went out in a burst digest: the digest's nonce, shared by every delivery in it (the digest counts once against the limits).
   * For a match collected for a scheduled digest: that digest's key, set when the digest is recorded.
   */
  digest?: string;
  /** Why it is waiting, failed or was skipped, in words an admin can read. */
  note?: string;
}

/**
 * One scheduled (daily or weekly) digest of one subscription: the outbox row
 * that makes it exactly-once per (channel, topic, period). It is written,
 * with its pages fixed, before the first page is posted; page N carries the
 * nonce `${nonce}-N`, so a page repeated after a crash is recognised.
 */
export interface ScheduledDigest {
  /** `${subscriptionId}:${dueAt}`: at most one digest per subscription and period. */
  key: string;
  subscriptionId: string;
  channelId: string;
  mode: DigestMode;
  /** The period it covers: from (earliest of the period's start and its oldest match) to dueAt. */
  from: string;
  dueAt: string;
  /** The keys of the deliveries listed, page by page, best match first. */
  pages: string[][];
  /** Matches beyond the last page, counted on it. */
  more: number;
  nonce: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  /** Pages already posted. */
  posted: number;
  messageIds: string[];
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  note?: string;
}

export interface AlertFile {
  version: 1;
  subscriptions: Subscription[];
  deliveries: Delivery[];
  /** Absent in files from before scheduled digests. */
  digests?: ScheduledDigest[];
}

/** A thread on a posted alert: opened (its id), or why not; a failed thread never makes the alert post again. */
export type ThreadResult = { id: string } | { error: string };

export type PostResult = { ok: true; messageId: string; thread?: ThreadResult } | { ok: false; permanent: boolean; reason: string };
