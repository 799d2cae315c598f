import type { Article } from '../library/article';
import type { Library, Viewer } from '../library/library';
import type { Logger } from '../log';
import type { Hit, SentenceIndex } from '../search/sentenceIndex';
import type { Scope } from '../store/historyStore';
import type { AlertStore } from './alertStore';
import { DeliveryLoop } from './deliveryLoop';
import type { AlertLimits } from './limits';
import type { Poster } from './messages';
import { currentProcessedKey, namesOldId, renameLongIds } from './longArticleIds';
import { enqueue, type Match } from './outbox';
import { checkTopic, Subscriptions, type SubscribeOptions, type SubscriptionStatus } from './subscriptions';
import { indexedVersion, TopicMatcher, type TopicMatch } from './topicMatcher';
import { TimeSlice } from '../timeSlices';
import type { Subscription } from './types';
import { guildOfOwner, viewerOfGuild } from './viewers';

export { ALERT_POSTS_PER_SECOND, DIGEST_AFTER, defaultAlertLimits, type AlertLimits } from './limits';
export type { AlertMessage, DigestMessage, Poster, ScheduledDigestMessage } from './messages';

/** A new article and whose it is: null for a shared one, else the guild (or the console) that alone may see it. */
export interface NewArticle {
  article: Article;
  owner: string | null;
}

/** processed.json keys: a server's own article is told from a shared one (or another server's) of the same id. */
const processedKey = ({ article, owner }: NewArticle) => (owner === null ? article.id : `${owner}/${article.id}`);

export interface Preview {
  matchingArticles: number;
  totalArticles: number;
  /** The articles that would have fired, best first (the first PREVIEW_EXAMPLES, unless all were asked for), each with why and its best quote. */
  examples: { article: Article; reason: string; quote: Hit | undefined }[];
}

/** The examples the /subscribe reply shows; the rest are a button away (`AlertService.preview` with `all`). */
export const PREVIEW_EXAMPLES = 3;

/**
 * Topic alerts: subscriptions (subscriptions.ts), matching new articles
 * against them (the percolator, topicMatcher.ts), the outbox that makes each
 * alert exactly-once (outbox.ts), and the delivery loop (deliveryLoop.ts).
 * Nothing here knows Discord: posting is a function the adapter provides.
 */
export class AlertService {
  private readonly matcher = new TopicMatcher();
  private readonly guildOf = new Map<string, string | null>();
  private readonly subscriptions: Subscriptions;
  private readonly delivery: DeliveryLoop;
  private matching: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: AlertStore,
    private readonly library: Library,
    readonly limits: AlertLimits,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {
    this.subscriptions = new Subscriptions(store, limits, now);
    this.delivery = new DeliveryLoop({ store, library, limits, log, now, reindex: (subscription) => this.index(subscription) });
  }

  static async open(
    store: AlertStore,
    library: Library,
    limits: AlertLimits,
    log: Logger,
    now: () => Date = () => new Date(),
  ): Promise<AlertService> {
    const service = new AlertService(store, library, limits, log, now);
    for (const file of await store.openAll()) {
      for (const subscription of file.data.subscriptions) service.index(subscription);
    }
    return service;
  }

