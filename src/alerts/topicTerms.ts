import { fold, termOf } from '../search/analyzer';
import { abbreviationKeys } from './abbreviations';
import { abroadMembers, isAbroadWord } from './abroad';
import { type Place, places, type Saying } from './places';

export interface TopicTerm {
  /** The index term (stemmed): what the topic word weighs, and one of the keys the percolator files it under. */
  term: string;
  /** The word as folded (a known place of several words: its words joined by one space); a name matches this only. */
  word: string;
  /** The word as the topic writes it, for reasons ("Europe"). */
  display: string;
  /** A capitalised word of the topic: it matches only where the article writes it capitalised. */
  name: boolean;
  /** Capitalised words that also say it: a place's people and adjective ("Iraqi", "Chinese", "European"). */
  demonyms: string[];
  /** Other names of the same thing (folded, words joined by a space): a country's other names, capital and demonyms. */
  sayings: Saying[];
  /** A region's countries: the word counts as prominent as its most prominent country ("Germany" for "Europe"). */
  members: Place[];
  /** A word of a person's full name ("george" or "bush" of "George W. Bush"): the full name's words, the surname last. */
  person?: string[];
  /** A lone surname's dominant bearer in the library (folded first name, surnames.ts): set when judging, not by the topic. */
  bearer?: string;
  /** A plural name's singular ("democrat" of "Democrats"): said as an adjective, counted where the article also writes the plural. */
  singular?: string;
  /** Places where this article says the whole topic in short or in full ("Lib Dems", abbreviations.ts): set when judging, not by the topic. */
  alsoAt?: readonly number[];
  /** The index terms an article saying it holds (its own, its other names', its members'): the percolator files the topic under all. */
  keys: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
/**
 * Words that say a topic is news, not what it is about ("Middle East news",
 * "latest on pensions"): every article is news, so they are left out when the
 * topic has other words.
 */
const NEWS_WORDS = new Set(['news', 'latest', 'update', 'updates', 'story', 'stories', 'coverage', 'headlines']);
const capitalised = (word: string) => /^\p{Lu}/u.test(word);
/**
 * "U.S." and "U.K." read as "US" and "UK", the countries' everyday names (the
 * single letters would be dropped). Only these two: reading every dotted
 * initialism ("U.N.") as a name was not measured to help and fired "UN" on
 * one more passing mention in the dev set.
 */
export const undot = (text: string) => text.replace(/\bU\.([SK])\./g, 'U$1');
/**
 * The index terms undotting gives, each with its dotted form: the search index
 * holds neither "U.S." nor "U.K." (single letters are not indexed), so what
 * reads the index for a topic's keys must look for these in the text.
 */
export const DOTTED: ReadonlyMap<string, RegExp> = new Map([
  ['us', /\bU\.S\./],
  ['uk', /\bU\.K\./],
]);

/**
 * The regular ways English makes a people or an adjective from a place:
 * Iraq → Iraqi, Korea → Korean, Europe → European, Brazil → Brazilian,
 * Japan → Japanese, China → Chinese, Palestine → Palestinian. Made only for
 * words the topic capitalises (a place is written so: "aid" gets no "Aidan")
 * and matched only against capitalised words; "Browne" is not a form made here.
 */
function demonymsOf(word: string): string[] {
  const stem = word.replace(/[aeiou]$/, '');
  return [...new Set([`${word}i`, `${word}n`, `${word}an`, `${stem}an`, `${word}ian`, `${stem}ian`, `${word}ese`, `${stem}ese`])].filter(
    (form) => form && form !== word,
  );
}

/**
 * A plural name's singular, which says it as an adjective: "Liberal Democrat
 * manifesto" is the Liberal Democrats', "Conservative plans" the
 * Conservatives'. Long words only ("Jones" is no plural).
 */
function singularOf(word: string): string[] {
  if (word.length < 6 || !word.endsWith('s') || word.endsWith('ss')) return [];
  return [word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.slice(0, -1)];
}

/** Words that many place names share, and ordinary news words: a place of several words is filed under another of its words. */
const COMMON_NAME_WORDS = new Set(
  'republic kingdom island islands central state states united democratic federal federation people peoples south north east west southern northern eastern western coast new saint great arab union socialist islamic sultanate commonwealth principality grand duchy emirates territories african american asian european latin middle'.split(
    ' ',
  ),
);

/**
 * The last words of names that are institutions, not people ("Supreme Court",
 * "Labour Party"): their last word alone is another court or party, so it
 * never stands for the whole name.
 */
export const INSTITUTIONS = new Set(
  'court courts party parties union council committee commission bank house office church university college school department ministry army force forces league association group company corporation agency authority board senate assembly parliament congress government police service'.split(
    ' ',
  ),
);

/**
 * The index term a name is filed under: the stem of its longest word. Every
 * place the name is said holds that stem, which keeps the percolator's bound
 * (a topic word counted at all its keys' places) an upper bound.
 */
export function keyOf(key: string): string {
  const all = key.split(' ');
  // A common word of a name ("Republic", "Kingdom", "Island") would make most articles candidates for a region: file under a rarer one.
  const words = all.some((w) => !COMMON_NAME_WORDS.has(w)) ? all.filter((w) => !COMMON_NAME_WORDS.has(w)) : all;
  const longest = words.reduce((a, b) => (b.length >= a.length ? b : a));
  return termOf(longest) || termOf(words.find((w) => termOf(w)) ?? '') || longest;
}

/**
 * A topic's terms, each marked as a name or not. A capitalised word is a name
 * ("Brown" is the person, not the colour; "US" is not "us"), except a first
 * word that is capitalised only because it starts the topic ("Overseas aid"):
 * the first word is a name when it stands alone, is written in capitals
 * ("US politics", "NHS waiting lists"), the next word is capitalised too
 * ("Gordon Brown", "Taiwan Strait") or it is a known place ("Iraq war").
 *
 * Said at another level (places.ts): a known place, of
 * up to three capitalised words ("Latin America", "United States"), is one term that
 * also matches its other names; a region also matches its countries. A topic
 * of capitalised words only that is no place ("George W. Bush") is a
 * person's name: once the article names the person in full, the surname
 * alone says them (ArticleEvidence.places).
 */
export function topicTerms(topic: string): TopicTerm[] {
  const all = undot(topic).match(WORD) ?? [];
  const content = all.filter((w) => !NEWS_WORDS.has(w.toLowerCase()));
  const words = content.length ? content : all;
  const { places: named, regions } = places();
  // The longest known place starting at a word, written capitalised as names are.
  const placeAt = (i: number): { key: string; length: number } | undefined => {
    for (let n = Math.min(3, words.length - i); n >= 1; n--) {
      const span = words.slice(i, i + n);
      if (!span.every(capitalised)) continue;
      const key = span.map(fold).join(' ');
      if (named.has(key) || regions.has(key)) return { key, length: n };
    }
    return undefined;
  };
  // A run of capitalised words is one name: its places count as places only when the run is places end to end
  // ("China Japan relations"), not when a place names something else ("Taiwan Strait", "China Daily").
  const placeStarts = new Map<number, { key: string; length: number }>();
  for (let start = 0; start < words.length; ) {
    if (!capitalised(words[start]!)) {
      start++;
      continue;
    }
    let end = start;
    while (end < words.length && capitalised(words[end]!)) end++;
    const found: [number, { key: string; length: number }][] = [];
    for (let at = start; at < end; ) {
      const place = placeAt(at);
      if (!place || at + place.length > end) break;
      found.push([at, place]);
      at += place.length;
    }
    if (found.reduce((sum, [, place]) => sum + place.length, 0) === end - start)
      for (const [at, place] of found) placeStarts.set(at, place);
    start = end;
  }
  const out: TopicTerm[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const found = placeStarts.get(i);
    if (found) {
      const region = regions.get(found.key);
      const place = named.get(found.key) ?? region!;
      const own = found.key;
      const sayings = (named.has(own) ? place.sayings : region!.sayings).filter((s) => s.key !== own);
      const demonyms = own.includes(' ') ? [] : demonymsOf(own);
      const members = named.has(own) ? [] : region!.members;
      const term = keyOf(own);
      if (!out.some((t) => t.term === term)) {
        const keys = [
          term,
          ...demonyms.map(termOf),
          ...sayings.map((s) => keyOf(s.key)),
          ...members.flatMap((m) => m.sayings.map((s) => keyOf(s.key))),
        ];
        out.push({
          term,
          word: own,
          display: words.slice(i, i + found.length).join(' '),
          name: true,
          demonyms,
          sayings,
          members,
          keys: [...new Set(keys.filter(Boolean))],
        });
      }
      i += found.length - 1;
      continue;
    }
    const folded = fold(word);
    if (folded.length < 2 && !/\p{N}/u.test(folded)) continue;
    const term = termOf(folded);
    if (!term || out.some((t) => t.term === term)) continue;
    const acronym = word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
    const name = capitalised(word) && (acronym || i > 0 || words.length === 1 || capitalised(words[1]!));
    const demonyms = capitalised(word) && !/\p{N}/u.test(folded) ? [...demonymsOf(folded)] : [];
    // "overseas", "foreign": said by naming a place abroad (abroad.ts), as a region is by its countries.
    const members = !name && isAbroadWord(folded) ? abroadMembers() : [];
    out.push({
      term,
      word: folded,
      display: word,
      name,
      demonyms,
      sayings: [],
      members,
      singular: name ? singularOf(folded)[0] : undefined,
      keys: [...new Set([term, ...demonyms.map(termOf), ...members.flatMap((m) => m.sayings.map((s) => keyOf(s.key)))])],
    });
  }
  // A person: two or more names, none of them a place. The surname's places count for the other names once the article names them in full.
  if (
    out.length >= 2 &&
    out.every((t) => t.name && t.sayings.length === 0 && t.members.length === 0 && !t.word.includes(' ')) &&
    !INSTITUTIONS.has(out[out.length - 1]!.word)
  ) {
    const person = out.map((t) => t.word);
    const surname = out[out.length - 1]!;
    // The surname too knows the whole name: where it is part of another person's name ("Nick Brown"), it is not this person.
    surname.person = person;
    for (const t of out.slice(0, -1)) {
      t.person = person;
      if (!t.keys.includes(surname.term)) t.keys.push(surname.term);
    }
  }
  // Said in short or in full ("Lib Dems", "identity cards"): filed and bounded under the words such an article holds.
  abbreviationKeys(out).forEach((keys, i) => {
    for (const key of keys) if (!out[i]!.keys.includes(key)) out[i]!.keys.push(key);
  });
  return out;
}
