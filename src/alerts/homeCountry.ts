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
 * the library has doubled or halved (as related words are).
 */
const SAMPLE = 50;
/** Fewer articles than this say nothing about a home: a small library of foreign news has none. */
const MIN_ARTICLES = 20;
/**
 * Half, not a plurality: a world-news library names the United States in a
 * third of its stories, and a subscriber to "North America" there wants them.
 */
const HOME_SHARE = 0.5;

const cache = new WeakMap<SentenceIndex<Article>, { articles: number; home: ReadonlySet<Place> }>();

export function homeCountries(index: SentenceIndex<Article>): ReadonlySet<Place> {
  return finish(homeCountrySteps(index));
}

/**
 * homeCountries as steps that may pause after each sampled article: reading 50 long articles takes seconds
 * (2 s on SQuAD's), which the /subscribe preview of a region pays on a library's first region topic.
 */
export function* homeCountrySteps(index: SentenceIndex<Article>): Steps<ReadonlySet<Place>> {
  const now = index.articleCount;
  const cached = cache.get(index);
  if (cached && now < 2 * cached.articles && 2 * now >= cached.articles) return cached.home;
  const home = new Set<Place>();
  if (now >= MIN_ARTICLES) {
    const all = index.articles();
    const step = Math.max(1, all.length / SAMPLE);
    const sample: ArticleEvidence[] = [];
    for (let at = 0; at < all.length && sample.length < SAMPLE; at += step) {
      sample.push(new ArticleEvidence(all[Math.floor(at)]!));
      yield;
    }
    const gazetteer = places();
    for (const country of gazetteer.countries) {
      const names = [country, ...(gazetteer.nations.get(country) ?? [])];
      const count = sample.filter((evidence) => names.some((place) => evidence.memberPlaces(place).length > 0)).length;
      if (count >= HOME_SHARE * sample.length) home.add(country);
    }
  }
  cache.set(index, { articles: Math.max(1, now), home });
  return home;
}
