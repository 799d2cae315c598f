import { places } from '../alerts/places';
import type { Article } from '../library/article';
import { fold, terms, termOf, tokens } from '../search/analyzer';
import { POINTING_ALTERNATIVES } from '../search/pointsBack';
import { withoutChatSpellings } from '../search/question';
import { placeTerms } from './placeSayings';
import { rereadText } from '../search/rereadText';
import type { SentenceIndex } from '../search/sentenceIndex';
import { wordVectors } from '../search/wordVectors';

// What opens a follow-up before its subject: "and", "what about", "how about", "but what about", "same for".
const OPENING = /^\s*(?:(?:and|but|also|so|then|ok|okay)\b[\s,]*)*(?:(?:what|how) about|what of|same for|as for)?\s*/i;
// A follow-up with a question of its own ("and when does it start?") keeps the subject; a bare name or phrase ("and wales?") brings one.
const OWN_QUESTION = new RegExp(
  `\\b(?:what|who|whom|whose|when|where|why|how|which|did|does|do|is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|else|${POINTING_ALTERNATIVES}|there)\\b`,
  'i',
);
// Longer than this, the words after the opening are a question, not a subject.
const MAX_SUBJECT_WORDS = 5;
// A word capitalised in at least this share of its uses inside sentences is a name ("Labour", "Wales"), whatever case users type.
const NAME_SHARE = 0.8;
const NAME_SAMPLE = 40;
// Names that stand for one another are at least this close in the word vectors (party for party, nation for nation,
// minister for minister: 0.2 to 0.8); an initialism of a common noun is not: "ID" of "ID cards" is 0.03 from "tories".
const MIN_STANDS_FOR = 0.1;

export interface SubjectChange {
  /** The new subject as the user wrote it ("the tories"). */
  phrase: string;
  /** Its index terms that the question before did not have: what the answer must be about. */
  terms: string[];
  /** The words those terms come from, as typed ("tories"): what a history entry keeps. */
  words: string;
  /** The question before, with the new subject in place of the one it replaces, or added when it replaces none. */
  rewritten: string;
  /** The words of the question before that the new subject replaced ("labour"); empty when it only narrows it. */
  replaced: string;
}

/**
 * Whether a word is a name in this library: capitalised where it is not the
 * first word of a sentence. Users type "labour" and "wales" in lower case,
 * so the question cannot tell.
 */
