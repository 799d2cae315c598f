import { randomBytes } from 'node:crypto';
import { UserError } from '../userError';
import type { Article } from '../library/article';
import type { Library } from '../library/library';
import type { Logger } from '../log';
import type { Hit } from '../search/sentenceIndex';
import type { JsonStore } from '../store/jsonStore';
import type { AlertStore } from './alertStore';
import { TopicMatcher } from './topicMatcher';
import type { AlertFile, Delivery, PostResult, Subscription } from './types';

export interface AlertLimits {
  topicsPerChannel: number;
  perHour: number;
  perDay: number;
  defaultMinScore: number;
  /** First retry delay after a failed post; doubles per attempt up to an hour. */
  retryBaseMs: number;
  /** Attempts before a delivery is given up (with an error line and a note in /subscriptions). */
  maxAttempts: number;
}

export const defaultAlertLimits: AlertLimits = { topicsPerChannel: 25, perHour: 10, perDay: 50, defaultMinScore: 0.7, retryBaseMs: 30_000, maxAttempts: 12 };

/** What an alert says; the adapter turns it into a message. */
export interface AlertMessage {
  subscription: Subscription;
  article: Article;
  quotes: { start: number; end: number }[];
  score: number;
}

export type Poster = (channelId: string, alert: AlertMessage, nonce: string) => Promise<PostResult>;

export interface Scope {
  guildId: string | null;
  channelId: string;
}

export interface Preview {
  matchingArticles: number;
  totalArticles: number;
  /** Best matching sentences among the existing articles. */
  hits: Hit[];
}

const HOUR = 3_600_000;

/** A change is made to a copy of the file (JsonStore.update), so a delivery is changed there, found by its key. */
function draftOf(data: AlertFile, delivery: Delivery): Delivery {
  const found = data.deliveries.find((d) => d.key === delivery.key);
  if (!found) throw new Error(`delivery ${delivery.key} is no longer in the file`);
  return found;
}
/** Alert posts count against Discord's global limit of 50 requests a second; stay well under it. */
export const ALERT_POSTS_PER_SECOND = 20;
const TOPIC_MAX = 100;
const KEEP_DELIVERIES_MS = 180 * 24 * HOUR;

/**
 * Topic alerts: subscriptions, matching new articles against them, and
 * delivering each alert exactly once. Nothing here knows Discord: posting is
 * a function the adapter provides.
 */
export class AlertService {
  private readonly matcher = new TopicMatcher();
  private readonly guildOf = new Map<string, string | null>();
  private poster: Poster | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastPostAt = -Infinity;

  private constructor(private readonly store: AlertStore, private readonly library: Library, readonly limits: AlertLimits, private readonly log: Logger, private readonly now: () => Date) {}

  static async open(store: AlertStore, library: Library, limits: AlertLimits, log: Logger, now: () => Date = () => new Date()): Promise<AlertService> {
    const service = new AlertService(store, library, limits, log, now);
    for (const file of await store.openAll()) {
      for (const subscription of file.data.subscriptions) service.index(subscription);
    }
    return service;
  }

  private index(subscription: Subscription): void {
    this.guildOf.set(subscription.id, subscription.guildId);
    if (subscription.paused) this.matcher.remove(subscription.id);
    else this.matcher.add(subscription.id, subscription.topic, subscription.minScore, (term) => this.library.index.idf(term) || this.library.index.unseenIdf());
  }

  get topicCount(): number {
    return this.matcher.size;
  }

