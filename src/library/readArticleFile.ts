import { readableSize } from '../readableSize';
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Article } from './article';
import { articleIdFromFileName } from './article';
import { FrontMatterError, type ParsedFile, parseFrontMatter } from './frontMatter';
import { headlineOf } from './headline';
import { makeArticle } from './makeArticle';

/** Why a file was not loaded; the message is shown to whoever runs the bot. */
export class BadArticleError extends Error {}

export const ARTICLE_EXTENSIONS = ['.txt', '.md'];

export function isArticleFile(fileName: string): boolean {
  return !fileName.startsWith('.') && ARTICLE_EXTENSIONS.some((ext) => fileName.toLowerCase().endsWith(ext));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeArticle(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new BadArticleError('the file is empty');
  // NUL bytes do not occur in text; they mark a binary file saved with a text extension.
  if (bytes.subarray(0, 8192).includes(0)) throw new BadArticleError('the file looks binary (it contains NUL bytes)');
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BadArticleError('the file is not valid UTF-8 text');
  }
}

/** Told what is wrong with a file that still loads (an unknown front-matter key, a url without a scheme). */
export type Warn = (warning: string) => void;

export function articleFromFileText(fileName: string, content: string, origin: string, warn: Warn = () => undefined): Article {
  let parsed: ParsedFile;
  try {
    parsed = parseFrontMatter(content);
  } catch (error) {
    if (error instanceof FrontMatterError) throw new BadArticleError(`broken front matter: ${error.message}`);
    throw error;
  }
  let { meta, bodyOffset } = parsed;
  // A plain-text file's first line is often its headline: the title, not a sentence to quote.
  const headline =
    Object.keys(meta).length === 0 && fileName.toLowerCase().endsWith('.txt') ? headlineOf(content.slice(bodyOffset)) : undefined;
  if (headline) {
    meta = { title: headline.title };
    bodyOffset += headline.end;
  }
  const body = content.slice(bodyOffset);
  const article = makeArticle(articleIdFromFileName(fileName), body, meta, origin);
  if (article.sentences.length === 0) throw new BadArticleError('the file has no sentences to quote');
  for (const warning of parsed.warnings) warn(warning);
  return article;
}

function checkSize(size: number, isFile: boolean, maxBytes: number): void {
  if (!isFile) throw new BadArticleError('not a regular file');
  if (size > maxBytes)
    throw new BadArticleError(`the file is ${readableSize(size)}, over the ${readableSize(maxBytes)} limit (MAX_ARTICLE_BYTES)`);
}

/** Reads one article file (the watcher's path: asynchronous, the bot is serving meanwhile). */
export async function readArticleFile(path: string, maxBytes: number, warn?: Warn): Promise<Article> {
  const info = await stat(path);
  checkSize(info.size, info.isFile(), maxBytes);
  const bytes = await readFile(path);
  // The file may have grown between stat and read.
  checkSize(bytes.length, true, maxBytes);
  return articleFromFileText(basename(path), decodeArticle(bytes), path, warn);
}

/**
 * The same, synchronously: for the bulk load at start, before the bot serves
 * anything, where thousands of small reads go several times faster without
 * a trip through the thread pool each.
 */
export function readArticleFileSync(path: string, maxBytes: number, warn?: Warn): Article {
  const info = statSync(path);
  checkSize(info.size, info.isFile(), maxBytes);
  const bytes = readFileSync(path);
  checkSize(bytes.length, true, maxBytes);
  return articleFromFileText(basename(path), decodeArticle(bytes), path, warn);
}
