import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Article } from '../library/article';

/**
 * The article as a `.md` file the library loads (src/library/readArticleFile):
 * YAML front matter (title, date, source, url; strings quoted by the yaml
 * package wherever YAML needs it) and then the text exactly, so the loaded
 * article has the same id, text, sentences and metadata.
 */
export function articleFileText(article: Article): string {
  const meta: Record<string, string> = { title: article.title };
  if (article.date) meta.date = article.date;
  if (article.source) meta.source = article.source;
  if (article.url) meta.url = article.url;
  return `---\n${stringify(meta, { lineWidth: 0 })}---\n${article.text}`;
}

/** Writes `<dir>/<id>.md` atomically (a dot-file first, which the loader ignores, then a rename). */
export async function writeArticleFile(dir: string, article: Article): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${article.id}.md`);
  const temporary = join(dir, `.${article.id}.md.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, articleFileText(article), 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  return file;
}
