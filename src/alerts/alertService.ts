import { randomBytes } from 'node:crypto';
import { UserError } from '../userError';
import type { Article } from '../library/article';
import { CONSOLE_SCOPE, type Library, type Viewer } from '../library/library';
import type { Logger } from '../log';
import type { Hit } from '../search/sentenceIndex';
import type { Scope } from '../store/historyStore';
import type { JsonStore } from '../store/jsonStore';
import type { AlertStore } from './alertStore';
import { TopicMatcher } from './topicMatcher';
import { parseTopicQuery } from './topicQuery';
import { tokens } from '../search/analyzer';
import { DigestScheduler, type ScheduledDigestMessage } from './scheduledDigests';
import type { AlertFile, AlertMode, Delivery, PostResult, Subscription } from './types';

export type { ScheduledDigestMessage } from './scheduledDigests';

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

export const defaultAlertLimits: AlertLimits = { topicsPerChannel: 25, perHour: 10, perDay: 50, defaultMinScore: 0.7, retryBaseMs: 30_000, maxAttempts: 12, digestHour: 8 };

/** What an alert says; the adapter turns it into a message. */
export interface AlertMessage {
  subscription: Subscription;
  article: Article;
  quotes: { start: number; end: number }[];
  score: number;
  reason?: string;
}

/**
 * Many alerts for one channel at once, posted as one message: a burst must not queue behind the hourly limit for days.
 * This burst digest is not the scheduled (daily, weekly) digest of a subscription's mode: see ScheduledDigestMessage.
 */
export interface DigestMessage {
  digest: { subscription: Subscription; article: Article; score: number }[];
}

export type Poster = (channelId: string, alert: AlertMessage | DigestMessage | ScheduledDigestMessage, nonce: string) => Promise<PostResult>;

/** More alerts than this waiting for one channel go out as one (burst) digest. */
export const DIGEST_AFTER = 3;

/** A new article and whose it is: null for a shared one, else the guild (or the console) that alone may see it. */
export interface NewArticle {
  article: Article;
  owner: string | null;
}

/** The library viewer whose articles a guild's alert file may quote (the console's subscriptions are filed without a guild). */
const viewerOfGuild = (guildId: string | null): Viewer => guildId ?? CONSOLE_SCOPE;
/** The alert file a viewer's own articles may alert in. */
const guildOfOwner = (owner: string): string | null => (owner === CONSOLE_SCOPE ? null : owner);
/** processed.json keys: a server's own article is told from a shared one (or another server's) of the same id. */
const processedKey = ({ article, owner }: NewArticle) => (owner === null ? article.id : `${owner}/${article.id}`);

export interface Preview {
  matchingArticles: number;
  totalArticles: number;
  /** The articles that would have fired, best first (at most 3), each with why and its best quote. */
  examples: { article: Article; reason: string; quote: Hit | undefined }[];
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
  private readonly digests: DigestScheduler;

  private constructor(private readonly store: AlertStore, private readonly library: Library, readonly limits: AlertLimits, private readonly log: Logger, private readonly now: () => Date) {
    this.digests = new DigestScheduler({
      library,
      viewerOf: viewerOfGuild,
      hour: limits.digestHour,
      retryBaseMs: limits.retryBaseMs,
      maxAttempts: limits.maxAttempts,
      log,
      now,
      post: (channelId, message, nonce) => {
        this.lastPostAt = performance.now();
        return this.poster!(channelId, message, nonce);
      },
      limitReached: (data, channelId, at) => this.limitReached(data, channelId, at),
      pace: () => this.pace(),
      reindex: (subscription) => this.index(subscription),
      stopped: () => this.stopped,
    });
  }

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
    else this.matcher.add(subscription.id, subscription.topic, subscription.minScore, (term) => this.library.termWeight(term));
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

  /** The article an alert's thread was opened on (a thread started from a message has the message's id), for /ask asked there. */
  async articleOfThread(guildId: string | null, channelId: string): Promise<string | undefined> {
    const file = await this.store.file(guildId);
    return file.data.deliveries.find((d) => d.threadId === channelId)?.articleId;
  }

  /** How a topic would have matched the articles already in the library, as the guild sees it. */
  preview(topic: string, minScore: number, viewer: Viewer = null): Preview {
    const index = this.library.indexFor(viewer);
    const matches = TopicMatcher.preview(index, topic, minScore);
    return { matchingArticles: matches.length, totalArticles: index.articleCount, examples: matches.slice(0, 3).map((m) => ({ article: m.article, reason: m.reason, quote: m.hits[0] })) };
  }

