import { isAbroadWord } from './abroad';
import { HEADLINE, type ArticleEvidence } from './articleEvidence';
import { namesAnOffice } from './passingMentions';
import type { Place } from './places';
import type { TopicTerm } from './topicTerms';

/** The lead: where a news story says what it is about. */
export const LEAD_SENTENCES = 2;
/** A word in this share of an article's sentences (and at least two of them) is prominent there. */
export const PROMINENT_SHARE = 1 / 4;

/**
 * How far a topic is what an article is about (0..1). Each topic word counts
 * by how prominent it is in the article: fully when it is in the headline or
 * in a quarter of the sentences (at least two; the lead counts twice), partly
 * when in fewer. The score is the share of the topic's weight so covered, so
 * one passing mention scores low however rare its words, and min_score keeps
 * its meaning: the share of the topic that must be there.
 */
export function aboutness(evidence: ArticleEvidence, terms: readonly TopicTerm[], weights: readonly number[]): number {
  return weighted(prominences(evidence, terms), weights);
}

/** How prominent each topic word is in the article (0..1): 1 in the headline or a quarter of the sentences, in proportion below. */
export function prominences(evidence: ArticleEvidence, terms: readonly TopicTerm[], home?: ReadonlySet<Place>): number[] {
  const office = namesAnOffice(terms);
  return terms.map((term) => prominenceOf(evidence, term, home, office).value);
}

/**
 * How prominent a topic word is, and the country that made it so when the
 * word is a region. Said only in a job title or a list, a common word is not
 * counted (passingMentions.ts) unless the topic names an office (`office`). A region counts as prominent as its most prominent
 * country, not as all its countries' mentions together: a story that names
 * five European capitals once each in passing is no more about Europe than a
 * story that names one.
 */
export function prominenceOf(
  evidence: ArticleEvidence,
  term: TopicTerm,
  home?: ReadonlySet<Place>,
  office = false,
): { value: number; member?: string } {
  let value = prominenceAt(evidence, evidence.ownPlaces(term, office));
  let member: string | undefined;
  for (const place of term.members) {
    if (value >= 1) break;
    // The library's home country says nothing about a region (homeCountry.ts).
    if (home?.has(place)) continue;
    const p = prominenceAt(evidence, evidence.memberPlaces(place));
    if (p > value) {
      value = p;
      member = place.name;
    }
  }
  return { value, member };
}

/** Regions said with "the" ("Turkey is in the Middle East"). */
const TAKES_THE = /^(middle east|caribbean|balkans|americas)$/i;

/**
 * What said the topic's words when the article did not use them itself, for
 * the reason: "Germany is in Europe", "via: Baghdad" (the topic said "Iraq").
 * Only for words that carry weight in the decision.
 */
export function saidBy(evidence: ArticleEvidence, terms: readonly TopicTerm[], home?: ReadonlySet<Place>): string[] {
  const out: string[] = [];
  const office = namesAnOffice(terms);
  for (const term of terms) {
    const { value, member } = prominenceOf(evidence, term, home, office);
    if (value === 0) continue;
    // "Kenya is overseas", not "in overseas": a word for abroad (abroad.ts) is no region's name.
    if (member && isAbroadWord(term.word)) out.push(`${member} is ${term.word}`);
    else if (member) out.push(`${member} is in ${TAKES_THE.test(term.display) ? `the ${term.display}` : term.display}`);
    else if (term.sayings.length > 0 && !literalPlaces(evidence, term).length) {
      const used = evidence.sayingUsed(term);
      if (used) out.push(`via: ${used}`);
    }
  }
  return out;
}

/** Where the topic's own words are written (a name as a name, with its demonyms), not another name for them. */
const literalPlaces = (evidence: ArticleEvidence, term: TopicTerm) =>
  term.name ? evidence.namePlaces([term.word, ...term.demonyms]) : evidence.termPlaces(term.term);

/**
 * The names that put the topic in the headline when its own words are not
 * there ("France" for "Europe", "Baghdad" for "Iraq"), for the reason: a
 * subscriber to "Europe" reading "the topic is in the headline" over "France
 * sets date for vote" would rightly doubt it.
 */
export function headlineNames(evidence: ArticleEvidence, terms: readonly TopicTerm[], home?: ReadonlySet<Place>): string[] {
  const out = new Set<string>();
  for (const term of terms) {
    if (literalPlaces(evidence, term)[0] === HEADLINE) continue;
    const saying = term.sayings.find((s) => evidence.namePlaces([s.key])[0] === HEADLINE);
    if (saying) out.add(saying.text);
    else {
      // As the headline writes it ("Brussels", not Belgium): the reason's "Belgium is in Europe" says the rest.
      for (const place of term.members) {
        if (home?.has(place)) continue;
        const said = place.sayings.find((s) => evidence.namePlaces([s.key])[0] === HEADLINE);
        if (!said) continue;
        out.add(said.text);
        break;
      }
    }
  }
  return [...out];
}

/** The prominence of a word said at these places (the headline, sentence positions). */
export function prominenceAt(evidence: ArticleEvidence, places: readonly number[]): number {
  return prominenceOver(evidence.sentenceCount, places);
}

/** The prominence of a word at these places in an article of this many sentences (related words read the library so). */
export function prominenceOver(sentenceCount: number, places: readonly number[]): number {
  const needed = Math.max(2, sentenceCount * PROMINENT_SHARE);
  let count = 0;
  for (const place of places) {
    if (place === HEADLINE) return 1;
    count += place < LEAD_SENTENCES ? 2 : 1;
  }
  return Math.min(1, count / needed);
}

/** The share of the topic's weight that its words' prominences cover (0..1). */
export function weighted(prominence: readonly number[], weights: readonly number[]): number {
  let total = 0;
  let mass = 0;
  weights.forEach((w, i) => {
    total += w;
    mass += w * prominence[i]!;
  });
  return total > 0 ? mass / total : 0;
}

/** Why an article matched, in one short line: "the topic is in the headline, in 6 of 14 sentences". */
/** The sentences that hold at least half of the topic's weight: "in 6 of 14 sentences". */
export const carryingSentences = (sentences: Float64Array): number => sentences.filter((share) => share >= 0.5).length;

export function reasonFor(
  shares: { headline: number; sentences: Float64Array },
  related: readonly string[] = [],
  said: readonly string[] = [],
  inHeadline: readonly string[] = [],
): string {
  const parts: string[] = [];
  // Another name put the topic in the headline: the reason names it rather than claim the topic's words are there.
  if (shares.headline >= 0.5 && inHeadline.length)
    parts.push(`${inHeadline.join(' and ')} ${inHeadline.length > 1 ? 'are' : 'is'} in the headline`);
  else if (shares.headline >= 0.99) parts.push('the topic is in the headline');
  else if (shares.headline >= 0.5) parts.push('most of the topic is in the headline');
  const carrying = carryingSentences(shares.sentences);
  if ([...shares.sentences.subarray(0, LEAD_SENTENCES)].some((share) => share >= 0.5))
    parts.push(parts.length ? 'in the lead' : 'the topic is in the lead');
  const n = shares.sentences.length;
  if (carrying > 0) parts.push(`in ${carrying} of ${n} sentence${n === 1 ? '' : 's'}`);
  // Related words completed the topic: named, so a subscriber sees what stood in for its missing words.
  if (related.length) parts.push(`related words: ${related.join(', ')}`);
  // A place said the topic: named, so a subscriber to "Europe" sees why a story about Germany came.
  parts.push(...said);
  return parts.length ? parts.join(', ') : 'its words run through the article';
}
