import type { QuoteRef } from '../store/historyStore';

export interface Subscription {
  id: string;
  guildId: string | null;
  channelId: string;
  topic: string;
  /** 0..1: the share of the topic's weight one sentence of an article must hold. */
  minScore: number;
  createdBy: string;
  createdAt: string;
  lastFiredAt: string | null;
  alertsSent: number;
  /** Set when the channel is gone or the bot may not post there; no alert is tried until resubscribed. */
  paused: { reason: string; at: string } | null;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

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
  quotes: QuoteRef[];
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  messageId?: string;
  /** Set when it went out in a digest: the digest's nonce, shared by every delivery in it (the digest counts once against the limits). */
  digest?: string;
  /** Why it is waiting, failed or was skipped, in words an admin can read. */
  note?: string;
}

export interface AlertFile {
  version: 1;
  subscriptions: Subscription[];
  deliveries: Delivery[];
}

export type PostResult = { ok: true; messageId: string } | { ok: false; permanent: boolean; reason: string };