  /**
   * `options.thread`: whether alerts open a thread, and why not when one was asked for; `options.mode`: instant, or a daily or weekly digest.
   * Each is set only when given: a resubscription without it keeps the old choice (a new subscription is instant, without a thread).
   */
  async subscribe(scope: Scope, topic: string, minScore: number | undefined, userId: string, options: { thread?: { on: boolean; note?: string }; mode?: AlertMode } = {}): Promise<{ subscription: Subscription; resumed: boolean; preview: Preview }> {
    const { mode } = options;
    const cleaned = topic.replace(/\s+/g, ' ').trim();
    if (!cleaned) throw new UserError('Please give a topic, for example: Taiwan Strait.');
    if (cleaned.length > TOPIC_MAX) throw new UserError(`A topic is a short query of at most ${TOPIC_MAX} characters.`);
    const query = parseTopicQuery(cleaned);
    if (query.alternatives.some((side) => TopicMatcher.termsOf(side.words).length === 0)) {
      throw new UserError(query.alternatives.length > 1 ? 'One side of the OR has no words I can match (only very common words). Name who or what you want to follow on each side.' : 'That topic has no words I can match (only very common words). Try naming who or what you want to follow.');
    }
    const idle = query.exclusions.find((e) => tokens(e.text).length === 0);
    if (idle) throw new UserError(`“-${idle.text}” leaves out nothing I can match. Leave out a word of two letters or more, or a quoted phrase.`);
    const score = minScore ?? this.limits.defaultMinScore;
    const file = await this.store.file(scope.guildId);
    const { subscription, resumed } = await file.update((data) => {
      const inChannel = data.subscriptions.filter((s) => s.channelId === scope.channelId);
      const existing = inChannel.find((s) => s.topic.toLowerCase() === cleaned.toLowerCase());
      if (existing) {
        const wasPaused = existing.paused !== null;
        existing.paused = null;
        existing.minScore = score;
        if (options.thread) Object.assign(existing, { thread: options.thread.on, threadNote: options.thread.note });
        if (mode && mode !== (existing.mode ?? 'instant')) {
          existing.mode = mode;
          // Matches collected for a digest that is no longer wanted go out as alerts now, not never.
          if (mode === 'instant') {
            for (const d of data.deliveries) if (d.subscriptionId === existing.id && d.status === 'collected' && !d.digest) Object.assign(d, { status: 'pending', nextAttemptAt: this.now().toISOString() });
          }
        }
        return { subscription: existing, resumed: wasPaused };
      }
      if (inChannel.length >= this.limits.topicsPerChannel) {
        throw new UserError(`This channel already follows ${inChannel.length} topics, the limit (MAX_TOPICS_PER_CHANNEL). Remove one with /unsubscribe first.`);
      }
      const created: Subscription = { id: randomBytes(6).toString('base64url'), guildId: scope.guildId, channelId: scope.channelId, topic: cleaned, minScore: score, createdBy: userId, createdAt: this.now().toISOString(), lastFiredAt: null, alertsSent: 0, paused: null, mode: mode ?? 'instant' };
      if (options.thread) Object.assign(created, { thread: options.thread.on, threadNote: options.thread.note });
      data.subscriptions.push(created);
      return { subscription: created, resumed: false };
    });
    this.index(subscription);
    return { subscription, resumed, preview: this.preview(cleaned, score, viewerOfGuild(scope.guildId)) };
  }

  async unsubscribe(scope: Scope, topic: string): Promise<Subscription | undefined> {
    const file = await this.store.file(scope.guildId);
    const removed = await file.update((data) => {
      const at = data.subscriptions.findIndex((s) => s.channelId === scope.channelId && (s.topic.toLowerCase() === topic.trim().toLowerCase() || s.id === topic.trim()));
      if (at === -1) return undefined;
      const [subscription] = data.subscriptions.splice(at, 1);
      for (const delivery of data.deliveries) {
        if (delivery.subscriptionId === subscription!.id && (delivery.status === 'pending' || delivery.status === 'collected')) Object.assign(delivery, { status: 'skipped', note: 'unsubscribed' });
      }
      for (const digest of data.digests ?? []) if (digest.subscriptionId === subscription!.id && digest.status === 'pending') Object.assign(digest, { status: 'skipped', note: 'unsubscribed' });
      return subscription;
    });
    if (removed) this.matcher.remove(removed.id);
    return removed;
  }

