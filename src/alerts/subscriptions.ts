import { randomBytes } from 'node:crypto';
import { tokens } from '../search/analyzer';
import type { Scope } from '../store/historyStore';
import { UserError } from '../userError';
import type { AlertStore } from './alertStore';
import type { AlertLimits } from './limits';
import { advance } from './outbox';
import { TopicMatcher } from './topicMatcher';
import { parseTopicQuery } from './topicQuery';
import type { AlertMode, Subscription } from './types';

const TOPIC_MAX = 100;

/** How a channel's subscription is doing, as /subscriptions shows it. */
export interface SubscriptionStatus {
  subscription: Subscription;
  /** Alerts waiting for a limit or a retry, and alerts given up. */
  waiting: number;
  failed: number;
  /** Why the first waiting alert waits. */
  note?: string;
  /** Matches held for a daily or weekly digest. */
  collected: number;
  /** A digest recorded but not yet fully posted: why it waits (a limit, a retry), or that it is going out. */
  digestWaiting?: string;
}

export interface SubscribeOptions {
  /** Whether alerts open a thread, and why not when one was asked for. */
  thread?: { on: boolean; note?: string };
  /** Instant, or a daily or weekly digest. */
  mode?: AlertMode;
}

/**
 * A topic as typed, cleaned and checked: one that could never match is
 * refused with a reason the user can act on.
 */
export function checkTopic(topic: string): string {
  const cleaned = topic.replace(/\s+/g, ' ').trim();
  if (!cleaned) throw new UserError('Please give a topic, for example: Taiwan Strait.');
  if (cleaned.length > TOPIC_MAX) throw new UserError(`A topic is a short query of at most ${TOPIC_MAX} characters.`);
  const query = parseTopicQuery(cleaned);
  if (query.alternatives.some((side) => TopicMatcher.termsOf(side.words).length === 0)) {
    throw new UserError(
      query.alternatives.length > 1
        ? 'One side of the OR has no words I can match (only very common words). Name who or what you want to follow on each side.'
        : 'That topic has no words I can match (only very common words). Try naming who or what you want to follow.',
    );
  }
  const idle = query.exclusions.find((e) => tokens(e.text).length === 0);
  if (idle)
    throw new UserError(`“-${idle.text}” leaves out nothing I can match. Leave out a word of two letters or more, or a quoted phrase.`);
  return cleaned;
}

/**
 * The subscription a typed topic names among a channel's, whatever the case
 * and spacing ("europe" for "Europe"): the one written exactly so first. Two
 * that differ only in case, neither typed exactly, are asked about.
 */
function topicNamed(inChannel: Subscription[], typed: string): Subscription | undefined {
  const wanted = typed.replace(/\s+/g, ' ').trim();
  const exact = inChannel.find((s) => s.topic === wanted);
  if (exact) return exact;
  const folded = inChannel.filter((s) => s.topic.toLowerCase() === wanted.toLowerCase());
  if (folded.length > 1)
    throw new UserError(`This channel follows ${folded.map((s) => `“${s.topic}”`).join(' and ')}: give the topic written as one of them.`);
  return folded[0];
}

/** A channel's subscriptions in its guild's alert file: adding, resuming, removing and listing them. */
export class Subscriptions {
  constructor(
    private readonly store: AlertStore,
    private readonly limits: AlertLimits,
    private readonly now: () => Date,
  ) {}

