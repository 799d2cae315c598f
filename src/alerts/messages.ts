import type { Article } from '../library/article';
import type { ScheduledDigestMessage } from './scheduledDigests';
import type { PostResult, Subscription } from './types';

export type { ScheduledDigestMessage } from './scheduledDigests';

/** What an alert says; the adapter turns it into a message. */
export interface AlertMessage {
  subscription: Subscription;
  article: Article;
  /** Places in `article.text` as it is now (currentQuotes.ts). */
  quotes: { start: number; end: number }[];
  score: number;
  reason?: string;
  /** The article was replaced since it matched: how many quotes it no longer holds, and whether its lead stands in for them all. */
  changed?: { lost: number; lead: boolean };
}

/**
 * Many alerts for one channel at once, posted as one message: a burst must not queue behind the hourly limit for days.
 * This burst digest is not the scheduled (daily, weekly) digest of a subscription's mode: see ScheduledDigestMessage.
 */
export interface DigestMessage {
  digest: { subscription: Subscription; article: Article; score: number }[];
}

/** Posts one message to a channel with its nonce: the adapter's side of delivery (nothing in src/alerts knows Discord). */
export type Poster = (
  channelId: string,
  alert: AlertMessage | DigestMessage | ScheduledDigestMessage,
  nonce: string,
) => Promise<PostResult>;