  /** Files a subscription in the matcher, or takes it out while it is paused. */
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
    this.delivery.start(poster, tickMs);
  }

  async stop(): Promise<void> {
    await this.delivery.stop();
    await this.store.flush();
  }

  /** Runs the delivery loop (once at a time; a kick during a run runs it again after). */
  kick(): void {
    this.delivery.kick();
  }

  /** Resolves when no delivery is running or queued (for tests and shutdown). */
  idle(): Promise<void> {
    return this.delivery.idle();
  }

  /** The article an alert's thread was opened on (a thread started from a message has the message's id), for /ask asked there. */
  async articleOfThread(guildId: string | null, channelId: string): Promise<string | undefined> {
    const file = await this.store.file(guildId);
    return file.data.deliveries.find((d) => d.threadId === channelId)?.articleId;
  }

  /**
   * How a topic would have matched the articles already in the library, as the guild sees it. Read in slices
   * (TopicMatcher.previewInSlices): a common place on a large library takes seconds, which other commands must not wait for.
   */
  async preview(topic: string, minScore: number, viewer: Viewer = null, all = false): Promise<Preview> {
    const index = this.library.indexFor(viewer);
    const matches = await TopicMatcher.previewInSlices(index, topic, minScore);
    return {
      matchingArticles: matches.length,
      totalArticles: index.articleCount,
      examples: (all ? matches : matches.slice(0, PREVIEW_EXAMPLES)).map((m) => ({
        article: m.article,
        reason: m.reason,
        quote: m.hits[0],
      })),
    };
  }

  /**
   * `options.thread`: whether alerts open a thread, and why not when one was asked for; `options.mode`: instant, or a daily or weekly digest.
   * Each is set only when given: a resubscription without it keeps the old choice (a new subscription is instant, without a thread).
   */
  async subscribe(
    scope: Scope,
    topic: string,
    minScore: number | undefined,
    userId: string,
    options: SubscribeOptions = {},
  ): Promise<{ subscription: Subscription; resumed: boolean; preview: Preview }> {
    const cleaned = checkTopic(topic);
    const score = minScore ?? this.limits.defaultMinScore;
    const { subscription, resumed } = await this.subscriptions.subscribe(scope, cleaned, score, userId, options);
    this.index(subscription);
    return { subscription, resumed, preview: await this.preview(cleaned, score, viewerOfGuild(scope.guildId)) };
  }

  async unsubscribe(scope: Scope, topic: string): Promise<Subscription | undefined> {
    const removed = await this.subscriptions.unsubscribe(scope, topic);
    if (removed) this.matcher.remove(removed.id);
    return removed;
  }

  /** A channel's subscriptions with how many alerts wait or failed, and for a digest subscription how many matches it holds and when it is due. */
  async list(scope: Scope): Promise<(SubscriptionStatus & { nextDigestAt: string | null })[]> {
    return (await this.subscriptions.list(scope)).map((status) => ({ ...status, nextDigestAt: this.nextDigestAt(status.subscription) }));
  }

  /** When a daily or weekly subscription's next digest falls due (ISO); null for an instant one. */
  nextDigestAt(subscription: Subscription): string | null {
    return this.delivery.digests.nextDue(subscription)?.toISOString() ?? null;
  }

  /** Alerts not yet posted in every channel (waiting for a rate limit or a retry), for the metrics. */
  async waiting(): Promise<number> {
    const files = await this.store.openAll();
    return files.reduce((sum, file) => sum + file.data.deliveries.filter((d) => d.status === 'pending').length, 0);
  }

  topics(scope: Scope): Promise<string[]> {
    return this.subscriptions.topics(scope);
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
    await this.renameLongIds(processed);
    const done = new Set(processed.data.ids);
    // A server's article matched before articles had owners was recorded by its bare id: it counts as matched.
    return this.onArticles(articles.filter((item) => !done.has(processedKey(item)) && !(item.owner !== null && done.has(item.article.id))));
  }

  /** Records written before long article ids were cut name the articles as the library does now (longArticleIds.ts). */
  private async renameLongIds(processed: Awaited<ReturnType<AlertStore['processed']>>): Promise<void> {
    if (processed.data.ids.some((id) => currentProcessedKey(id) !== id))
      await processed.update((data) => void (data.ids = [...new Set(data.ids.map(currentProcessedKey))]));
    for (const file of await this.store.openAll())
      if (file.data.deliveries.some(namesOldId)) await file.update((data) => void renameLongIds(data));
  }

  /** Records articles as matched without matching them: imported ones (a feed's backfill) never alert, not even at the next start. */
  async markMatched(items: NewArticle[]): Promise<void> {
    if (items.length > 0) await this.recordMatched(items);
  }

  /** Adds the articles to this process's record of matched articles (processed.json). */
  private async recordMatched(items: NewArticle[]): Promise<void> {
    const processed = await this.store.processed();
    const known = new Set(processed.data.ids);
    const fresh = items.map(processedKey).filter((key) => !known.has(key));
    if (fresh.length > 0) await processed.update((data) => void data.ids.push(...fresh));
  }

  /** One article at a time through the matcher: it pauses between topics (matchInSlices), and holds one article's stamps. */
  private matchOne(index: SentenceIndex<Article>, article: Article): Promise<TopicMatch[]> {
    const run = this.matching.then(() => this.matcher.matchInSlices(index, article));
    this.matching = run.catch(() => undefined);
    return run;
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
    // The matches, by the guild whose alert file records them: each file is written once, however many articles.
    const byGuild = new Map<string | null, Match[]>();
    const matched: NewArticle[] = [];
    let matchCount = 0;
    // Many articles at once (catching up at start, a feed's poll) take seconds: other commands get turns between articles.
    const slice = new TimeSlice();
    for (const item of items) {
      await slice.pause();
      if (shouldStop()) break;
      const { article, owner } = item;
      const index = this.library.indexFor(owner);
      // Deleted or replaced while other work had its turn: nothing to alert on (a new version of it is matched on its own).
      // The indexed object is matched: an equal copy (same text, so the same sentences) stands for it.
      const version = indexedVersion(index, article);
      const current = version !== undefined && (version === article || version.text === article.text);
      const found = current ? await this.matchOne(index, version) : [];
      // Checked again after the await: its hits' sentence ids hold only while that version is indexed.
      const live = found.every((match) => match.hits.every((hit) => index.liveSentence(hit.sentence)?.article === version));
      const matches = live && indexedVersion(index, article) === version ? found : [];
      for (const match of matches) {
        const guildId = this.guildOf.get(match.topicId) ?? null;
        if (owner !== null && guildId !== guildOfOwner(owner)) continue;
        // Under this id, a server with an article of its own sees that one: the shared one is not its to alert on.
        if (owner === null && this.library.owns(viewerOfGuild(guildId), article.id)) continue;
        const quotes = match.hits.map((hit) => {
          const { start, end } = index.sentence(hit.sentence);
          return { articleId: article.id, start, end, text: article.text.slice(start, end) };
        });
        byGuild.set(guildId, [
          ...(byGuild.get(guildId) ?? []),
          { subscriptionId: match.topicId, articleId: article.id, score: match.score, reason: match.reason, quotes },
        ]);
        matchCount++;
      }
      matched.push(item);
    }
    let queued = 0;
    for (const [guildId, matches] of byGuild) {
      const file = await this.store.file(guildId);
      queued += await file.update((data) => enqueue(data, matches, this.now().getTime()));
    }
    await this.recordMatched(matched);
    const ms = Math.round((performance.now() - started) * 100) / 100;
    if (matched.length === 1)
      this.log.info('article_matched', { article: matched[0]!.article.id, topics: this.matcher.size, matches: matchCount, queued, ms });
    else this.log.info('articles_matched', { articles: matched.length, topics: this.matcher.size, matches: matchCount, queued, ms });
    if (queued) this.kick();
    return queued;
  }
}
