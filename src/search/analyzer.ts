import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as stopwordList } from 'natural/lib/natural/util/stopwords.js';

// natural's WordTokenizer splits on [^A-Za-z0-9_], which cuts "Müller" into
// "M" + "ller". Tokens here are runs of letters and digits of every script
// (what natural's RegexpTokenizer gives with the gap pattern /[^\p{L}\p{N}]+/u,
// checked in tests/search/analyzer.test.ts). Plain ASCII text, nearly all of
// it, takes a faster path with the same result.
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
const NON_ASCII = /[^\x00-\x7f]/;

// natural lists the single digits as stop words; "how many" questions need them.
export const stopwords: ReadonlySet<string> = new Set(stopwordList.filter((word) => !/^\d$/.test(word)));

// Porter stemming leaves irregular forms apart from their verb ("began" and
// "begin", "won" and "win"), and questions often ask in another tense than the
// article wrote; the irregular forms are mapped to the verb before stemming.
// Forms that are more often another word are left alone ("the Fed" is not
// "feed", a "wound" is not "wind", "born" is not "bear"), and so are forms that
// are verbs of their own ("saw", "lay", "found").
const NOT_VERB_FORMS = new Set([
  'fed',
  'wound',
  'ground',
  'left',
  'bound',
  'lit',
  'rose',
  'bit',
  'born',
  'borne',
  'bore',
  'felt',
  'dove',
  'stole',
  'lent',
]);
const irregularVerbs = createRequire(import.meta.url)('english-verbs-irregular/dist/verbs.json') as Record<string, string[][]>;
const verbOfForm = new Map<string, string>();
for (const [verb, tenses] of Object.entries(irregularVerbs)) {
  for (const form of tenses.flat()) if (!(form in irregularVerbs) && !NOT_VERB_FORMS.has(form)) verbOfForm.set(form, verb);
}
let irregularVerbsOn = true;

/** The verb an irregular form belongs to ("began" → "begin"), if it is one. */
export function verbOfIrregularForm(token: string): string | undefined {
  return irregularVerbsOn ? verbOfForm.get(token) : undefined;
}

/** Switches the irregular-verb mapping, for measuring what it is worth (bench/tune.ts); indexes built before keep their terms. */
export function setIrregularVerbs(on: boolean): void {
  irregularVerbsOn = on;
  termCache.clear();
}

/** Tells snapshots of the index apart when this analysis changes (the stop words or the verb forms). */
export const analysisVersion = createHash('sha1')
  .update(JSON.stringify([[...stopwords].sort(), [...verbOfForm].sort()]))
  .digest('hex')
  .slice(0, 12);

// Porter stemming dominates indexing time; the vocabulary is small compared
// with the token stream, so a cache turns it into a map lookup. The cache maps
// a token to its term, or to '' for a stop word, so one lookup does both.
const termCache = new Map<string, string>();
const TERM_CACHE_LIMIT = 200_000;

/** The index term of a token, or '' when it is a stop word. */
export function termOf(token: string): string {
  let term = termCache.get(token);
  if (term === undefined) {
    term = stopwords.has(token) ? '' : PorterStemmer.stem(verbOfIrregularForm(token) ?? token);
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(token, term);
  }
  return term;
}

/** Folds case and diacritics so "Müller", "MÜLLER" and "Muller" meet. */
export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const isDigitToken = (token: string) => /\p{N}/u.test(token);

/** Lower-cased word tokens, stop words kept: what lookups and phrase checks see. Single letters are dropped, single digits kept. */
export function tokens(text: string): string[] {
  const folded = fold(text);
  const ascii = !NON_ASCII.test(folded);
  const found = folded.match(ascii ? ASCII_WORD : WORD);
  if (!found) return [];
  const out: string[] = [];
  for (const token of found) {
    if (token.length > 1) out.push(token);
    else if (ascii ? token >= '0' && token <= '9' : isDigitToken(token)) out.push(token);
  }
  return out;
}

/** Index terms: tokens without stop words, stemmed. Order is kept for proximity. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokens(text)) {
    const term = termOf(token);
    if (term) out.push(term);
  }
  return out;
}

/** Index terms with the word each came from, for showing terms to people ("ministri" → "ministry"). */
export function termsWithSurface(text: string): { term: string; surface: string }[] {
  const out: { term: string; surface: string }[] = [];
  for (const token of tokens(text)) {
    const term = termOf(token);
    if (term) out.push({ term, surface: token });
  }
  return out;
}
