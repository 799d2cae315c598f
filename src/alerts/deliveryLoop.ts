import type { Article } from '../library/article';
import type { Library } from '../library/library';
import type { Logger } from '../log';
import type { JsonStore } from '../store/jsonStore';
import type { AlertStore } from './alertStore';
import { currentQuotes } from './currentQuotes';
import { ALERT_POSTS_PER_SECOND, type AlertLimits } from './limits';
import type { DigestMessage, Poster } from './messages';
import { advance, limitReached, plannedPosts, type DeliveryOutcome, type PlannedPost } from './outbox';
import { DigestScheduler } from './scheduledDigests';
import type { AlertFile, Delivery, PostResult, Subscription } from './types';
import { viewerOfGuild } from './viewers';

export interface DeliveryLoopDeps {
  store: AlertStore;
  library: Library;
  limits: AlertLimits;
  log: Logger;
  now: () => Date;
  /** A subscription whose pause changed, for the matcher. */
  reindex: (subscription: Subscription) => void;
}

/**
 * The delivery loop: posts the outbox's due rows through the adapter's
 * poster, one run at a time, on a timer and whenever rows are queued. Each
 * row's next state comes from the outbox (outbox.ts) and is written after
 * the post; the row itself was written before, with the nonce the post
 * carries, so a crash between the two never posts twice.
 */
export class DeliveryLoop {
  private poster: Poster | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastPostAt = -Infinity;
  readonly digests: DigestScheduler;

  constructor(private readonly deps: DeliveryLoopDeps) {
    const { library, limits, log, now } = deps;
    this.digests = new DigestScheduler({
      library,
      viewerOf: viewerOfGuild,
      hour: limits.digestHour,
      retry: limits,
      log,
      now,
      post: (channelId, message, nonce) => this.post(channelId, message, nonce),
      limitReached: (data, channelId, at) => limitReached(data, channelId, at, limits),
      pace: () => this.pace(),
      reindex: deps.reindex,
      stopped: () => this.stopped,
    });
  }

