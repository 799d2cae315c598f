import { CommandRunner } from './commandRunner';
import { loadCommands } from './commandRegistry';
import type { Command, Services } from './commands';
import type { Config } from './config';
import { Library } from './library/library';
import { loadArticles, type SkippedFile } from './library/loadArticles';
import type { Logger } from './log';
import { HistoryStore } from './store/historyStore';

export interface App {
  services: Services;
  runner: CommandRunner;
  skipped: SkippedFile[];
  /** Finishes writes in flight; called before exit. */
  close(): Promise<void>;
}

/** Settings → library → stores → command layer: everything but the adapter. */
export async function createApp(config: Config, log: Logger, options: { cooldowns?: boolean; now?: () => Date } = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const { articles, skipped } = await loadArticles(config.articlesDir, config.maxArticleBytes, log);
  const library = new Library(articles);
  library.index.shrink();
  const history = new HistoryStore(config.dataDir, { maxEntries: config.historyMaxEntries, maxAgeDays: config.historyMaxAgeDays }, log, now);
  let commands: Command[] = [];
  const services: Services = { library, config, log, history, commands: () => commands, now };
  commands = await loadCommands(log);
  const runner = new CommandRunner(commands, services, { cooldowns: options.cooldowns ?? true });
  log.info('library_loaded', { articles: articles.length, sentences: library.index.sentenceCount, skipped: skipped.length, dir: config.articlesDir });
  return { services, runner, skipped, close: () => history.flush() };
}
