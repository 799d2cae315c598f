import type { FSWatcher } from 'chokidar';
import { AlertService, defaultAlertLimits, type Poster } from './alerts/alertService';
import { AlertStore } from './alerts/alertStore';
import { CommandRunner } from './commandRunner';
import { loadCommands } from './commandRegistry';
import type { Command, Services } from './commands';
import type { Config } from './config';
import type { Article } from './library/article';
import { Library } from './library/library';
import { loadArticles, type SkippedFile } from './library/loadArticles';
import { watchArticles } from './library/watchArticles';
import type { Logger } from './log';
import { HistoryStore } from './store/historyStore';

export interface App {
  services: Services;
  runner: CommandRunner;
  skipped: SkippedFile[];
  /** Starts watching the articles folder and delivering alerts through the adapter's poster. */
  startAlerts(poster: Poster): Promise<void>;
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
}

/** Settings → library → stores → command layer: everything but the adapter. */
export async function createApp(config: Config, log: Logger, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const { articles, skipped } = await loadArticles(config.articlesDir, config.maxArticleBytes, log);
  const library = new Library(articles);
  library.index.shrink();
  const history = new HistoryStore(config.dataDir, { maxEntries: config.historyMaxEntries, maxAgeDays: config.historyMaxAgeDays }, log, now);
  const alerts = await AlertService.open(
    new AlertStore(config.dataDir, log),
    library,
    { ...defaultAlertLimits, topicsPerChannel: config.maxTopicsPerChannel, perHour: config.alertsPerHour, perDay: config.alertsPerDay, defaultMinScore: config.alertMinScore, retryBaseMs: options.alertRetryBaseMs ?? defaultAlertLimits.retryBaseMs },
    log,
    now,
  );
  let commands: Command[] = [];
  const services: Services = { library, config, log, history, alerts, commands: () => commands, now };
  commands = await loadCommands(log);
  const runner = new CommandRunner(commands, services, { cooldowns: options.cooldowns ?? true });
  log.info('library_loaded', { articles: articles.length, sentences: library.index.sentenceCount, skipped: skipped.length, dir: config.articlesDir, topics: alerts.topicCount });

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
    startAlerts: async (poster) => {
      if (config.watchArticles) {
        watcher = await watchArticles(
          config.articlesDir,
          config.maxArticleBytes,
          { added: addArticle, removed: async (id) => void library.remove(id) },
          log,
          options.watchStabilityMs,
        );
      }
      alerts.start(poster, options.alertTickMs);
    },
    close: async () => {
      await watcher?.close();
      await alerts.stop();
      await history.flush();
    },
  };
}