export function isName(index: SentenceIndex<Article>, word: string): boolean {
  const term = termOf(word.toLowerCase());
  if (!term) return false;
  let capitalised = 0;
  let seen = 0;
  for (const id of index.matchAll([term]).slice(0, NAME_SAMPLE)) {
    const { article, start, end } = index.sentence(id);
    const text = rereadText(article.text, start, end);
    for (const match of text.matchAll(/[\p{L}\p{N}'’-]+/gu)) {
      if (match.index === 0 || termOf(match[0].toLowerCase().replace(/['’]s$/, '')) !== term) continue;
      seen++;
      if (/^\p{Lu}/u.test(match[0])) capitalised++;
    }
  }
  return seen > 0 && capitalised / seen >= NAME_SHARE;
}

// Written about as countries, though the gazetteer has none of them: the UK's nations and the US states.
const NATIONS_AND_STATES = new Set(
  'england scotland wales alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin wyoming'
    .split(' ')
    .concat([
      'northern ireland',
      'new york',
      'new jersey',
      'new mexico',
      'new hampshire',
      'north carolina',
      'south carolina',
      'north dakota',
      'south dakota',
      'rhode island',
      'west virginia',
    ]),
);

/** Whether words name a country, a nation, a state or a region: "Taiwan", "south korea", "Wales", "Ohio", "Asia". */
export function isPlace(words: string): boolean {
  const key = fold(words)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const { places: countries, regions } = places();
  return countries.has(key) || regions.has(key) || NATIONS_AND_STATES.has(key);
}

// Said for a word the vectors do not know (a cosine below 0 is a real one: "blair" and "id" are -0.05 apart).
const UNKNOWN = -Infinity;

function similarity(a: string, b: string): number {
  const vectors = wordVectors();
  if (!vectors) return UNKNOWN;
  const [x, y] = [vectors.id(a), vectors.id(b)];
  return x < 0 || y < 0 ? UNKNOWN : vectors.similarity(x, y);
}

/**
 * Reads a follow-up that names a new subject ("what about the tories?",
 * "and wales?") after `before`: the subject replaces the one of the question
 * before that it stands for (a name for the name closest in meaning, a
 * place only for a place), or narrows that question when it stands for none
 * ("and the minimum wage?", "and Taiwan?" after what two ministers agreed). Undefined when the follow-up asks a question of its own
 * or brings no word the question before lacked.
 */
export function subjectChange(index: SentenceIndex<Article>, followUp: string, before: string): SubjectChange | undefined {
  // Said as the search will say it ("govt" is "government"), so the quotes kept are those that hold the subject as searched.
  const phrase = withoutChatSpellings(followUp)
    .replace(OPENING, '')
    .replace(/[?!.\s]+$/, '')
    .trim();
  if (!phrase || OWN_QUESTION.test(phrase) || tokens(phrase).length > MAX_SUBJECT_WORDS) return undefined;
  const old = new Set(terms(before));
  const fresh = [...new Set(terms(phrase))].filter((term) => !old.has(term));
  if (fresh.length === 0) return undefined;
  const subjectWords = tokens(phrase).filter((word) => fresh.includes(termOf(word)));
  // Each word is looked up once: a long question repeats words, and every look-up reads up to NAME_SAMPLE sentences.
  const names = new Map<string, boolean>();
  const nameOf = (word: string) => {
    const key = word.toLowerCase();
    if (!names.has(key)) names.set(key, isName(index, word));
    return names.get(key) === true;
  };
  const named = subjectWords.some(nameOf);
  // The words of the question before, with where they stand, so a replaced name is cut out of the text itself.
  const beforeWords = [...before.matchAll(/[\p{L}\p{N}'’-]+/gu)].map((m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
    term: termOf(m[0].toLowerCase().replace(/['’]s$/, '')),
  }));
  const nameAt = beforeWords.map((w) => w.term !== '' && named && nameOf(w.word));
  // A name of several words ("blaenau gwent") stands and is replaced whole.
  const runOf = (i: number): [number, number] => {
    let [first, last] = [i, i];
    while (first > 0 && nameAt[first - 1]) first--;
    while (last < beforeWords.length - 1 && nameAt[last + 1]) last++;
    return [first, last];
  };
  const words = subjectWords.join(' ');
  const place = named && isPlace(words);
  let best = -1;
  let bestSimilarity = -Infinity;
  beforeWords.forEach((w, i) => {
    if (!nameAt[i]) return;
    // A place stands for a place, anyone else for anyone else: "and Taiwan?" after what Hayashi and Blinken agreed narrows it.
    const [first, last] = runOf(i);
    if (isPlace(before.slice(beforeWords[first]!.start, beforeWords[last]!.end)) !== place) return;
    // A name stands for the closest name of the question before ("wales" for "scotland"); other words narrow the question.
    const closeness = Math.max(...subjectWords.map((s) => similarity(s, w.word.toLowerCase())));
    // Unknown to the vectors is no evidence against: "UKIP" may still stand for "the Tories".
    if (closeness !== UNKNOWN && closeness < MIN_STANDS_FOR) return;
    if (best < 0 || closeness > bestSimilarity) [best, bestSimilarity] = [i, closeness];
  });
  if (best < 0) return { phrase, terms: fresh, words, rewritten: `${before.replace(/[?!.\s]+$/, '')} ${phrase}`, replaced: '' };
  const [first, last] = runOf(best);
  const [from, to] = [beforeWords[first]!.start, beforeWords[last]!.end];
  return {
    phrase,
    terms: fresh,
    words,
    rewritten: `${before.slice(0, from)}${phrase}${before.slice(to)}`,
    replaced: before.slice(from, to),
  };
}

// "U.K.", "U.S.": a name written with dots is the name users type as "uk", "us".
const DOTTED = /\b(?:\p{Lu}\.){2,}/gu;
const subjectTerms = (text: string) => terms(text.replace(DOTTED, (abbreviation) => abbreviation.replaceAll('.', '')));

/**
 * Whether a quote holds the subject: its sentence has all the subject's
 * words, or its article's title names the subject (the sentence then says
 * "the party" or "the Conservatives" for it). `asSubject` asks more: the
 * sentence has the first of them in its first half, where a news sentence
 * puts what it is about, not a mention in passing ("…going back with the
 * Tories").
 */
export function holdsSubject(quote: { title: string; text: string }, subject: readonly string[], asSubject = false): boolean {
  // A place is also said by its people or capital ("and America?": "Americans contribute to relief effort").
  const sayings = subject.map((term) => placeTerms(term) ?? new Set([term]));
  const title = new Set(subjectTerms(quote.title));
  if (sayings.every((said) => [...said].some((term) => title.has(term)))) return true;
  const sentence = subjectTerms(quote.text);
  const firstAt = sayings.map((said) => sentence.findIndex((term) => said.has(term)));
  if (firstAt.some((at) => at < 0)) return false;
  return !asSubject || Math.min(...firstAt) < sentence.length / 2;
}
