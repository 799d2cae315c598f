import type { Article } from '../library/article';
import { rereadText } from '../search/rereadText';
import { fold, termOf } from '../search/analyzer';
import type { SentenceIndex } from '../search/sentenceIndex';
import { TITLES } from './articleEvidence';
import { places } from './places';

/**
 * Who a bare surname means in this library. A subscriber to "Brown" on a
 * British politics library means Gordon Brown, as a reader would: the person
 * the library names by that surname most, when clearly more than anyone else
 * of it (Nick Brown, Lyn Brown). Read from the library's own sentences that
 * hold the word, once per index and surname, and again when the library has
 * doubled or halved (as the home country is).
 */
/** A bearer named in full in fewer articles than this is no one the library is about. */
const MIN_ARTICLES = 3;
/** The bearer must be named in full in at least this many times as many articles as the next. */
const OVER_NEXT = 2;
/**
 * A first name is written before this surname in at least this share of the
 * sentences holding it: "Gordon" is Gordon Brown's, "New" (New Labour, New
 * York, the new rules) is no one's first name.
 */
const OWN_SHARE = 0.5;

const cache = new WeakMap<SentenceIndex<Article>, { articles: number; bearers: Map<string, string | null> }>();

/** The folded first name of the surname's dominant bearer in the library, or undefined when none dominates. */
export function dominantBearer(index: SentenceIndex<Article>, surname: string): string | undefined {
  const now = index.articleCount;
  let entry = cache.get(index);
  if (!entry || now >= 2 * entry.articles || 2 * now < entry.articles)
    cache.set(index, (entry = { articles: Math.max(1, now), bearers: new Map() }));
  let found = entry.bearers.get(surname);
  if (found === undefined) entry.bearers.set(surname, (found = readBearer(index, surname) ?? null));
  return found ?? undefined;
}

const sentenceText = (index: SentenceIndex<Article>, id: number) => {
  const { article, start, end } = index.sentence(id);
  return { article, text: rereadText(article.text, start, end) };
};

function readBearer(index: SentenceIndex<Article>, surname: string): string | undefined {
  // A capitalised word, maybe a middle initial ("George W. Bush"), then a capitalised whole word that folds to the
  // surname: the surname is kept folded, and "McDonnell" or "Sánchez" are not its capitalised first letter plus the rest.
  // The next word is read ahead, not taken: in "Chancellor Gordon Brown" it is the first name of the next pair.
  const fullName = /(\p{Lu}[\p{Ll}'’-]+)(?= (?:\p{Lu}\. )?(\p{Lu}[\p{L}'’-]*)(?![\p{L}\p{N}]))/gu;
  const articlesBy = new Map<string, Set<string>>();
  const sentencesBy = new Map<string, number>();
  const { places: known } = places();
  for (const id of index.matchAll([termOf(fold(surname))])) {
    const { article, text } = sentenceText(index, id);
    const inSentence = new Set<string>();
    for (const m of text.matchAll(fullName)) {
      if (fold(m[2]!) !== surname) continue;
      const first = fold(m[1]!);
      // A title ("Mr Brown", "Chancellor Brown") or a place ("Scottish Labour") is not a first name.
      // Nor is a stop word ("The Bush administration").
      if (TITLES.has(first) || known.has(first) || !termOf(first)) continue;
      inSentence.add(first);
      let set = articlesBy.get(first);
      if (!set) articlesBy.set(first, (set = new Set()));
      set.add(article.id);
    }
    for (const first of inSentence) sentencesBy.set(first, (sentencesBy.get(first) ?? 0) + 1);
  }
  const ranked = [...articlesBy].map(([first, ids]) => ({ first, count: ids.size })).sort((a, b) => b.count - a.count);
  const [top, next] = ranked;
  if (!top || top.count < MIN_ARTICLES || top.count < OVER_NEXT * (next?.count ?? 0)) return undefined;
  const own = sentencesBy.get(top.first)! / Math.max(1, index.matchAll([termOf(top.first)]).length);
  return own >= OWN_SHARE ? top.first : undefined;
}
