import type { Article } from '../library/article';
import type { SentenceIndex } from '../search/sentenceIndex';
import { ArticleEvidence } from './articleEvidence';
import { type Place, places } from './places';

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

/**
 * Each sampled article is read up to here: where a story is written from shows in its opening, and reading whole
 * long articles (Wikipedia's, hundreds of sentences) took seconds, paid by the first alert that needed a home.
 */
const READ_SENTENCES = 40;

const cache = new WeakMap<SentenceIndex<Article>, { articles: number; home: ReadonlySet<Place> }>();

export function homeCountries(index: SentenceIndex<Article>): ReadonlySet<Place> {
  const now = index.articleCount;
  const cached = cache.get(index);
  if (cached && now < 2 * cached.articles && 2 * now >= cached.articles) return cached.home;
  const home = new Set<Place>();
  if (now >= MIN_ARTICLES) {
    const all = index.articles();
    const step = Math.max(1, all.length / SAMPLE);
    const sample: ArticleEvidence[] = [];
    for (let at = 0; at < all.length && sample.length < SAMPLE; at += step) {
      const article = all[Math.floor(at)]!;
      sample.push(new ArticleEvidence({ ...article, sentences: article.sentences.slice(0, READ_SENTENCES) }));
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
