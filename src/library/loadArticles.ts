import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from './article';
import { BadArticleError, isArticleFile, readArticleFile } from './readArticleFile';
import type { Logger } from '../log';

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LoadResult {
  articles: Article[];
  skipped: SkippedFile[];
}

/** Loads every article file in a folder; a bad file is skipped with one log line, the rest load. */
export async function loadArticles(dir: string, maxBytes: number, log: Logger): Promise<LoadResult> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isFile() && isArticleFile(entry.name)).map((entry) => entry.name).sort();
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    try {
      const article = await readArticleFile(join(dir, name), maxBytes);
      const clash = seen.get(article.id);
      if (clash) throw new BadArticleError(`its id "${article.id}" is already used by ${clash}; rename one of them`);
      seen.set(article.id, name);
      articles.push(article);
    } catch (error) {
      const reason = error instanceof BadArticleError ? error.message : `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      skipped.push({ file: name, reason });
      log.warn('article_skipped', { file: name, reason });
    }
  }
  return { articles, skipped };
}
