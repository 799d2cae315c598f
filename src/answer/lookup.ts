import { REREAD_CHARS } from '../search/rereadText';
import type { SentenceIndex } from '../search/sentenceIndex';
import { terms as analyze, tokens } from '../search/analyzer';
import { citationOf } from './ask';
import type { Citation } from './types';
import type { Article } from '../library/article';

export interface LookupMatch extends Citation {
  text: string;
  start: number;
  end: number;
}

export interface LookupResult {
  term: string;
  /** Sentences holding every word of the term (the exact phrase first), in library order. */
  matches: LookupMatch[];
  /** Articles with how many matching sentences each, most first. */
  articles: (Citation & { count: number })[];
}

/** Finds sentences and articles by a term or phrase: every word must occur; exact phrases rank first. */
export function lookup(index: SentenceIndex<Article>, term: string, allowArticle?: (article: Article) => boolean): LookupResult {
  const wanted = analyze(term);
  const phrase = tokens(term).join(' ');
  const ids = wanted.length ? index.matchAll(wanted) : [];
  const matches: LookupMatch[] = [];
  for (const id of ids) {
    const { article, start, end } = index.sentence(id);
    if (allowArticle && !allowArticle(article)) continue;
    matches.push({ ...citationOf(article), text: article.text.slice(start, end), start, end });
  }
  // Tokens joined by one space make the phrase test immune to punctuation and case.
  const hasPhrase = (text: string) => phrase.length > 0 && tokens(text).join(' ').includes(phrase);
  // Tokenising is linear in a sentence's length, so each sentence is tested once, on its opening (a sentence can be a megabyte).
  const isExact = matches.map((m) => hasPhrase(m.text.slice(0, REREAD_CHARS)));
  const exact = matches.filter((_m, i) => isExact[i]);
  const rest = matches.filter((_m, i) => !isExact[i]);
  const counts = new Map<string, Citation & { count: number }>();
  for (const match of matches) {
    const entry = counts.get(match.articleId);
    if (entry) entry.count++;
    else
      counts.set(match.articleId, {
        articleId: match.articleId,
        title: match.title,
        date: match.date,
        source: match.source,
        url: match.url,
        count: 1,
      });
  }
  return { term, matches: [...exact, ...rest], articles: [...counts.values()].sort((a, b) => b.count - a.count) };
}
