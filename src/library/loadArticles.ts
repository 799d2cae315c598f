import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from './article';
import { BadArticleError, isArticleFile, readArticleFileSync } from './readArticleFile';
import type { Logger } from '../log';
import { idClash } from './article';

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LoadResult {
  articles: Article[];
  skipped: SkippedFile[];
}

/** Loads every article file in a folder at start; a bad file is skipped with one log line, the rest load. */
export async function loadArticles(dir: string, maxBytes: number, log: Logger): Promise<LoadResult> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && isArticleFile(entry.name))
    .map((entry) => entry.name)
    .sort();
  const results = names.map((name): Article | SkippedFile => {
    try {
      return readArticleFileSync(join(dir, name), maxBytes, (warning) => log.warn('article_warning', { file: name, warning }));
    } catch (error) {
      const reason =
        error instanceof BadArticleError
          ? error.message
          : `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      return { file: name, reason };
    }
  });
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Map<string, string>();
  results.forEach((result, i) => {
    const name = names[i]!;
    if ('reason' in result) {
      skipped.push(result);
    } else {
      const clash = seen.get(result.id);
      if (clash) {
        skipped.push({ file: name, reason: idClash(result.id, clash) });
      } else {
        seen.set(result.id, name);
        articles.push(result);
      }
    }
  });
  for (const { file, reason } of skipped) log.warn('article_skipped', { file, reason });
  return { articles, skipped };
}