  /** A channel's subscriptions with how many alerts wait or failed, and for a digest subscription how many matches it holds and when it is due. */
  async list(scope: Scope): Promise<{ subscription: Subscription; waiting: number; failed: number; note?: string; collected: number; nextDigestAt: string | null; digestWaiting?: string }[]> {
    const file = await this.store.file(scope.guildId);
    return file.data.subscriptions
      .filter((s) => s.channelId === scope.channelId)
      .map((subscription) => {
        const mine = file.data.deliveries.filter((d) => d.subscriptionId === subscription.id);
        const waiting = mine.filter((d) => d.status === 'pending');
        const collected = mine.filter((d) => d.status === 'collected' && !d.digest).length;
        // A digest recorded but not yet fully posted: why it waits (a limit, a retry), or that it is going out.
        const digest = file.data.digests?.find((d) => d.subscriptionId === subscription.id && d.status === 'pending');
        const digestWaiting = digest ? (digest.note ?? 'being posted') : undefined;
        return { subscription, waiting: waiting.length, failed: mine.filter((d) => d.status === 'failed').length, note: waiting.find((d) => d.note)?.note, collected, nextDigestAt: this.nextDigestAt(subscription), digestWaiting };
      });
  }

  /** When a daily or weekly subscription's next digest falls due (ISO); null for an instant one. */
  nextDigestAt(subscription: Subscription): string | null {
    return this.digests.nextDue(subscription)?.toISOString() ?? null;
  }

  /** Alerts not yet posted in every channel (waiting for a rate limit or a retry), for the metrics. */
  async waiting(): Promise<number> {
    const files = await this.store.openAll();
    return files.reduce((sum, file) => sum + file.data.deliveries.filter((d) => d.status === 'pending').length, 0);
  }

  async topics(scope: Scope): Promise<string[]> {
    const file = await this.store.file(scope.guildId);
    return file.data.subscriptions.filter((s) => s.channelId === scope.channelId).map((s) => s.topic);
  }

  /**
   * At start: matches the articles the bot has never matched (they landed
   * while it was down, or a crash cut their matching short). On the very
   * first start everything counts as already matched, so nothing floods.
   */
  async catchUp(articles: NewArticle[]): Promise<number> {
    const processed = await this.store.processed();
    if (!this.store.hadProcessedRecord && processed.data.ids.length === 0) {
      await processed.update((data) => void (data.ids = articles.map(processedKey)));
      return 0;
    }
    const done = new Set(processed.data.ids);
    // A server's article matched before articles had owners was recorded by its bare id: it counts as matched.
    return this.onArticles(articles.filter((item) => !done.has(processedKey(item)) && !(item.owner !== null && done.has(item.article.id))));
  }

  /** Records articles as matched without matching them: imported ones (a feed's backfill) never alert, not even at the next start. */
  async markMatched(items: NewArticle[]): Promise<void> {
    if (items.length === 0) return;
    const processed = await this.store.processed();
    const known = new Set(processed.data.ids);
    const fresh = items.map(processedKey).filter((key) => !known.has(key));
    if (fresh.length > 0) await processed.update((data) => void data.ids.push(...fresh));
  }

  /** One new or changed article (already in the library); see onArticles. */
  onArticle(article: Article, owner: string | null = null): Promise<number> {
    return this.onArticles([{ article, owner }]);
  }

