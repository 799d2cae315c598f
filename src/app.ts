import type { FSWatcher } from 'chokidar';
import { AlertService, defaultAlertLimits, type NewArticle } from './alerts/alertService';
import type { PostResult } from './alerts/types';
import type { Reply } from './reply';
import { alertReply } from './replies/alert';
import { alertDigestReply } from './replies/alertDigest';
import { scheduledDigestReply } from './replies/scheduledDigest';
import { AlertStore, type StoreShare } from './alerts/alertStore';
import { CommandRunner } from './command/run';
import { loadCommands } from './command/load';
import type { Command, Services } from './command/types';
import { articleIds } from '../commands/article';
import type { Config } from './config';
import type { Article } from './library/article';
import { Library } from './library/library';
import { loadOrBuildIndex } from './search/snapshot';
import { SentenceIndex } from './search/sentenceIndex';
import { wordVectorsError } from './search/wordVectors';
import { loadArticles, type SkippedFile } from './library/loadArticles';
import { watchArticles } from './library/watchArticles';
import type { Logger } from './log';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { articleIdFromFileName } from './library/article';
import { BadArticleError, isArticleFile, readArticleFile } from './library/readArticleFile';
import { HistoryStore } from './store/historyStore';
import { lockDataDir } from './store/dataLock';
import { removeStrayTempFiles } from './store/strayTempFiles';
import { FeedService, type FeedArticle, type FeedOptions } from './feeds';
import { FeedFollower, type FeedForward } from './feeds/feedFollower';
import { ownerFolder } from './feeds/migrateToOwners';
import { ServerArticles } from './library/serverArticles';
import { inSlices } from './timeSlices';

/** The console's own part of DATA_DIR (see main.ts). */
export const CONSOLE_DATA_SUBDIR = 'console';

export interface App {
  services: Services;
  runner: CommandRunner;
  skipped: SkippedFile[];
  /** Starts watching the articles folder and delivering alerts through the adapter's poster; `thread` asks it to open a thread on the alert (an adapter without threads ignores it). */
  startAlerts(post: (channelId: string, reply: Reply, nonce: string, thread?: { name: string }) => Promise<PostResult>): Promise<void>;
  /** A new or changed article from any source: indexed, then matched against topics; `owner` as in Library.add. */
  addArticle(article: Article, owner?: string | null): Promise<void>;
  /**
   * Feed articles another process wrote (SHARD_PROCESSES): read from
   * DATA_DIR/feed-articles/, indexed, then matched against this process's
   * topics, or with `alert` false (a backfill) only recorded as matched.
   */
  receiveFeedArticles(items: FeedArticleRef[], alert: boolean): Promise<void>;
  /** Stops the watchers and alert delivery, and finishes writes in flight; called before exit. */
  close(): Promise<void>;
}

export interface AppOptions {
  cooldowns?: boolean;
  now?: () => Date;
  /** Alert retry timing, shortened by tests. */
  alertRetryBaseMs?: number;
  alertTickMs?: number;
  watchStabilityMs?: number;
  /** Feed polling, shortened by tests (the setting counts in minutes). */
  feedIntervalMs?: number;
  feedTickMs?: number;
  /** Set when this process is one of several on the data folder (SHARD_PROCESSES; see src/discord/shardProcess.ts). */
  share?: AppShare;
}

/** A feed article by the file it was written to: DATA_DIR/feed-articles/<owner folder>/<id>.md. */
export interface FeedArticleRef {
  owner: string | null;
  id: string;
}

/**
 * One of several processes on one data folder, each holding some of the
 * shards: it opens and writes only its own guilds' alert files and its own
 * record of matched articles (StoreShare). One of them, the feed poller,
 * alone writes feeds.json, feed-articles/ and the index snapshot, and tells
 * the others of new feed articles; the others forward /feed add and remove
 * to it. The temporary files of a crash are removed by the manager before
 * the processes start, never by one process under another's feet.
 */
export interface AppShare extends StoreShare {
  feedPoller: boolean;
  /** In the other processes: runs /feed add and remove in the poller. */
  forwardFeeds?: FeedForward;
  /** In the poller: tells the other processes of new feed articles (alert false: imported, never alerted). */
  announceFeedArticles?(items: FeedArticleRef[], alert: boolean): void;
}

