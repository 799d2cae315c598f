import type { Article } from '../library/article';
import type { SentenceIndex } from '../search/sentenceIndex';
import { prominenceAt } from './aboutness';
import type { ArticleEvidence } from './articleEvidence';
import type { TopicTerm } from './topicTerms';

/**
 * Related words, from the library itself (pseudo-relevance feedback): the
 * topic's own articles (those that hold every topic word) share distinctive
 * words ("control orders": detainees, terror, suspects, house arrest), and an
 * article whose own topic words fall short is credited for those words where
 * they are prominent in it. See MATCHING.md.
 *
 * They only complete a topic: each topic word missing or weak in the article
 * is lifted to at most RELATED_CREDIT of its weight, and only when the
 * topic's own words already carry half of min_score, so related words never
 * fire a topic on their own.
 */
export const RELATED_CREDIT = 0.6;
/** The related words prominent in the article, by weight, that count as all of them. */
const RELATED_FULL = 0.5;
/** How many related words a topic gets: its most distinctive ones. */
const RELATED_LIMIT = 10;
/** A related word is among the distinctive words of at least this many of the topic's articles: one article's words are its own story. */
const MIN_ARTICLES = 3;
/** The topic's articles read: enough for the statistics, few enough to stay cheap in a large library. */
const MAX_ARTICLES = 50;
/** The distinctive words of an article that feedback reads (tf × article IDF, the index's key terms). */
const KEY_TERMS = 30;
/** Cached topics per index, so a library with many removed topics does not grow the cache without end. */
const CACHE_LIMIT = 50_000;

/**
 * Whether a topic whose own words cover `own` of its weight could reach
 * minScore with related words: they must carry half of it themselves, and
 * related words can add at most RELATED_CREDIT of what is missing.
 */
export function reachable(own: number, minScore: number): boolean {
  return own >= minScore / 2 && own + RELATED_CREDIT * (1 - own) >= minScore;
}

/** The share of a topic's weight that an article holding only it can never reach minScore with (the percolator leaves such words out). */
export function unreachableShare(minScore: number): number {
  return Math.max(minScore / 2, (minScore - RELATED_CREDIT) / (1 - RELATED_CREDIT));
}

interface Feedback {
  /** The library's article count when read: read again once it has doubled (or halved). */
  articles: number;
  /** The topic's articles read, and how many of them have each distinctive word. */
  ids: Set<string>;
  counts: Map<string, number>;
  /** The best related words when the article judged is not one of the topic's articles. */
  related: { term: string; weight: number }[];
}

const keyTerms = new WeakMap<Article, string[]>();
const cache = new WeakMap<SentenceIndex, Map<string, Feedback>>();

function keyTermsOf(index: SentenceIndex, article: Article): string[] {
  let found = keyTerms.get(article);
  if (!found) keyTerms.set(article, (found = index.keyTerms(article.id, KEY_TERMS).map(({ term }) => term)));
  return found;
}

function best(index: SentenceIndex, counts: Map<string, number>, size: number): { term: string; weight: number }[] {
  const out: { term: string; weight: number }[] = [];
  for (const [term, n] of counts) if (n >= MIN_ARTICLES) out.push({ term, weight: (n / size) * index.idf(term) });
  return out.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term)).slice(0, RELATED_LIMIT);
}

/** The topic's articles in the library (their sentences hold every topic word by stem) and their distinctive words. */
function read(index: SentenceIndex, terms: readonly TopicTerm[]): Feedback {
  let ids: Set<string> | undefined;
  // Rarest first: its articles are the fewest, and the others only narrow them.
  for (const term of [...terms].sort((a, b) => index.idf(b.term) - index.idf(a.term))) {
    const here = new Set<string>();
    for (const key of term.keys) for (const sentence of index.matchAll([key])) {
      const id = index.sentence(sentence).article.id;
      if (!ids || ids.has(id)) here.add(id);
    }
    ids = here;
    if (ids.size === 0) break;
  }
  const chosen = new Set([...(ids ?? [])].slice(0, MAX_ARTICLES));
  const own = new Set(terms.flatMap((t) => t.keys));
  const counts = new Map<string, number>();
  for (const id of chosen) {
    const article = index.article(id);
    if (!article) continue;
    for (const term of keyTermsOf(index, article)) if (!own.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return { articles: index.articleCount, ids: chosen, counts, related: best(index, counts, chosen.size) };
}

function feedback(index: SentenceIndex, terms: readonly TopicTerm[]): Feedback {
  let topics = cache.get(index);
  if (!topics) cache.set(index, (topics = new Map()));
  const key = terms.map((t) => (t.name ? `N:${t.word}` : t.term)).join(' ');
  let found = topics.get(key);
  const now = index.articleCount;
  // Read again as the library grows (doubling keeps it cheap overall): a topic's first articles say little.
  if (!found || now >= 2 * found.articles || 2 * now < found.articles) {
    if (topics.size >= CACHE_LIMIT) topics.clear();
    topics.set(key, (found = read(index, terms)));
  }
  return found;
}

/**
 * How strongly the topic's related words stand in the article (0..1), and
 * the two that weigh most there (as written, for the reason). The article's
 * own words are left out of its topic's statistics, so it cannot vouch for
 * itself.
 */
export function relatedStrength(index: SentenceIndex, evidence: ArticleEvidence, terms: readonly TopicTerm[]): { strength: number; words: string[] } {
  const found = feedback(index, terms);
  let related = found.related;
  if (found.ids.has(evidence.article.id)) {
    const counts = new Map(found.counts);
    for (const term of keyTermsOf(index, evidence.article)) if (counts.has(term)) counts.set(term, counts.get(term)! - 1);
    related = best(index, counts, found.ids.size - 1);
  }
  if (related.length === 0) return { strength: 0, words: [] };
  let total = 0;
  let mass = 0;
  const standing: { term: string; mass: number }[] = [];
  for (const { term, weight } of related) {
    total += weight;
    const here = weight * prominenceAt(evidence, evidence.termPlaces(term));
    mass += here;
    if (here > 0) standing.push({ term, mass: here });
  }
  const words = standing
    .sort((a, b) => b.mass - a.mass)
    .slice(0, 2)
    .map(({ term }) => evidence.wordFor(term));
  return { strength: Math.min(1, mass / (total * RELATED_FULL)), words };
}