  /**
   * New or changed articles (already in the library): records one pending
   * alert per matching subscription that has not had the article, then
   * delivers. A server's own article alerts in that server only. However many
   * articles, each alert file and processed.json is written once. Returns how
   * many alerts were queued.
   */
  async onArticles(items: NewArticle[], shouldStop: () => boolean = () => false): Promise<number> {
    if (items.length === 0) return 0;
    const started = performance.now();
    const rows = new Map<string | null, { article: Article; match: ReturnType<TopicMatcher['match']>[number]; quotes: { articleId: string; start: number; end: number }[] }[]>();
    const matched: NewArticle[] = [];
    let matchCount = 0;
    for (const item of items) {
      if (shouldStop()) break;
      const { article, owner } = item;
      const index = this.library.indexFor(owner);
      for (const match of this.matcher.match(index, article)) {
        const guildId = this.guildOf.get(match.topicId) ?? null;
        if (owner !== null && guildId !== guildOfOwner(owner)) continue;
        const quotes = match.hits.map((hit) => {
          const { start, end } = index.sentence(hit.sentence);
          return { articleId: article.id, start, end };
        });
        rows.set(guildId, [...(rows.get(guildId) ?? []), { article, match, quotes }]);
        matchCount++;
      }
      matched.push(item);
    }
    let queued = 0;
    for (const [guildId, guildRows] of rows) {
      const file = await this.store.file(guildId);
      queued += await file.update((data) => {
        // Finished deliveries are kept for KEEP_DELIVERIES_MS so a re-sent article is recognised; then they go.
        const horizon = this.now().getTime() - KEEP_DELIVERIES_MS;
        data.deliveries = data.deliveries.filter((d) => d.status === 'pending' || d.status === 'collected' || Date.parse(d.createdAt) > horizon);
        const keys = new Set(data.deliveries.map((d) => d.key));
        let added = 0;
        for (const { article, match, quotes } of guildRows) {
          const subscription = data.subscriptions.find((s) => s.id === match.topicId);
          const key = `${match.topicId}:${article.id}`;
          if (!subscription || subscription.paused || keys.has(key)) continue;
          keys.add(key);
          data.deliveries.push({
            key,
            subscriptionId: subscription.id,
            channelId: subscription.channelId,
            articleId: article.id,
            nonce: randomBytes(12).toString('base64url').slice(0, 16),
            // A daily or weekly subscription collects its matches for its scheduled digest.
            status: subscription.mode === 'daily' || subscription.mode === 'weekly' ? 'collected' : 'pending',
            score: match.score,
            reason: match.reason,
            quotes,
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
    const known = new Set(processed.data.ids);
    const fresh = matched.map(processedKey).filter((key) => !known.has(key));
    if (fresh.length > 0) await processed.update((data) => void data.ids.push(...fresh));
    const ms = Math.round((performance.now() - started) * 100) / 100;
    if (matched.length === 1) this.log.info('article_matched', { article: matched[0]!.article.id, topics: this.matcher.size, matches: matchCount, queued, ms });
    else this.log.info('articles_matched', { articles: matched.length, topics: this.matcher.size, matches: matchCount, queued, ms });
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
      const byChannel = new Map<string, Delivery[]>();
      for (const delivery of due) byChannel.set(delivery.channelId, [...(byChannel.get(delivery.channelId) ?? []), delivery]);
      for (const deliveries of byChannel.values()) {
        for (const delivery of deliveries.length > DIGEST_AFTER ? [deliveries] : deliveries) {
          if (this.stopped) return;
          await this.pace();
          if (Array.isArray(delivery)) await this.deliverDigest(file, delivery);
          else await this.deliver(file, delivery);
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

  /** Posts sent to a channel since a time: a digest is one post, however many alerts it held. */
  private sentSince(data: AlertFile, channelId: string, since: number): Delivery[] {
    const posts = new Map<string, Delivery>();
    for (const d of data.deliveries) if (d.channelId === channelId && d.status === 'sent' && Date.parse(d.sentAt!) > since) posts.set(d.digest ?? d.key, d);
    return [...posts.values()];
  }

  /** When the channel's hourly or daily limit is reached: when it frees, and which limit it is. */
  private limitReached(data: AlertFile, channelId: string, now: number): { frees: number; note: string } | null {
    for (const [limit, window, name] of [[this.limits.perHour, HOUR, 'hourly'], [this.limits.perDay, 24 * HOUR, 'daily']] as const) {
      const sent = this.sentSince(data, channelId, now - window);
      if (sent.length >= limit) return { frees: Math.min(...sent.map((d) => Date.parse(d.sentAt!))) + window, note: `waiting for the ${name} alert limit (${limit}) of this channel` };
    }
    return null;
  }

  /**
   * Many alerts waiting for one channel: one message listing them. Its nonce
   * is the oldest delivery's, so a repeat after a crash is still recognised.
   * A failure is handled as for one alert, for every delivery in it.
   */
  private async deliverDigest(file: JsonStore<AlertFile>, deliveries: Delivery[]): Promise<void> {
    const now = this.now().getTime();
    const channelId = deliveries[0]!.channelId;
    const entries: DigestMessage['digest'] = [];
    const included: Delivery[] = [];
    const skipped: [Delivery, string][] = [];
    for (const delivery of deliveries) {
      const subscription = file.data.subscriptions.find((s) => s.id === delivery.subscriptionId);
      const article = subscription ? this.library.get(delivery.articleId, viewerOfGuild(subscription.guildId)) : undefined;
      if (!subscription || subscription.paused || !article) {
        skipped.push([delivery, !subscription ? 'the subscription was removed' : subscription.paused ? `paused: ${subscription.paused.reason}` : 'the article left the library']);
        continue;
      }
      entries.push({ subscription, article, score: delivery.score });
      included.push(delivery);
    }
    if (skipped.length > 0) await file.update((data) => void skipped.forEach(([delivery, note]) => Object.assign(draftOf(data, delivery), { status: 'skipped', note })));
    if (included.length === 0) return;
    const limited = this.limitReached(file.data, channelId, now);
    if (limited) {
      await file.update((data) => void included.forEach((delivery) => Object.assign(draftOf(data, delivery), { nextAttemptAt: new Date(limited.frees).toISOString(), note: `${limited.note}; ${included.length} alerts will come as one digest` })));
      return;
    }
    const nonce = included[0]!.nonce;
    this.lastPostAt = performance.now();
    const result = await this.poster!(channelId, { digest: entries }, nonce);
    const at = this.now().toISOString();
    if (result.ok) {
      await file.update((data) => {
        for (const [i, delivery] of included.entries()) {
          Object.assign(draftOf(data, delivery), { status: 'sent', sentAt: at, messageId: result.messageId, digest: nonce, note: `in a digest of ${included.length} alerts` });
          const fired = data.subscriptions.find((s) => s.id === entries[i]!.subscription.id);
          if (fired) {
            fired.lastFiredAt = at;
            fired.alertsSent++;
          }
        }
      });
      this.log.info('alert_digest_sent', { guild: entries[0]!.subscription.guildId ?? 'dm', channel: channelId, alerts: included.length });
      return;
    }
    if (result.permanent) {
      await file.update((data) => {
        for (const s of data.subscriptions) if (s.channelId === channelId) s.paused = { reason: result.reason, at };
        for (const delivery of included) Object.assign(draftOf(data, delivery), { status: 'failed', note: result.reason });
      });
      for (const s of file.data.subscriptions) if (s.channelId === channelId) this.index(s);
      this.log.warn('subscriptions_paused', { guild: entries[0]!.subscription.guildId ?? 'dm', channel: channelId, reason: result.reason });
      return;
    }
    const attempts = Math.max(...included.map((delivery) => delivery.attempts)) + 1;
    const giveUp = attempts >= this.limits.maxAttempts;
    const delay = Math.min(this.limits.retryBaseMs * 2 ** (attempts - 1), HOUR);
    await file.update((data) => {
      for (const delivery of included) {
        Object.assign(draftOf(data, delivery), giveUp ? { status: 'failed', attempts, note: `gave up after ${attempts} attempts: ${result.reason}` } : { attempts, nextAttemptAt: new Date(now + delay).toISOString(), note: `retrying: ${result.reason}` });
      }
    });
    (giveUp ? this.log.error : this.log.warn)(giveUp ? 'alert_digest_given_up' : 'alert_digest_retry', { channel: channelId, alerts: included.length, attempts, reason: result.reason, nextAttemptInMs: giveUp ? null : delay });
  }

  private async deliver(file: JsonStore<AlertFile>, delivery: Delivery): Promise<void> {
    const now = this.now().getTime();
    const subscription = file.data.subscriptions.find((s) => s.id === delivery.subscriptionId);
    const article = subscription ? this.library.get(delivery.articleId, viewerOfGuild(subscription.guildId)) : undefined;
    if (!subscription || subscription.paused || !article) {
      const note = !subscription ? 'the subscription was removed' : subscription.paused ? `paused: ${subscription.paused.reason}` : 'the article left the library';
      await file.update((data) => Object.assign(draftOf(data, delivery), { status: 'skipped', note }));
      return;
    }
    // Per-channel limits: an alert over the limit waits for the window to free; it is not dropped.
    const limited = this.limitReached(file.data, delivery.channelId, now);
    if (limited) {
      await file.update((data) => Object.assign(draftOf(data, delivery), { nextAttemptAt: new Date(limited.frees).toISOString(), note: limited.note }));
      return;
    }
    this.lastPostAt = performance.now();
    const result = await this.poster!(delivery.channelId, { subscription, article, quotes: delivery.quotes, score: delivery.score, reason: delivery.reason }, delivery.nonce);
    const at = this.now().toISOString();
    if (result.ok) {
      // The thread is the adapter's second step: the alert is sent whether or not it opened, and never posted again for it.
      const threadError = result.thread && 'error' in result.thread ? result.thread.error : undefined;
      await file.update((data) => {
        Object.assign(draftOf(data, delivery), { status: 'sent', sentAt: at, messageId: result.messageId, note: threadError ? `posted without a thread: ${threadError}` : undefined });
        if (result.thread && 'id' in result.thread) draftOf(data, delivery).threadId = result.thread.id;
        const fired = data.subscriptions.find((s) => s.id === subscription.id);
        if (fired) {
          fired.lastFiredAt = at;
          fired.alertsSent++;
          if (fired.thread && result.thread) fired.threadNote = threadError ? `the last alert’s thread could not be opened: ${threadError}` : undefined;
        }
      });
      if (threadError) this.log.warn('alert_thread_failed', { guild: subscription.guildId ?? 'dm', channel: delivery.channelId, article: article.id, reason: threadError });
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