  /** Starts delivering (and retrying on a timer) through the adapter's poster. */
  start(poster: Poster, tickMs = 15_000): void {
    this.poster = poster;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), tickMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.store.flush();
  }

  /** How a topic would have matched the articles already in the library. */
  preview(topic: string, minScore: number): Preview {
    const terms = TopicMatcher.termsOf(topic);
    const hits = this.library.index.search(terms.map((term) => ({ term, count: 1 })), { limit: 500 }).filter((hit) => hit.coverage >= minScore);
    const articles = new Set(hits.map((hit) => this.library.index.sentence(hit.sentence).article.id));
    return { matchingArticles: articles.size, totalArticles: this.library.index.articleCount, hits: hits.slice(0, 3) };
  }

  async subscribe(scope: Scope, topic: string, minScore: number | undefined, userId: string): Promise<{ subscription: Subscription; resumed: boolean; preview: Preview }> {
    const cleaned = topic.replace(/\s+/g, ' ').trim();
    if (!cleaned) throw new UserError('Please give a topic, for example: Taiwan Strait.');
    if (cleaned.length > TOPIC_MAX) throw new UserError(`A topic is a short query of at most ${TOPIC_MAX} characters.`);
    if (TopicMatcher.termsOf(cleaned).length === 0) throw new UserError('That topic has no words I can match (only very common words). Try naming who or what you want to follow.');
    const score = minScore ?? this.limits.defaultMinScore;
    const file = await this.store.file(scope.guildId);
    const { subscription, resumed } = await file.update((data) => {
      const inChannel = data.subscriptions.filter((s) => s.channelId === scope.channelId);
      const existing = inChannel.find((s) => s.topic.toLowerCase() === cleaned.toLowerCase());
      if (existing) {
        const wasPaused = existing.paused !== null;
        existing.paused = null;
        existing.minScore = score;
        return { subscription: existing, resumed: wasPaused };
      }
      if (inChannel.length >= this.limits.topicsPerChannel) {
        throw new UserError(`This channel already follows ${inChannel.length} topics, the limit (MAX_TOPICS_PER_CHANNEL). Remove one with /unsubscribe first.`);
      }
      const created: Subscription = { id: randomBytes(6).toString('base64url'), guildId: scope.guildId, channelId: scope.channelId, topic: cleaned, minScore: score, createdBy: userId, createdAt: this.now().toISOString(), lastFiredAt: null, alertsSent: 0, paused: null };
      data.subscriptions.push(created);
      return { subscription: created, resumed: false };
    });
    this.index(subscription);
    return { subscription, resumed, preview: this.preview(cleaned, score) };
  }

  async unsubscribe(scope: Scope, topic: string): Promise<Subscription | undefined> {
    const file = await this.store.file(scope.guildId);
    const removed = await file.update((data) => {
      const at = data.subscriptions.findIndex((s) => s.channelId === scope.channelId && (s.topic.toLowerCase() === topic.trim().toLowerCase() || s.id === topic.trim()));
      if (at === -1) return undefined;
      const [subscription] = data.subscriptions.splice(at, 1);
      for (const delivery of data.deliveries) {
        if (delivery.subscriptionId === subscription!.id && delivery.status === 'pending') Object.assign(delivery, { status: 'skipped', note: 'unsubscribed' });
      }
      return subscription;
    });
    if (removed) this.matcher.remove(removed.id);
    return removed;
  }

  /** A channel's subscriptions with how many alerts wait or failed. */
  async list(scope: Scope): Promise<{ subscription: Subscription; waiting: number; failed: number; note?: string }[]> {
    const file = await this.store.file(scope.guildId);
    return file.data.subscriptions
      .filter((s) => s.channelId === scope.channelId)
      .map((subscription) => {
        const mine = file.data.deliveries.filter((d) => d.subscriptionId === subscription.id);
        const waiting = mine.filter((d) => d.status === 'pending');
        return { subscription, waiting: waiting.length, failed: mine.filter((d) => d.status === 'failed').length, note: waiting.find((d) => d.note)?.note };
      });
  }

  async topics(scope: Scope): Promise<string[]> {
    const file = await this.store.file(scope.guildId);
    return file.data.subscriptions.filter((s) => s.channelId === scope.channelId).map((s) => s.topic);
  }

  /**
   * A new or changed article (already in the library): records one pending
   * alert per matching subscription that has not had this article, then
   * delivers. Returns how many alerts were queued.
   */
  /**
   * At start: matches the articles the bot has never matched (they landed
   * while it was down, or a crash cut their matching short). On the very
   * first start everything counts as already matched, so nothing floods.
   */
  async catchUp(articles: Article[]): Promise<number> {
    const processed = await this.store.processed();
    if (!this.store.hadProcessedRecord && processed.data.ids.length === 0) {
      await processed.update((data) => void (data.ids = articles.map((a) => a.id)));
      return 0;
    }
    const done = new Set(processed.data.ids);
    let queued = 0;
    for (const article of articles) if (!done.has(article.id)) queued += await this.onArticle(article);
    return queued;
  }

  async onArticle(article: Article): Promise<number> {
    const started = performance.now();
    const matches = this.matcher.match(this.library.index, article);
    const byGuild = new Map<string | null, typeof matches>();
    for (const match of matches) {
      const guildId = this.guildOf.get(match.topicId) ?? null;
      byGuild.set(guildId, [...(byGuild.get(guildId) ?? []), match]);
    }
    let queued = 0;
    for (const [guildId, guildMatches] of byGuild) {
      const file = await this.store.file(guildId);
      queued += await file.update((data) => {
        // Finished deliveries are kept for KEEP_DELIVERIES_MS so a re-sent article is recognised; then they go.
        const horizon = this.now().getTime() - KEEP_DELIVERIES_MS;
        data.deliveries = data.deliveries.filter((d) => d.status === 'pending' || Date.parse(d.createdAt) > horizon);
        let added = 0;
        for (const match of guildMatches) {
          const subscription = data.subscriptions.find((s) => s.id === match.topicId);
          const key = `${match.topicId}:${article.id}`;
          if (!subscription || subscription.paused || data.deliveries.some((d) => d.key === key)) continue;
          data.deliveries.push({
            key,
            subscriptionId: subscription.id,
            channelId: subscription.channelId,
            articleId: article.id,
            nonce: randomBytes(12).toString('base64url').slice(0, 16),
            status: 'pending',
            score: match.score,
            quotes: match.hits.map((hit) => {
              const { start, end } = this.library.index.sentence(hit.sentence);
              return { articleId: article.id, start, end };
            }),
            createdAt: this.now().toISOString(),
            attempts: 0,
            nextAttemptAt: this.now().toISOString(),
          });
          added++;
        }
        return added;
      });
    }
    const processed = await this.store.processed();
    if (!processed.data.ids.includes(article.id)) await processed.update((data) => void data.ids.push(article.id));
    this.log.info('article_matched', { article: article.id, topics: this.matcher.size, matches: matches.length, queued, ms: Math.round((performance.now() - started) * 100) / 100 });
    if (queued) this.kick();
    return queued;
  }

  /** Runs the delivery loop (once at a time; a kick during a run runs it again after). */
  kick(): void {
    if (!this.poster || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .catch((error: unknown) => this.log.error('alert_delivery_failed', { error: (error as Error).stack ?? String(error) }))
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

  private async deliverDue(): Promise<void> {
    for (const file of await this.store.openAll()) {
      const due = file.data.deliveries
        .filter((d) => d.status === 'pending' && Date.parse(d.nextAttemptAt) <= this.now().getTime())
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const delivery of due) {
        if (this.stopped) return;
        const wait = this.lastPostAt + 1000 / ALERT_POSTS_PER_SECOND - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await this.deliver(file, delivery);
      }
    }
  }

  private sentSince(data: AlertFile, channelId: string, since: number): Delivery[] {
    return data.deliveries.filter((d) => d.channelId === channelId && d.status === 'sent' && Date.parse(d.sentAt!) > since);
  }

  private async deliver(file: JsonStore<AlertFile>, delivery: Delivery): Promise<void> {
    const now = this.now().getTime();
    const subscription = file.data.subscriptions.find((s) => s.id === delivery.subscriptionId);
    const article = this.library.get(delivery.articleId);
    if (!subscription || subscription.paused || !article) {
      const note = !subscription ? 'the subscription was removed' : subscription.paused ? `paused: ${subscription.paused.reason}` : 'the article left the library';
      await file.update((data) => Object.assign(draftOf(data, delivery), { status: 'skipped', note }));
      return;
    }
    // Per-channel limits: an alert over the limit waits for the window to free; it is not dropped.
    for (const [limit, window, name] of [[this.limits.perHour, HOUR, 'hourly'], [this.limits.perDay, 24 * HOUR, 'daily']] as const) {
      const sent = this.sentSince(file.data, delivery.channelId, now - window);
      if (sent.length >= limit) {
        const frees = Math.min(...sent.map((d) => Date.parse(d.sentAt!))) + window;
        await file.update((data) => Object.assign(draftOf(data, delivery), { nextAttemptAt: new Date(frees).toISOString(), note: `waiting for the ${name} alert limit (${limit}) of this channel` }));
        return;
      }
    }
    this.lastPostAt = performance.now();
    const result = await this.poster!(delivery.channelId, { subscription, article, quotes: delivery.quotes, score: delivery.score }, delivery.nonce);
    const at = this.now().toISOString();
    if (result.ok) {
      await file.update((data) => {
        Object.assign(draftOf(data, delivery), { status: 'sent', sentAt: at, messageId: result.messageId, note: undefined });
        const fired = data.subscriptions.find((s) => s.id === subscription.id);
        if (fired) {
          fired.lastFiredAt = at;
          fired.alertsSent++;
        }
      });
      this.log.info('alert_sent', { guild: subscription.guildId ?? 'dm', channel: delivery.channelId, topic: subscription.topic, article: article.id, attempts: delivery.attempts + 1 });
      return;
    }
    if (result.permanent) {
      await file.update((data) => {
        for (const s of data.subscriptions) if (s.channelId === delivery.channelId) s.paused = { reason: result.reason, at };
        Object.assign(draftOf(data, delivery), { status: 'failed', note: result.reason });
      });
      for (const s of file.data.subscriptions) if (s.channelId === delivery.channelId) this.index(s);
      this.log.warn('subscriptions_paused', { guild: subscription.guildId ?? 'dm', channel: delivery.channelId, reason: result.reason });
      return;
    }
    const attempts = delivery.attempts + 1;
    const giveUp = attempts >= this.limits.maxAttempts;
    const delay = Math.min(this.limits.retryBaseMs * 2 ** (attempts - 1), HOUR);
    await file.update((data) =>
      Object.assign(draftOf(data, delivery), giveUp ? { status: 'failed', attempts, note: `gave up after ${attempts} attempts: ${result.reason}` } : { attempts, nextAttemptAt: new Date(now + delay).toISOString(), note: `retrying: ${result.reason}` }),
    );
    (giveUp ? this.log.error : this.log.warn)(giveUp ? 'alert_given_up' : 'alert_retry', { channel: delivery.channelId, topic: subscription.topic, article: article.id, attempts, reason: result.reason, nextAttemptInMs: giveUp ? null : delay });
  }
}
