import type { Article } from '../library/article';
import type { SentenceIndex } from '../search/sentenceIndex';
import { ArticleEvidence } from './articleEvidence';
import { type Place, places } from './places';
import { finish, type Steps } from '../timeSlices';

/**
 * The library's home countries: those named in at least half of its
 * articles, by their own names or their nations' (British politics stories
 * say "Scottish", "the Welsh Assembly", "English councils" more often than
 * "Britain"). A region is said by its countries ("Germany" for "Europe"), but
 * not by the country the whole library is written from: in a British
 * paper's politics pages every story names Britain, and a subscriber to
 * "Europe" there wants the European news, not every domestic story. Read
 * from a sample of the library's articles, once per index, and again when
 * the library has doubled or halved (as related words are) or a source has
 * come to have enough articles for a home of its own, or no longer has.
 */
const SAMPLE = 50;
/** Fewer articles than this say nothing about a home: a small library of foreign news has none. */
const MIN_ARTICLES = 20;
/**
 * Half, not a plurality: a world-news library names the United States in a
 * third of its stories, and a subscriber to "North America" there wants them.
 */
const HOME_SHARE = 0.5;

/**
 * Each sampled article is read up to here: where a story is written from shows in its opening, and reading whole
 * long articles (Wikipedia's, hundreds of sentences) took seconds, paid by the first alert that needed a home.
 */
const READ_SENTENCES = 40;

export interface Homes {
  articles: number;
  library: ReadonlySet<Place>;
  /** Per source with MIN_ARTICLES articles or more: a newsroom that takes a British wire and a world feed has two homes. */
  bySource: ReadonlyMap<string, ReadonlySet<Place>>;
}

/** `checkedAt`: the article count at which the sources with a home of their own were last the cached ones. */
// `sources`: the sources with enough articles for a home of their own when the homes were read, to tell when that changes.
const cache = new WeakMap<SentenceIndex<Article>, { homes: Homes; checkedAt: number; sources: ReadonlyMap<string, unknown> }>();

/** The countries named in at least HOME_SHARE of a sample of these articles (none for fewer than MIN_ARTICLES). */
function* homeOf(articles: readonly Article[]): Steps<ReadonlySet<Place>> {
  const home = new Set<Place>();
  if (articles.length < MIN_ARTICLES) return home;
  const step = Math.max(1, articles.length / SAMPLE);
  const sample: ArticleEvidence[] = [];
  for (let at = 0; at < articles.length && sample.length < SAMPLE; at += step) {
    const article = articles[Math.floor(at)]!;
    sample.push(new ArticleEvidence({ ...article, sentences: article.sentences.slice(0, READ_SENTENCES) }));
    yield;
  }
  const gazetteer = places();
  for (const country of gazetteer.countries) {
    const names = [country, ...(gazetteer.nations.get(country) ?? [])];
    const count = sample.filter((evidence) => names.some((place) => evidence.memberPlaces(place).length > 0)).length;
    if (count >= HOME_SHARE * sample.length) home.add(country);
  }
  return home;
}

/**
 * The home countries for an article of this source: the library's, and its source's own when the library holds
 * enough of that source's articles to tell (a British wire's domestic stories in a library that also takes a world
 * feed, where the UK is named in only 41 % of all articles: a user tester's finding). Both, not the source's
 * alone: a source's sample of 50 can fall short of half where the library's does not (44 % against 55 % of the
 * wire's articles in a second user test), and an empty home of its own then made "United Kingdom is overseas".
 */
export function homeCountries(index: SentenceIndex<Article>, source: string | null = null): ReadonlySet<Place> {
  const homes = finish(homeCountrySteps(index));
  return (source !== null && homes.bySource.get(source)) || homes.library;
}

/**
 * The homes as steps that may pause after each sampled article: reading 50 long articles takes seconds (2 s on
 * SQuAD's), which the /subscribe preview of a region pays on a library's first region topic.
 */
export function* homeCountrySteps(index: SentenceIndex<Article>): Steps<Homes> {
  const now = index.articleCount;
  const cached = cache.get(index);
  if (cached && now < 2 * cached.homes.articles && 2 * now >= cached.homes.articles) {
    if (now === cached.checkedAt) return cached.homes;
    // A new feed that reaches MIN_ARTICLES in a large library needs its own home long before the library doubles.
    if (sameSources(ownHomeSources(index.articles()), cached.sources)) {
      cached.checkedAt = now;
      return cached.homes;
    }
  }
  const all = index.articles();
  const library = yield* homeOf(all);
  const sources = ownHomeSources(all);
  const bySource = new Map<string, ReadonlySet<Place>>();
  for (const [name, articles] of sources) {
    const own = yield* homeOf(articles);
    if (own.size > 0) bySource.set(name, new Set([...library, ...own]));
  }
  const homes = { articles: Math.max(1, now), library, bySource };
  cache.set(index, { homes, checkedAt: now, sources });
  return homes;
}

/** The sources with a home of their own: enough articles to tell, and not the whole library (whose home is the library's). */
function ownHomeSources(all: readonly Article[]): Map<string, Article[]> {
  const sources = new Map<string, Article[]>();
  for (const article of all)
    if (article.source !== null) {
      const group = sources.get(article.source);
      if (group) group.push(article);
      else sources.set(article.source, [article]);
    }
  return new Map([...sources].filter(([, articles]) => articles.length >= MIN_ARTICLES && articles.length < all.length));
}

function sameSources(now: ReadonlyMap<string, unknown>, before: ReadonlyMap<string, unknown>): boolean {
  return now.size === before.size && [...now.keys()].every((name) => before.has(name));
}
