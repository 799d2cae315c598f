import { createHash } from 'node:crypto';
import type { Span } from './sentences';

export interface ArticleMeta {
  title: string;
  /** ISO date (YYYY-MM-DD) when the article says so; null rather than a guess. */
  date: string | null;
  source: string | null;
  url: string | null;
  tags: string[];
}

export interface Article extends ArticleMeta {
  /** Stable, readable id derived from the file name (or feed item). */
  id: string;
  /** The body: every sentence and quote is a slice of this string. */
  text: string;
  sentences: Span[];
  /** Where it came from (file path or feed URL), for logs and change detection. */
  origin: string;
}

/**
 * The longest id: ids travel in Discord's autocomplete values and button ids,
 * both at most 100 characters, the latter with "article:page:" and a page
 * number around it.
 */
export const MAX_ARTICLE_ID = 80;
const HASH_CHARS = 8;

/**
 * "000_02b1b7e6bf94f65a.txt" → "000_02b1b7e6bf94f65a"; "Blinken Meets Hayashi!.md" → "blinken-meets-hayashi".
 * A longer id is cut and ends in a hash of the whole one, so two long names
 * that differ only at the end stay apart; a cut id read back as a file name
 * gives itself, and shorter ids are as they always were.
 */
export function articleIdFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '');
  const id = base
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (id.length <= MAX_ARTICLE_ID) return id || 'article';
  const hash = createHash('sha256').update(id).digest('hex').slice(0, HASH_CHARS);
  return `${id.slice(0, MAX_ARTICLE_ID - HASH_CHARS - 1).replace(/-+$/, '')}-${hash}`;
}

/** Why a file is skipped when another file already has its id (at start and live alike). */
export const idClash = (id: string, owner: string) => `its id "${id}" is already used by ${owner}; rename one of them`;
