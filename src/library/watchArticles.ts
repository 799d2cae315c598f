import { readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log';
import type { Article } from './article';
import { articleIdFromFileName, idClash } from './article';
import { BadArticleError, isArticleFile, readArticleFile } from './readArticleFile';

export interface ArticleEvents {
  added(article: Article, change: 'add' | 'change'): Promise<void>;
  removed(articleId: string): Promise<void>;
  /** Where the library's article with this id came from (its file path), if it has one. */
  originOf(articleId: string): string | undefined;
}

/**
 * Watches the articles folder: a file added or changed is read and handed on
 * (to be indexed and matched against topics) without a restart; a removed
 * file leaves the index. Writes are awaited until the file stops growing, so
 * a half-copied article is never read.
 *
 * Two files with one id (`Council Budget.md`, `council budget.txt`) are
 * refused as at start: the file that has the id keeps it, the other is
 * skipped with a log line, and removing the other leaves the article alone.
 * Removing the one that has it hands the id to the other.
 */
export async function watchArticles(
  dir: string,
  maxBytes: number,
  events: ArticleEvents,
  log: Logger,
  stabilityMs = 300,
): Promise<FSWatcher> {
  const watcher = watch(dir, {
    ignoreInitial: true,
    depth: 0,
    ignored: (path, stats) => Boolean(stats?.isFile() && !isArticleFile(basename(path))),
    awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: 50 },
  });
  // Events for one file are handled in order, so a quick add-then-delete cannot end with the article indexed.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    queue = queue
      .then(work)
      .catch((error: unknown) => log.error('article_watch_failed', { error: (error as Error).stack ?? String(error) }));
  };
  const onFile = (change: 'add' | 'change') => (path: string) =>
    enqueue(async () => {
      if (!isArticleFile(basename(path))) return;
      const owner = events.originOf(articleIdFromFileName(basename(path)));
      if (owner !== undefined && resolvePath(owner) !== resolvePath(path)) {
        log.warn('article_skipped', { file: basename(path), reason: idClash(articleIdFromFileName(basename(path)), basename(owner)) });
        return;
      }
      await load(path, change);
    });
  const load = async (path: string, change: 'add' | 'change') => {
    let article: Article;
    try {
      article = await readArticleFile(path, maxBytes, (warning) => log.warn('article_warning', { file: basename(path), warning }));
    } catch (error) {
      const reason =
        error instanceof BadArticleError
          ? error.message
          : `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      log.warn('article_skipped', { file: basename(path), reason });
      return;
    }
    log.info('article_loaded', { file: basename(path), id: article.id, change, sentences: article.sentences.length });
    // The file was fine; what failed is what came after (matching topics could not be saved, say): not a skip.
    await events
      .added(article, change)
      .catch((error: unknown) =>
        log.error('article_not_handled', { file: basename(path), id: article.id, reason: (error as Error).message }),
      );
  };
  watcher.on('add', onFile('add'));
  watcher.on('change', onFile('change'));
  watcher.on('unlink', (path) =>
    enqueue(async () => {
      if (!isArticleFile(basename(path))) return;
      const id = articleIdFromFileName(basename(path));
      const owner = events.originOf(id);
      if (owner !== undefined && resolvePath(owner) !== resolvePath(path)) return;
      log.info('article_removed', { file: basename(path), id });
      await events.removed(id);
      // A file refused for this id (the same id under another name) now has it, as it would after a restart.
      const others = (await readdir(dirname(path)).catch(() => [] as string[]))
        .filter((name) => isArticleFile(name) && name !== basename(path) && articleIdFromFileName(name) === id)
        .sort();
      if (others[0]) await load(join(dirname(path), others[0]), 'add');
    }),
  );
  watcher.on('error', (error) => log.error('article_watch_error', { error: (error as Error).message }));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return watcher;
}
