import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as stopwordList } from 'natural/lib/natural/util/stopwords.js';

// natural's WordTokenizer splits on [^A-Za-z0-9_], which cuts "Müller" into
// "M" + "ller". A Unicode-aware gap pattern keeps letters of every script.
// We build our own instance rather than calling TfIdf#setTokenizer, which is
// global to the process.
const tokenizer = new RegexpTokenizer({ pattern: /[^\p{L}\p{N}]+/u });

// natural lists the single digits as stop words; "how many" questions need them.
export const stopwords: ReadonlySet<string> = new Set(stopwordList.filter((word) => !/^\d$/.test(word)));

// Porter stemming dominates indexing time; the vocabulary is small compared
// with the token stream, so a cache turns it into a map lookup.
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

export function stem(token: string): string {
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(token);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(token, stemmed);
  }
  return stemmed;
}

/** Folds case and diacritics so "Müller", "MÜLLER" and "Muller" meet. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Lower-cased word tokens, stop words kept: what lookups and phrase checks see. */
export function tokens(text: string): string[] {
  return tokenizer.tokenize(fold(text)).filter((token) => token.length > 1 || /\p{N}/u.test(token));
}

/** Index terms: tokens without stop words, stemmed. Order is kept for proximity. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokens(text)) {
    if (!stopwords.has(token)) out.push(stem(token));
  }
  return out;
}

/** Index terms with the word each came from, for showing terms to people ("ministri" → "ministry"). */
export function termsWithSurface(text: string): { term: string; surface: string }[] {
  const out: { term: string; surface: string }[] = [];
  for (const token of tokens(text)) {
    if (!stopwords.has(token)) out.push({ term: stem(token), surface: token });
  }
  return out;
}
