import type { Article } from '../library/article';
import { terms as analyze } from '../search/analyzer';
import type { SentenceIndex } from '../search/sentenceIndex';
import { prominenceAt, prominenceOver } from './aboutness';
import { HEADLINE, type ArticleEvidence } from './articleEvidence';
import type { TopicTerm } from './topicTerms';

/**
 * Related words, from the library itself (pseudo-relevance feedback): the
 * topic's own articles (those that hold every topic word) share distinctive
 * words ("control orders": detainees, terror, suspects, house arrest), and an
 * article whose own topic words fall short is credited for those words where
 * they are prominent in it. See MATCHING.md.
 *
 * They only complete a topic: each topic word the article lacks counts for
 * at most RELATED_CREDIT of its weight, and only when the topic's own words
 * already carry OWN_SHARE of min_score, so related words never fire a topic
 * on their own.
 */
export const RELATED_CREDIT = 0.6;
/** The share of min_score the topic's own words must carry before related words may complete it. */
const OWN_SHARE = 0.6;
/** The related words prominent in the article, by weight, that count as all of them. */
const RELATED_FULL = 0.5;
/** How many related words a topic gets: its most distinctive ones. */
const RELATED_LIMIT = 10;
/** A related word is among the distinctive words of at least this many of the topic's articles: one article's words are its own story. */
const MIN_ARTICLES = 3;
/** The topic's articles read: enough for the statistics, few enough to stay cheap in a large library. */
const MAX_ARTICLES = 50;
/** The distinctive words of an article that feedback reads (tf × IDF). */
const KEY_TERMS = 30;
/** Its key words are read from the headline and this many first sentences: a news story says what it is about early, and a long one costs no more. */
const KEY_SENTENCES = 40;
/**
 * The topic's own words must cover this share of its weight in an article, by prominence, for that article to
 * be one of the topic's articles: an article naming the topic once in passing ("opposed the Iraq war", in an
 * election story) is about something else, and its words would be the topic's related words.
 */
export const ABOUT_SHARE = 0.5;
/** Cached topics (and words) per index, so a library with many removed topics does not grow the cache without end. */
const CACHE_LIMIT = 20_000;
const WORD_CACHE_LIMIT = 5_000;

/**
 * Whether a topic whose own words cover `own` of its weight could reach
 * minScore with related words: they must carry OWN_SHARE of it themselves,
 * and related words can add at most RELATED_CREDIT of what is missing.
 */
export function reachable(own: number, minScore: number): boolean {
  return own >= OWN_SHARE * minScore && own + RELATED_CREDIT * (1 - own) >= minScore;
}

/** The share of a topic's weight that an article holding only it can never reach minScore with (the percolator leaves such words out). */
export function unreachableShare(minScore: number): number {
  return Math.max(OWN_SHARE * minScore, (minScore - RELATED_CREDIT) / (1 - RELATED_CREDIT));
}

const PLAIN = /^[a-z0-9]*$/;
const byCodeUnits = <T extends { term: string; weight: number }>(a: T, b: T) =>
  b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
const byLocale = <T extends { term: string; weight: number }>(a: T, b: T) => b.weight - a.weight || a.term.localeCompare(b.term);

/**
 * Weightiest first, ties in localeCompare order. Ties are common (words said
 * once in an article) and comparing through ICU was most of reading a topic's
 * articles the first time; for lower-case ASCII letters and digits, nearly
 * every stem, code-unit order is the same order, so it is used when every term is such.
 */
function byWeight<T extends { term: string; weight: number }>(list: T[]): T[] {
  return list.sort(list.every(({ term }) => PLAIN.test(term)) ? byCodeUnits : byLocale);
}

interface Feedback {
  /** The topic's articles read. */
  ids: Set<string>;
  /** The words in enough of them, best first, with their counts; and the best RELATED_LIMIT, weighted. */
  ranked: { term: string; count: number }[];
  related: { term: string; weight: number }[];
}

const keyTerms = new WeakMap<Article, string[]>();
/** An article holding a stem, and where: the headline (HEADLINE) and its sentences' positions. */
interface Held {
  article: Article;
  places: number[];
}

const cache = new WeakMap<
  SentenceIndex<Article>,
  { articles: number; topics: Map<string, Feedback>; words: Map<string, Map<string, Held>> }
>();

function keyTermsOf(index: SentenceIndex<Article>, article: Article): string[] {
  let found = keyTerms.get(article);
  if (!found) {
    const tf = new Map<string, number>();
    const texts = [article.title, ...article.sentences.slice(0, KEY_SENTENCES).map((span) => article.text.slice(span.start, span.end))];
    for (const text of texts) for (const term of analyze(text)) tf.set(term, (tf.get(term) ?? 0) + 1);
    found = byWeight([...tf].map(([term, n]) => ({ term, weight: n * index.idf(term) })))
      .slice(0, KEY_TERMS)
      .map(({ term }) => term);
    keyTerms.set(article, found);
  }
  return found;
}

/** The articles whose sentences hold a stem; topics share words, so each is read once per state of the library. */
function articlesWith(index: SentenceIndex<Article>, words: Map<string, Map<string, Held>>, key: string): Map<string, Held> {
  let found = words.get(key);
  if (!found) {
    found = new Map();
    for (const sentence of index.matchAll([key])) {
      const { article, index: position } = index.sentence(sentence);
      let held = found.get(article.id);
      if (!held) found.set(article.id, (held = { article, places: analyze(article.title).includes(key) ? [HEADLINE] : [] }));
      held.places.push(position);
    }
    if (words.size >= WORD_CACHE_LIMIT) words.clear();
    words.set(key, found);
  }
  return found;
}