/** Settings → library → stores → command layer: everything but the adapter. */
export async function createApp(config: Config, log: Logger, options: AppOptions = {}): Promise<App> {
  // Before anything reads the data folder: another process on it would overwrite this one's writes.
  const lock = await lockDataDir(config.dataDir);
  try {
    return await build(config, log, options, lock.release);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function build(config: Config, log: Logger, options: AppOptions, releaseLock: () => Promise<void>): Promise<App> {
  const share = options.share;
  if (!share) await removeStrayTempFiles(config.dataDir, log);
  const now = options.now ?? (() => new Date());
  // A backfill run for another process's guild (or for every server) must reach the other processes' indexes, never alerting.
  let imported: (items: FeedArticle[]) => void = () => undefined;
  const feedOptions: FeedOptions = {
    dataDir: config.dataDir,
    intervalMs: options.feedIntervalMs ?? config.feedPollMinutes * 60_000,
    tickMs: options.feedTickMs,
    allowPrivate: config.feedsAllowPrivate,
    allowHosts: config.feedsAllowHosts,
    maxBytes: config.feedMaxBytes,
    maxArticleBytes: config.maxArticleBytes,
    timeoutMs: config.feedTimeoutSeconds * 1000,
    maxRedirects: config.feedMaxRedirects,
    maxItemsPerPoll: config.feedMaxItems,
    log,
    now,
    onImported: share?.feedPoller ? (items) => imported(items) : undefined,
  };
  const feeds =
    share && !share.feedPoller ? await FeedFollower.follow(feedOptions, share.forwardFeeds!) : await FeedService.open(feedOptions);
  const { articles, skipped } = await loadArticles(config.articlesDir, config.maxArticleBytes, log);
  // Articles that came from feeds are kept as files in the data folder, one folder per owner, and load like the others.
  const owned: NewArticle[] = [];
  for (const { owner, dir } of await feeds.articleFolders()) {
    const fromFeeds = await loadArticles(dir, config.maxArticleBytes, log);
    if (owner === null) articles.push(...fromFeeds.articles);
    else owned.push(...fromFeeds.articles.map((article) => ({ article, owner })));
    skipped.push(...fromFeeds.skipped);
  }
  const serverArticles = new ServerArticles(config.dataDir);
  for (const { owner, dir } of await serverArticles.folders()) {
    const added = await loadArticles(dir, config.maxArticleBytes, log);
    owned.push(...added.articles.map((article) => ({ article, owner })));
    skipped.push(...added.skipped);
  }
  // From the snapshot in the data folder when it matches the shared articles, else built (and the snapshot rewritten).
  const indexed = await loadOrBuildIndex(articles, config.dataDir, log, new SentenceIndex<Article>(), { save: !share || share.feedPoller });
  const library = new Library(indexed.index, articles);
  for (const { article, owner } of owned) library.add(article, owner);
  // Read now, so the first question does not wait for them (about 100 ms); answers go on without them if they are damaged.
  const vectorsError = wordVectorsError();
  if (vectorsError)
    log.error('word_vectors_unavailable', { reason: vectorsError.message, effect: 'answers are ranked without related words' });
  const history = new HistoryStore(
    config.dataDir,
    { maxEntries: config.historyMaxEntries, maxAgeDays: config.historyMaxAgeDays },
    log,
    now,
  );
  const alerts = await AlertService.open(
    new AlertStore(config.dataDir, log, share),
    library,
    {
      ...defaultAlertLimits,
      topicsPerChannel: config.maxTopicsPerChannel,
      perHour: config.alertsPerHour,
      perDay: config.alertsPerDay,
      defaultMinScore: config.alertMinScore,
      digestHour: config.digestHour,
      retryBaseMs: options.alertRetryBaseMs ?? defaultAlertLimits.retryBaseMs,
    },
    log,
    now,
  );
  let commands: Command[] = [];
  const services: Services = { library, config, log, history, alerts, feeds, serverArticles, commands: () => commands, now };
  commands = await loadCommands(log);
  const runner = new CommandRunner(commands, services, { cooldowns: options.cooldowns ?? true });
  log.info('library_loaded', {
    articles: articles.length,
    sentences: indexed.index.sentenceCount,
    skipped: skipped.length,
    dir: config.articlesDir,
    index: indexed.source,
    indexMs: Math.round(indexed.ms),
    topics: alerts.topicCount,
  });

  let closing = false;
  // Each new article goes into every server's copy of the index: with many servers a batch, even one article, would
  // hold the event loop for seconds, so the copies are made in slices (Library.addSteps), stopping when the bot stops.
  const addAll = (items: readonly NewArticle[]) => inSlices(library.addAllSteps(items, () => closing));
  const addArticle = async (article: Article, owner: string | null = null) => {
    await inSlices(library.addSteps(article, owner));
    await alerts.onArticle(article, owner);
  };
  let watcher: FSWatcher | undefined;
  const refOf = ({ article, owner }: FeedArticle): FeedArticleRef => ({ owner, id: article.id });
  imported = (items) => {
    void addAll(items)
      .then(() => alerts.markMatched(items))
      .catch((error: unknown) => log.error('feed_import_not_recorded', { error: (error as Error).message }));
    share?.announceFeedArticles?.(items.map(refOf), false);
  };
  const receiveFeedArticles = async (refs: FeedArticleRef[], alert: boolean) => {
    const items: NewArticle[] = [];
    for (const { owner, id } of refs) {
      if (closing || !/^[a-z0-9_-]+$/.test(id)) continue;
      const file = join(config.dataDir, 'feed-articles', ownerFolder(owner), `${id}.md`);
      await readArticleFile(file, config.maxArticleBytes).then(
        (article) => items.push({ article, owner }),
        (error: Error) => log.warn('feed_article_unreadable', { file, reason: error.message }),
      );
    }
    await addAll(items);
    if (alert) await alerts.onArticles(items, () => closing);
    else await alerts.markMatched(items);
  };
  return {
    services,
    runner,
    skipped,
    addArticle,
    receiveFeedArticles,
    startAlerts: async (post) => {
      await alerts.catchUp([...library.list().map((article) => ({ article, owner: null })), ...library.ownedArticles()]);
      if (config.watchArticles) {
        watcher = await watchArticles(
          config.articlesDir,
          config.maxArticleBytes,
          {
            added: (article) => addArticle(article),
            removed: async (id) => void (await inSlices(library.removeSteps(id))),
            originOf: (id) => library.get(id)?.origin,
          },
          log,
          options.watchStabilityMs,
        );
        // Files that landed between the first load and the watcher's start would otherwise go unseen.
        // A file skipped at start is read again here but not logged again for the same reason.
        const skippedAtStart = new Map(skipped.map(({ file, reason }) => [file, reason]));
        for (const name of await readdir(config.articlesDir)) {
          if (!isArticleFile(name) || library.get(articleIdFromFileName(name))) continue;
          await readArticleFile(join(config.articlesDir, name), config.maxArticleBytes, (warning) =>
            log.warn('article_warning', { file: name, warning }),
          ).then(
            (article) => addArticle(article),
            (error: NodeJS.ErrnoException) => {
              const reason = error instanceof BadArticleError ? error.message : `could not be read (${error.code ?? error.message})`;
              if (skippedAtStart.get(name) !== reason) log.warn('article_skipped', { file: name, reason });
            },
          );
        }
      }
      // A digest lists many articles, so it opens no thread; one alert does when its subscription asks, named after the article.
      alerts.start(
        (channelId, alert, nonce) =>
          'scheduled' in alert
            ? post(channelId, scheduledDigestReply(alert), nonce)
            : 'digest' in alert
              ? post(channelId, alertDigestReply(alert), nonce)
              : post(
                  channelId,
                  alertReply(alert, articleIds.encode({ action: 'read', articleId: alert.article.id, page: 1 })),
                  nonce,
                  alert.subscription.thread ? { name: alert.article.title } : undefined,
                ),
        options.alertTickMs,
      );
      feeds.start(async (items) => {
        // Written to disk and recorded as seen already: what a stop leaves unmatched, catchUp matches at the next start.
        await addAll(items);
        if (closing) return;
        // The others match them against their own guilds' topics; at their next start catchUp covers a message they missed.
        share?.announceFeedArticles?.(items.map(refOf), true);
        await alerts.onArticles(items, () => closing);
      });
    },
    close: async () => {
      closing = true;
      await feeds.stop();
      await watcher?.close();
      await alerts.stop();
      await history.flush();
      await releaseLock();
    },
  };
}
