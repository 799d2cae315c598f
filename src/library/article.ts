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

/** "000_02b1b7e6bf94f65a.txt" → "000_02b1b7e6bf94f65a"; "Blinken Meets Hayashi!.md" → "blinken-meets-hayashi". */
export function articleIdFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '');
  const id = base
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'article';
}

/** Why a file is skipped when another file already has its id (at start and live alike). */
export const idClash = (id: string, owner: string) => `its id "${id}" is already used by ${owner}; rename one of them`;
