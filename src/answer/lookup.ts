import { REREAD_CHARS } from '../search/rereadText';
import type { SentenceIndex } from '../search/sentenceIndex';
import { terms as analyze } from '../search/analyzer';
import { citationOf } from './ask';
import type { Citation } from './types';
import type { Article } from '../library/article';
import { finish, inSlices, type Steps } from '../timeSlices';

export interface LookupMatch extends Citation {
  text: string;
  start: number;
  end: number;
}

export interface LookupResult {
  term: string;
  /** Sentences holding every word of the term, in any form: those with the exact words first, then the rest, each in library order. */
  matches: LookupMatch[];
  /** How many of `matches` (the first ones) hold the term's exact words, whole words in any case; the rest hold only another form ("Browne", "browns" for "Brown"). */
  exact: number;
  /** Articles with how many matching sentences each (and how many exact), most exact first. */
  articles: (Citation & { count: number; exact: number })[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The term's own words, whole and in order, whatever lies between them: built
 * from its letters and digits, not from the search's tokens, which drop single
 * letters ("Plan B" would be tested as "plan"). Case aside, or, for a term
 * typed with a capital ("Brown" is most likely a name), in its case.
 */
function wholeWords(term: string, sameCase: boolean): ((text: string) => boolean) | undefined {
  if (sameCase && !/\p{Lu}/u.test(term)) return undefined;
  const words = term.match(/[\p{L}\p{N}]+/gu);
  if (!words) return undefined;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`,
    sameCase ? 'u' : 'iu',
  );
  return (text) => pattern.test(text);
}

/**
 * Finds sentences and articles by a term or phrase: every word must occur, in
 * any form the stemmer folds together. The exact words, whole (case aside),
 * rank first, and for a capitalised term those in its case before them.
 */
export function lookup(index: SentenceIndex<Article>, term: string, allowArticle?: (article: Article) => boolean): LookupResult {
  return finish(lookupSteps(index, term, allowArticle));
}

/**
 * The same look-up, giving the event loop a turn every few ms: a common word
 * is in most of a large library's sentences (0.4–0.6 s of work at 500,000),
 * and in one pass no other command, heartbeat or alert would run meanwhile.
 */
export function lookupInSlices(
  index: SentenceIndex<Article>,
  term: string,
  allowArticle?: (article: Article) => boolean,
): Promise<LookupResult> {
  return inSlices(lookupSteps(index, term, allowArticle));
}

function* lookupSteps(index: SentenceIndex<Article>, term: string, allowArticle?: (article: Article) => boolean): Steps<LookupResult> {
  const wanted = analyze(term);
  const ids = wanted.length ? index.matchAll(wanted) : [];
  const matches: LookupMatch[] = [];
  for (const id of ids) {
    // An article removed or replaced while the look-up paused is left out, not read from a stale id.
    const sentence = index.liveSentence(id);
    yield;
    if (!sentence || (allowArticle && !allowArticle(sentence.article))) continue;
    const { article, start, end } = sentence;
    matches.push({ ...citationOf(article), text: article.text.slice(start, end), start, end });
  }
  // Whole words: "brown" is in "Mr Brown's" but not in "Des Browne".
  const hasPhrase = wholeWords(term, false) ?? (() => false);
  const cased = wholeWords(term, true);
  // A test is linear in a sentence's length, so each sentence is tested once, on its opening (a sentence can be a megabyte).
  // 2: in the term's own case; 1: the exact words in another case; 0: only another form of them.
  const rank: number[] = [];
  for (const m of matches) {
    const opening = m.text.slice(0, REREAD_CHARS);
    rank.push(!hasPhrase(opening) ? 0 : cased?.(opening) ? 2 : 1);
    yield;
  }
  const ordered = [2, 1, 0].flatMap((level) => matches.filter((_m, i) => rank[i] === level));
  const counts = new Map<string, Citation & { count: number; exact: number }>();
  matches.forEach((match, i) => {
    const exact = rank[i]! > 0 ? 1 : 0;
    const entry = counts.get(match.articleId);
    if (entry) {
      entry.count++;
      entry.exact += exact;
    } else
      counts.set(match.articleId, {
        articleId: match.articleId,
        title: match.title,
        date: match.date,
        source: match.source,
        url: match.url,
        count: 1,
        exact,
      });
  });
  return {
    term,
    matches: ordered,
    exact: rank.filter((level) => level > 0).length,
    articles: [...counts.values()].sort((a, b) => b.exact - a.exact || b.count - a.count),
  };
}
