import type { FSWatcher } from 'chokidar';
import { AlertService, defaultAlertLimits } from './alerts/alertService';
import type { PostResult } from './alerts/types';
import type { Reply } from './reply';
import { alertReply } from './replies/alert';
import { AlertStore } from './alerts/alertStore';
import { CommandRunner } from './commandRunner';
import { loadCommands } from './commandRegistry';
import type { Command, Services } from './commands';
import type { Config } from './config';
import type { Article } from './library/article';
import { Library } from './library/library';
import { loadOrBuildIndex } from './search/snapshot';
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
import { FeedService } from './feeds';

/** The console's own part of DATA_DIR (see main.ts). */
export const CONSOLE_DATA_SUBDIR = 'console';

export interface App {
  services: Services;
  runner: CommandRunner;
  skipped: SkippedFile[];
  /** Starts watching the articles folder and delivering alerts through the adapter's poster. */
  startAlerts(post: (channelId: string, reply: Reply, nonce: string) => Promise<PostResult>): Promise<void>;
  /** A new or changed article from any source: indexed, then matched against topics. */
  addArticle(article: Article): Promise<void>;
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
  await removeStrayTempFiles(config.dataDir, log);
  const now = options.now ?? (() => new Date());
  const feeds = await FeedService.open({
    dataDir: config.dataDir,
    intervalMs: options.feedIntervalMs ?? config.feedPollMinutes * 60_000,
    tickMs: options.feedTickMs,
    allowPrivate: config.feedsAllowPrivate,
    maxBytes: config.feedMaxBytes,
    timeoutMs: config.feedTimeoutSeconds * 1000,
    maxRedirects: config.feedMaxRedirects,
    log,
    now,
  });
  const { articles, skipped } = await loadArticles(config.articlesDir, config.maxArticleBytes, log);
  // Articles that came from feeds are kept as files in the data folder and load like the others.
  const fromFeeds = await loadArticles(feeds.articlesDir, config.maxArticleBytes, log).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    return { articles: [], skipped: [] };
  });
  articles.push(...fromFeeds.articles);
  skipped.push(...fromFeeds.skipped);
  const library = new Library();
  // From the snapshot in the data folder when it matches the articles, else built (and the snapshot rewritten).
  const indexed = await loadOrBuildIndex(articles, config.dataDir, log, library.index);
  // Read now, so the first question does not wait for them (about 100 ms); answers go on without them if they are damaged.
  const vectorsError = wordVectorsError();
  if (vectorsError) log.error('word_vectors_unavailable', { reason: vectorsError.message, effect: 'answers are ranked without related words' });
  const history = new HistoryStore(config.dataDir, { maxEntries: config.historyMaxEntries, maxAgeDays: config.historyMaxAgeDays }, log, now);
  const alerts = await AlertService.open(
    new AlertStore(config.dataDir, log),
    library,
    { ...defaultAlertLimits, topicsPerChannel: config.maxTopicsPerChannel, perHour: config.alertsPerHour, perDay: config.alertsPerDay, defaultMinScore: config.alertMinScore, retryBaseMs: options.alertRetryBaseMs ?? defaultAlertLimits.retryBaseMs },
    log,
    now,
  );
  let commands: Command[] = [];
  const services: Services = { library, config, log, history, alerts, feeds, commands: () => commands, now };
  commands = await loadCommands(log);
  const runner = new CommandRunner(commands, services, { cooldowns: options.cooldowns ?? true });
  log.info('library_loaded', { articles: articles.length, sentences: library.index.sentenceCount, skipped: skipped.length, dir: config.articlesDir, index: indexed.source, indexMs: Math.round(indexed.ms), topics: alerts.topicCount });

  const addArticle = async (article: Article) => {
    library.add(article);
    await alerts.onArticle(article);
  };
  let watcher: FSWatcher | undefined;
  return {
    services,
    runner,
    skipped,
    addArticle,
    startAlerts: async (post) => {
      await alerts.catchUp(library.list());
      if (config.watchArticles) {
        watcher = await watchArticles(
          config.articlesDir,
          config.maxArticleBytes,
          { added: addArticle, removed: async (id) => void library.remove(id), originOf: (id) => library.get(id)?.origin },
          log,
          options.watchStabilityMs,
        );
        // Files that landed between the first load and the watcher's start would otherwise go unseen.
        // A file skipped at start is read again here but not logged again for the same reason.
        const skippedAtStart = new Map(skipped.map(({ file, reason }) => [file, reason]));
        for (const name of await readdir(config.articlesDir)) {
          if (!isArticleFile(name) || library.get(articleIdFromFileName(name))) continue;
          await readArticleFile(join(config.articlesDir, name), config.maxArticleBytes, (warning) => log.warn('article_warning', { file: name, warning })).then(addArticle, (error: NodeJS.ErrnoException) => {
            const reason = error instanceof BadArticleError ? error.message : `could not be read (${error.code ?? error.message})`;
            if (skippedAtStart.get(name) !== reason) log.warn('article_skipped', { file: name, reason });
          });
        }
      }
      alerts.start((channelId, alert, nonce) => post(channelId, alertReply(alert), nonce), options.alertTickMs);
      feeds.start(async (items) => {
        for (const item of items) await addArticle(item.article);
      });
    },
    close: async () => {
      await feeds.stop();
      await watcher?.close();
      await alerts.stop();
      await history.flush();
      await releaseLock();
    },
  };
}
