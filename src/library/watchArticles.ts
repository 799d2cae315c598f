import { basename } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log';
import type { Article } from './article';
import { articleIdFromFileName } from './article';
import { BadArticleError, isArticleFile, readArticleFile } from './readArticleFile';

export interface ArticleEvents {
  added(article: Article, change: 'add' | 'change'): Promise<void>;
  removed(articleId: string): Promise<void>;
}

/**
 * Watches the articles folder: a file added or changed is read and handed on
 * (to be indexed and matched against topics) without a restart; a removed
 * file leaves the index. Writes are awaited until the file stops growing, so
 * a half-copied article is never read.
 */
export async function watchArticles(dir: string, maxBytes: number, events: ArticleEvents, log: Logger, stabilityMs = 300): Promise<FSWatcher> {
  const watcher = watch(dir, {
    ignoreInitial: true,
    depth: 0,
    ignored: (path, stats) => Boolean(stats?.isFile() && !isArticleFile(basename(path))),
    awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: 50 },
  });
  // Events for one file are handled in order, so a quick add-then-delete cannot end with the article indexed.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => log.error('article_watch_failed', { error: (error as Error).stack ?? String(error) }));
  };
  const onFile = (change: 'add' | 'change') => (path: string) =>
    enqueue(async () => {
      if (!isArticleFile(basename(path))) return;
      try {
        const article = await readArticleFile(path, maxBytes);
        log.info('article_loaded', { file: basename(path), id: article.id, change, sentences: article.sentences.length });
        await events.added(article, change);
      } catch (error) {
        const reason = error instanceof BadArticleError ? error.message : `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
        log.warn('article_skipped', { file: basename(path), reason });
      }
    });
  watcher.on('add', onFile('add'));
  watcher.on('change', onFile('change'));
  watcher.on('unlink', (path) =>
    enqueue(async () => {
      if (!isArticleFile(basename(path))) return;
      const id = articleIdFromFileName(basename(path));
      log.info('article_removed', { file: basename(path), id });
      await events.removed(id);
    }),
  );
  watcher.on('error', (error) => log.error('article_watch_error', { error: (error as Error).message }));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return watcher;
}
