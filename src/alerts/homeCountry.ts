import type { Article } from '../library/article';
import type { SentenceIndex } from '../search/sentenceIndex';
import { ArticleEvidence } from './articleEvidence';
import { type Place, places } from './places';

/**
 * The library's home countries: those named in at least half of its
 * articles, and the one named most when it is named in a quarter of them and
 * at least twice as often as any other. A region is said by its countries ("Germany" for "Europe"), but
 * not by the country the whole library is written from: in a British
 * paper's politics pages every story names Britain, and a subscriber to
 * "Europe" there wants the European news, not every domestic story. Read
 * from a sample of the library's articles, once per index, and again when
 * the library has doubled or halved (as related words are).
 */
const SAMPLE = 50;
/** Fewer articles than this say nothing about a home: a small library of foreign news has none. */
const MIN_ARTICLES = 20;
const HOME_SHARE = 0.5;
/**
 * A home is often left unsaid (British politics stories say "the Commons",
 * "ministers", "Scottish", and name Britain in about a third of them), so the
 * country named most is home too when it leads this clearly.
 */
const LEADING_SHARE = 0.25;
const LEAD_OVER_NEXT = 2;

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
    for (let at = 0; at < all.length && sample.length < SAMPLE; at += step) sample.push(new ArticleEvidence(all[Math.floor(at)]!));
    const naming = places()
      .countries.map((country) => ({ country, count: sample.filter((evidence) => evidence.memberPlaces(country).length > 0).length }))
      .sort((a, b) => b.count - a.count);
    for (const { country, count } of naming) if (count >= HOME_SHARE * sample.length) home.add(country);
    const [first, second] = naming;
    if (first && first.count >= LEADING_SHARE * sample.length && first.count >= LEAD_OVER_NEXT * (second?.count ?? 0))
      home.add(first.country);
  }
  cache.set(index, { articles: Math.max(1, now), home });
  return home;
}