  /** Starts delivering (and retrying on a timer) through the adapter's poster. */
  start(poster: Poster, tickMs: number): void {
    this.poster = poster;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), tickMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops the timer and waits for the run in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs the delivery loop (once at a time; a kick during a run runs it again after). */
  kick(): void {
    if (!this.poster || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .catch((error: unknown) => this.deps.log.error('alert_delivery_failed', { error: (error as Error).stack ?? String(error) }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no delivery is running or queued (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** A row's subscription and article, or why it can no longer go out. */
  private resolve(data: AlertFile, delivery: Delivery): { subscription: Subscription; article: Article } | { skip: string } {
    const subscription = data.subscriptions.find((s) => s.id === delivery.subscriptionId);
    if (!subscription) return { skip: 'the subscription was removed' };
    if (subscription.paused) return { skip: `paused: ${subscription.paused.reason}` };
    const article = this.deps.library.get(delivery.articleId, viewerOfGuild(subscription.guildId));
    return article ? { subscription, article } : { skip: 'the article left the library' };
  }

  private post(...args: Parameters<Poster>): Promise<PostResult> {
    this.lastPostAt = performance.now();
    return this.poster!(...args);
  }

  private async deliverDue(): Promise<void> {
    for (const file of await this.deps.store.openAll()) {
      const due = file.data.deliveries
        .filter((d) => d.status === 'pending' && Date.parse(d.nextAttemptAt) <= this.deps.now().getTime())
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const byChannel = new Map<string, Delivery[]>();
      for (const delivery of due) byChannel.set(delivery.channelId, [...(byChannel.get(delivery.channelId) ?? []), delivery]);
      const posts = [...byChannel.values()].map(plannedPosts);
      await this.recordPosts(file, posts.flat(), this.deps.now().getTime());
      for (const channelPosts of posts) {
        for (const post of channelPosts) {
          if (this.stopped) return;
          await this.pace();
          if (post.burst) await this.deliverDigest(file, post);
          else await this.deliver(file, post);
        }
      }
      // Scheduled digests ride the same loop, so whoever delivers a guild's alerts delivers its digests.
      if (this.stopped) return;
      await this.digests.run(file);
    }
  }

  /** Waits so alert posts stay under ALERT_POSTS_PER_SECOND. */
  private async pace(): Promise<void> {
    const wait = this.lastPostAt + 1000 / ALERT_POSTS_PER_SECOND - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** Writes the rows' next states after `outcome` at time `at`; returns them. */
  private settle(file: JsonStore<AlertFile>, rows: Delivery[], outcome: DeliveryOutcome, at: number): Promise<Delivery[]> {
    return file.update((data) => advance(data, rows, outcome, at, this.deps.limits));
  }

  /** A channel refused for good: all its subscriptions pause (and leave the matcher) along with the rows. */
  private async pause(file: JsonStore<AlertFile>, rows: Delivery[], channelId: string, reason: string, at: string): Promise<void> {
    await file.update((data) => {
      for (const s of data.subscriptions) if (s.channelId === channelId) s.paused = { reason, at };
      advance(data, rows, { kind: 'refused', reason }, Date.parse(at), this.deps.limits);
    });
    for (const s of file.data.subscriptions) if (s.channelId === channelId) this.deps.reindex(s);
  }

  /**
   * Records the run's new posts (their rows and nonce, outbox.plannedPosts) before any is tried: a
   * crash between a post and its result then repeats the same post, which Discord recognises. One
   * write for the run, not one per post: a write of a large alerts file costs as much as the post.
   * A channel at its limit posts nothing now; its posts are recorded when they go (recordPosting). A
   * post recorded here that a limit then holds lets go of its nonce in the same write (outcome 'limited').
   */
  private async recordPosts(file: JsonStore<AlertFile>, posts: PlannedPost[], now: number): Promise<void> {
    const { limits } = this.deps;
    const going = posts.filter((post) => !post.recorded && !limitReached(file.data, post.rows[0]!.channelId, now, limits));
    if (going.length === 0) return;
    await file.update((data) => {
      for (const post of going) advance(data, post.rows, { kind: 'posting', nonce: post.nonce }, now, limits);
    });
    for (const post of going) post.recorded = true;
  }

  /** A post not recorded with the run's (its channel's limit freed meanwhile): recorded before it is tried. */
  private async recordPosting(file: JsonStore<AlertFile>, post: PlannedPost, rows: Delivery[], now: number): Promise<void> {
    if (!post.recorded) await this.settle(file, rows, { kind: 'posting', nonce: post.nonce }, now);
  }

  /**
   * Many alerts waiting for one channel: one message listing them, with a
   * nonce of its own, recorded on its rows before the first try; a retry
   * lists those rows again (less any whose article left), never new ones.
   * A failure is handled as for one alert, for every delivery in it.
   */
  private async deliverDigest(file: JsonStore<AlertFile>, post: PlannedPost): Promise<void> {
    const { log, limits } = this.deps;
    const deliveries = post.rows;
    const now = this.deps.now().getTime();
    const channelId = deliveries[0]!.channelId;
    const entries: DigestMessage['digest'] = [];
    const included: Delivery[] = [];
    const skipped: [Delivery, string][] = [];
    for (const delivery of deliveries) {
      const found = this.resolve(file.data, delivery);
      if ('skip' in found) {
        skipped.push([delivery, found.skip]);
        continue;
      }
      entries.push({ ...found, score: delivery.score });
      included.push(delivery);
    }
    if (skipped.length > 0)
      await file.update((data) => {
        for (const [delivery, note] of skipped) advance(data, [delivery], { kind: 'skipped', note }, now, limits);
      });
    if (included.length === 0) return;
    const limited = limitReached(file.data, channelId, now, limits);
    if (limited) {
      await this.settle(
        file,
        included,
        {
          kind: 'limited',
          until: limited.frees,
          note: `${limited.note}; ${included.length} alerts will come as one digest`,
          untried: post.untried,
        },
        now,
      );
      return;
    }
    const { nonce } = post;
    await this.recordPosting(file, post, included, now);
    const result = await this.post(channelId, { digest: entries }, nonce);
    const at = this.deps.now().toISOString();
    const guild = entries[0]!.subscription.guildId ?? 'dm';
    if (result.ok) {
      await file.update((data) => {
        advance(
          data,
          included,
          { kind: 'sent', messageId: result.messageId, digest: nonce, note: `in a digest of ${included.length} alerts` },
          Date.parse(at),
          limits,
        );
        for (const entry of entries) fired(data, entry.subscription.id, at);
      });
      log.info('alert_digest_sent', { guild, channel: channelId, alerts: included.length });
      return;
    }
    if (result.permanent) {
      await this.pause(file, included, channelId, result.reason, at);
      log.warn('subscriptions_paused', { guild, channel: channelId, reason: result.reason });
      return;
    }
    const [next] = await this.settle(file, included, { kind: 'failed', reason: result.reason }, now);
    const giveUp = next!.status === 'failed';
    (giveUp ? log.error : log.warn)(giveUp ? 'alert_digest_given_up' : 'alert_digest_retry', {
      channel: channelId,
      alerts: included.length,
      attempts: next!.attempts,
      reason: result.reason,
      nextAttemptInMs: giveUp ? null : Date.parse(next!.nextAttemptAt) - now,
    });
  }

  private async deliver(file: JsonStore<AlertFile>, post: PlannedPost): Promise<void> {
    const { log, limits } = this.deps;
    const delivery = post.rows[0]!;
    const now = this.deps.now().getTime();
    const found = this.resolve(file.data, delivery);
    if ('skip' in found) {
      await this.settle(file, [delivery], { kind: 'skipped', note: found.skip }, now);
      return;
    }
    const { subscription, article } = found;
    // Per-channel limits: an alert over the limit waits for the window to free; it is not dropped.
    const limited = limitReached(file.data, delivery.channelId, now, limits);
    if (limited) {
      await this.settle(file, [delivery], { kind: 'limited', until: limited.frees, note: limited.note, untried: post.untried }, now);
      return;
    }
    const { quotes, lost, lead } = currentQuotes(article, delivery.quotes);
    await this.recordPosting(file, post, [delivery], now);
    const result = await this.post(
      delivery.channelId,
      { subscription, article, quotes, score: delivery.score, reason: delivery.reason, ...(lost > 0 ? { changed: { lost, lead } } : {}) },
      post.nonce,
    );
    const at = this.deps.now().toISOString();
    const guild = subscription.guildId ?? 'dm';
    if (result.ok) {
      // The thread is the adapter's second step: the alert is sent whether or not it opened, and never posted again for it.
      const threadError = result.thread && 'error' in result.thread ? result.thread.error : undefined;
      const threadId = result.thread && 'id' in result.thread ? result.thread.id : undefined;
      await file.update((data) => {
        advance(
          data,
          [delivery],
          {
            kind: 'sent',
            messageId: result.messageId,
            threadId,
            note: threadError ? `posted without a thread: ${threadError}` : undefined,
          },
          Date.parse(at),
          limits,
        );
        const subscribed = fired(data, subscription.id, at);
        if (subscribed?.thread && result.thread)
          subscribed.threadNote = threadError ? `the last alert’s thread could not be opened: ${threadError}` : undefined;
      });
      if (threadError) log.warn('alert_thread_failed', { guild, channel: delivery.channelId, article: article.id, reason: threadError });
      log.info('alert_sent', {
        guild,
        channel: delivery.channelId,
        topic: subscription.topic,
        article: article.id,
        attempts: delivery.attempts + 1,
      });
      return;
    }
    if (result.permanent) {
      await this.pause(file, [delivery], delivery.channelId, result.reason, at);
      log.warn('subscriptions_paused', { guild, channel: delivery.channelId, reason: result.reason });
      return;
    }
    const [next] = await this.settle(file, [delivery], { kind: 'failed', reason: result.reason }, now);
    const giveUp = next!.status === 'failed';
    (giveUp ? log.error : log.warn)(giveUp ? 'alert_given_up' : 'alert_retry', {
      channel: delivery.channelId,
      topic: subscription.topic,
      article: article.id,
      attempts: next!.attempts,
      reason: result.reason,
      nextAttemptInMs: giveUp ? null : Date.parse(next!.nextAttemptAt) - now,
    });
  }
}

/** Counts a posted alert on its subscription (on the draft); returns the subscription, when it is still there. */
function fired(data: AlertFile, subscriptionId: string, at: string): Subscription | undefined {
  const subscription = data.subscriptions.find((s) => s.id === subscriptionId);
  if (subscription) {
    subscription.lastFiredAt = at;
    subscription.alertsSent++;
  }
  return subscription;
}