function rank(index: SentenceIndex<Article>, counts: Map<string, number>, size: number): { term: string; count: number; weight: number }[] {
  const out: { term: string; count: number; weight: number }[] = [];
  for (const [term, count] of counts) if (count >= MIN_ARTICLES) out.push({ term, count, weight: (count / size) * index.idf(term) });
  return byWeight(out);
}

/**
 * The topic's articles in the library: those whose sentences hold every topic word by stem and that are about
 * it (ABOUT_SHARE of its weight prominent there), or all that hold its words when fewer than MIN_ARTICLES are
 * about it; and their distinctive words.
 */
function read(index: SentenceIndex<Article>, words: Map<string, Map<string, Held>>, terms: readonly TopicTerm[]): Feedback {
  let ids: Map<string, Article> | undefined;
  // Per article, per topic word: where the word's stems stand (the headline, sentence positions).
  const where = new Map<string, Set<number>[]>();
  for (const [i, term] of terms.entries()) {
    const here = new Map<string, Article>();
    for (const key of term.keys)
      for (const [id, held] of articlesWith(index, words, key)) {
        if (ids && !ids.has(id)) continue;
        here.set(id, held.article);
        let places = where.get(id);
        if (!places) where.set(id, (places = terms.map(() => new Set())));
        for (const place of held.places) places[i]!.add(place);
      }
    ids = here;
    if (ids.size === 0) break;
  }
  const weights = terms.map((term) => index.idf(term.term));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const holding = [...(ids ?? [])];
  const about = holding.filter(([id, article]) => {
    const places = where.get(id)!;
    const mass = weights.reduce((sum, w, i) => sum + w * prominenceOver(article.sentences.length, [...places[i]!]), 0);
    return total > 0 && mass >= ABOUT_SHARE * total;
  });
  // Too few articles about it (a new topic, a small library): those that hold its words are all there is to read.
  const chosen = new Map((about.length >= MIN_ARTICLES ? about : holding).slice(0, MAX_ARTICLES));
  const own = new Set(terms.flatMap((t) => t.keys));
  const counts = new Map<string, number>();
  for (const article of chosen.values()) {
    for (const term of keyTermsOf(index, article)) if (!own.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  // Only the leading words can ever be among the best, even with one article's words left out: the rest is not kept.
  const ranked = rank(index, counts, chosen.size).slice(0, RELATED_LIMIT + KEY_TERMS);
  return { ids: new Set(chosen.keys()), ranked, related: ranked.slice(0, RELATED_LIMIT).map(({ term, weight }) => ({ term, weight })) };
}

function feedback(index: SentenceIndex<Article>, terms: readonly TopicTerm[]): Feedback {
  const now = index.articleCount;
  let state = cache.get(index);
  // Read again as the library grows (doubling keeps it cheap overall): a topic's first articles say little.
  if (!state || now >= 2 * state.articles || 2 * now < state.articles)
    cache.set(index, (state = { articles: Math.max(1, now), topics: new Map(), words: new Map() }));
  const key = terms.map((t) => (t.name ? `N:${t.word}` : t.term)).join(' ');
  let found = state.topics.get(key);
  if (!found) {
    if (state.topics.size >= CACHE_LIMIT) state.topics.clear();
    state.topics.set(key, (found = read(index, state.words, terms)));
  }
  return found;
}

/**
 * How strongly the topic's related words stand in the article (0..1), and
 * those that stand there, weightiest first (stems; `ArticleEvidence.wordFor`
 * writes them for a reason). The article's own words are left out of its
 * topic's statistics, so it cannot vouch for itself.
 */
export function relatedStrength(
  index: SentenceIndex<Article>,
  evidence: ArticleEvidence,
  terms: readonly TopicTerm[],
): { strength: number; terms: string[] } {
  const found = feedback(index, terms);
  let related = found.related;
  if (found.ids.has(evidence.article.id)) {
    // Its own key terms lower their counts by one; only the leading words can stay among the best.
    const own = new Set(keyTermsOf(index, evidence.article));
    const size = found.ids.size - 1;
    related = found.ranked
      .slice(0, RELATED_LIMIT + KEY_TERMS)
      .map(({ term, count }) => ({ term, count: own.has(term) ? count - 1 : count }))
      .filter(({ count }) => count >= MIN_ARTICLES)
      .map(({ term, count }) => ({ term, weight: (count / size) * index.idf(term) }));
    related = byWeight(related).slice(0, RELATED_LIMIT);
  }
  if (related.length === 0) return { strength: 0, terms: [] };
  let total = 0;
  let mass = 0;
  const standing: { term: string; mass: number }[] = [];
  for (const { term, weight } of related) {
    total += weight;
    const here = weight * prominenceAt(evidence, evidence.termPlaces(term));
    mass += here;
    if (here > 0) standing.push({ term, mass: here });
  }
  return { strength: Math.min(1, mass / (total * RELATED_FULL)), terms: standing.sort((a, b) => b.mass - a.mass).map(({ term }) => term) };
}