  /**
   * Adds a subscription, or resumes and updates the channel's one to the same
   * topic. Options are set only when given: a resubscription without them
   * keeps the old choice (a new subscription is instant, without a thread).
   */
  async subscribe(
    scope: Scope,
    topic: string,
    minScore: number,
    userId: string,
    options: SubscribeOptions = {},
  ): Promise<{ subscription: Subscription; resumed: boolean }> {
    const { mode, thread } = options;
    const file = await this.store.file(scope.guildId);
    return file.update((data) => {
      const inChannel = data.subscriptions.filter((s) => s.channelId === scope.channelId);
      const existing = topicNamed(inChannel, topic);
      if (existing) {
        const wasPaused = existing.paused !== null;
        existing.paused = null;
        existing.minScore = minScore;
        if (thread) Object.assign(existing, { thread: thread.on, threadNote: thread.note });
        if (mode && mode !== (existing.mode ?? 'instant')) {
          existing.mode = mode;
          if (mode === 'instant') {
            const held = data.deliveries.filter((d) => d.subscriptionId === existing.id && d.status === 'collected' && !d.digest);
            advance(data, held, { kind: 'released' }, this.now().getTime(), this.limits);
          }
        }
        return { subscription: existing, resumed: wasPaused };
      }
      if (inChannel.length >= this.limits.topicsPerChannel) {
        throw new UserError(
          `This channel already follows ${inChannel.length} topics, the limit (MAX_TOPICS_PER_CHANNEL). Remove one with /unsubscribe first.`,
        );
      }
      const created: Subscription = {
        id: randomBytes(6).toString('base64url'),
        guildId: scope.guildId,
        channelId: scope.channelId,
        topic,
        minScore,
        createdBy: userId,
        createdAt: this.now().toISOString(),
        lastFiredAt: null,
        alertsSent: 0,
        paused: null,
        mode: mode ?? 'instant',
      };
      if (thread) Object.assign(created, { thread: thread.on, threadNote: thread.note });
      data.subscriptions.push(created);
      return { subscription: created, resumed: false };
    });
  }

  /** Removes the channel's subscription named by its topic or id; what it had waiting is skipped. */
  async unsubscribe(scope: Scope, topic: string): Promise<Subscription | undefined> {
    const file = await this.store.file(scope.guildId);
    return file.update((data) => {
      const inChannel = data.subscriptions.filter((s) => s.channelId === scope.channelId);
      const named = inChannel.find((s) => s.id === topic.trim()) ?? topicNamed(inChannel, topic);
      if (!named) return undefined;
      const at = data.subscriptions.indexOf(named);
      const [subscription] = data.subscriptions.splice(at, 1) as [Subscription];
      const waiting = data.deliveries.filter(
        (d) => d.subscriptionId === subscription.id && (d.status === 'pending' || d.status === 'collected'),
      );
      advance(data, waiting, { kind: 'skipped', note: 'unsubscribed' }, this.now().getTime(), this.limits);
      if (data.digests)
        data.digests = data.digests.map((digest) =>
          digest.subscriptionId === subscription.id && digest.status === 'pending'
            ? { ...digest, status: 'skipped', note: 'unsubscribed' }
            : digest,
        );
      return subscription;
    });
  }

  /** The channel's subscriptions with how many alerts wait or failed, and for a digest subscription how many matches it holds. */
  async list(scope: Scope): Promise<SubscriptionStatus[]> {
    const file = await this.store.file(scope.guildId);
    return file.data.subscriptions
      .filter((s) => s.channelId === scope.channelId)
      .map((subscription) => {
        const mine = file.data.deliveries.filter((d) => d.subscriptionId === subscription.id);
        const waiting = mine.filter((d) => d.status === 'pending');
        const collected = mine.filter((d) => d.status === 'collected' && !d.digest).length;
        const digest = file.data.digests?.find((d) => d.subscriptionId === subscription.id && d.status === 'pending');
        const digestWaiting = digest ? (digest.note ?? 'being posted') : undefined;
        return {
          subscription,
          waiting: waiting.length,
          failed: mine.filter((d) => d.status === 'failed').length,
          note: waiting.find((d) => d.note)?.note,
          collected,
          digestWaiting,
        };
      });
  }

  async topics(scope: Scope): Promise<string[]> {
    const file = await this.store.file(scope.guildId);
    return file.data.subscriptions.filter((s) => s.channelId === scope.channelId).map((s) => s.topic);
  }
}
