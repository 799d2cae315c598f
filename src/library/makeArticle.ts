import type { Article, ArticleMeta } from './article';
import { splitSentences } from './sentences';

const TITLE_LIMIT = 90;
// "LIVERPOOL, England – " / "WASHINGTON (Reuters) - ": a dateline names a place, not the story.
const DATELINE = /^\p{Lu}[\p{Lu} .'-]{2,}(?:,\s*[\p{L} .'-]+?)?(?:\s*\([^)]{1,40}\))?\s*[–—-]+\s+/u;

export function titleFromText(text: string, firstSentence: string | undefined): string {
  // A title needs only the opening; regexes on a whole enormous first sentence would be slow for nothing.
  const source = (firstSentence ?? text).slice(0, 400).replace(DATELINE, '').replace(/\s+/g, ' ').trim();
  if (!source) return 'Untitled article';
  if (source.length <= TITLE_LIMIT) return source.replace(/[.。]$/, '');
  const cut = source.slice(0, TITLE_LIMIT);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 40 ? cut.slice(0, lastSpace) : cut).replace(/[,;:–—-]$/, '')}…`;
}

/** Builds an article from its body text; metadata that is missing stays unknown. */
export function makeArticle(id: string, text: string, meta: Partial<ArticleMeta>, origin: string): Article {
  const sentences = splitSentences(text);
  const first = sentences[0];
  return {
    id,
    text,
    sentences,
    origin,
    title: meta.title || titleFromText(text, first && text.slice(first.start, first.end)),
    date: meta.date ?? null,
    source: meta.source ?? null,
    url: meta.url ?? null,
    tags: meta.tags ?? [],
  };
}
