import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { stopwords, termOf } from './analyzer';
import { rereadText } from './rereadText';
import type { IndexedArticle } from './document';
import type { SentenceIndex } from './sentenceIndex';
import { wordVectors } from './wordVectors';

/** A word of the question searched as the library's word it most likely meant ("blunket" → "Blunkett"). */
export interface Respelling {
  typed: string;
  word: string;
}

// Shorter words are too often another word one edit away ("bill" and "bell", "lords" and "words").
const MIN_LENGTH = 5;
// One slip in a short word, two in a long one ("tsunammi", "goverment", "parliment").
const editsAllowed = (length: number) => (length >= 8 ? 2 : 1);
// Sentences read to find how the library writes the word it meant ("Blunkett", "tsunami").
const FORM_SAMPLE = 20;
const WORD = /\p{L}[\p{L}'’-]*/gu;

// A question with more unknown words than this is not a slip of the keys (pasted text, another language): left as typed.
const MAX_UNKNOWN = 3;

interface Vocabulary {
  /** The library's state it was read at: articles and sentences change it. */
  version: string;
  /** Terms with their sentence counts, by first character. */
  byFirst: Map<string, [string, number][]>;
}
const vocabularies = new WeakMap<object, Vocabulary>();

/** The library's terms by first character, read again only when its articles have changed. */
function vocabulary<D extends IndexedArticle>(index: SentenceIndex<D>): Map<string, [string, number][]> {
  const version = `${index.articleCount}:${index.sentenceCount}`;
  let cached = vocabularies.get(index);
  if (cached?.version !== version) {
    const byFirst = new Map<string, [string, number][]>();
    index.forEachTerm((term, count) => {
      if (/\d/.test(term)) return;
      const list = byFirst.get(term[0]!);
      if (list) list.push([term, count]);
      else byFirst.set(term[0]!, [[term, count]]);
    });
    cached = { version, byFirst };
    vocabularies.set(index, cached);
  }
  return cached.byFirst;
}

/** Letters one word has that the other lacks, the larger side: never more than the edits between them, and quick. */
function bagDistance(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const c of a) counts.set(c, (counts.get(c) ?? 0) + 1);
  for (const c of b) counts.set(c, (counts.get(c) ?? 0) - 1);
  let more = 0;
  let fewer = 0;
  for (const n of counts.values()) {
    if (n > 0) more += n;
    else fewer -= n;
  }
  return Math.max(more, fewer);
}

/**
 * The library's term a word the library lacks most likely meant: the one the
 * fewest edits away (a swap of neighbouring letters is one edit), the
 * commonest of those; none beyond the edits allowed. Misspellings keep their
 * first letter far more often than not, and looking only there keeps the
 * search to a small part of the vocabulary.
 */
function nearestTerm<D extends IndexedArticle>(index: SentenceIndex<D>, term: string): string | undefined {
  const allowed = editsAllowed(term.length);
  let best: string | undefined;
  let bestEdits = Infinity;
  let bestCount = 0;
  let bestLonger = false;
  for (const [candidate, count] of vocabulary(index).get(term[0]!) ?? []) {
    if (Math.abs(candidate.length - term.length) > allowed || bagDistance(term, candidate) > allowed) continue;
    const edits = DamerauLevenshteinDistance(term, candidate);
    if (edits > allowed) continue;
    // Of words as near, one with a letter the typing left out ("turnr": Turner, not turn), then the commonest.
    const longer = candidate.length >= term.length;
    const better = edits < bestEdits || (edits === bestEdits && (longer !== bestLonger ? longer : count > bestCount));
    if (better) [best, bestEdits, bestCount, bestLonger] = [candidate, edits, count, longer];
  }
  return best;
}

/** How the library writes a term inside sentences, its commonest form ("Blunkett" for "blunkett"). */
function writtenForm<D extends IndexedArticle>(index: SentenceIndex<D>, term: string): string | undefined {
  const forms = new Map<string, number>();
  for (const id of index.matchAll([term]).slice(0, FORM_SAMPLE)) {
    const { article, start, end } = index.sentence(id);
    for (const match of rereadText(article.text, start, end).matchAll(/[\p{L}\p{N}'’-]+/gu)) {
      // The first word of a sentence is capitalised whatever it is.
      if (match.index === 0) continue;
      const word = match[0].replace(/['’]s$/, '');
      if (termOf(word.toLowerCase()) === term) forms.set(word, (forms.get(word) ?? 0) + 1);
    }
  }
  return [...forms].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The question with each word no article uses, and no dictionary knows,
 * replaced by the library's word it most likely meant: "when did blunket
 * resign" is searched as "when did Blunkett resign". A word the word vectors
 * know is a real word (or a common name) the library lacks, which no
 * respelling would make right ("pizza", "Brazil"); a question whose words
 * the library all uses is left as it is.
 */
export function respelt<D extends IndexedArticle>(index: SentenceIndex<D>, question: string): { text: string; respellings: Respelling[] } {
  const respellings: Respelling[] = [];
  const vectors = wordVectors();
  const unknown = (typed: string) => {
    const lower = typed.toLowerCase().replace(/['’]s$/, '');
    const term = termOf(lower);
    const slip = lower.length >= MIN_LENGTH && term !== '' && index.idf(term) === 0 && !/['’-]/.test(lower);
    // "whats", "theres": a question word typed without its apostrophe, no slip.
    if (!slip || stopwords.has(lower.replace(/s$/, ''))) return undefined;
    // A word the vectors know, as typed or as its stem ("baldness": bald, "jokers": joker), is a real word.
    return vectors && (vectors.id(lower) >= 0 || vectors.id(term) >= 0) ? undefined : term;
  };
  if ((question.match(WORD) ?? []).filter(unknown).length > MAX_UNKNOWN) return { text: question, respellings };
  const text = question.replace(WORD, (typed: string, offset: number) => {
    const term = unknown(typed);
    if (term === undefined) return typed;
    const meant = nearestTerm(index, term);
    const word = meant && writtenForm(index, meant);
    // A capitalised word past the first is a name the library may simply lack ("Shapps", newer than the word
    // vectors): it is respelt only to a name the library writes ("Blunket" → "Blunkett"), never to an everyday
    // word ("shape"), so "none of the articles mention Shapps" still says so.
    const name = offset > 0 && /^\p{Lu}/u.test(typed);
    if (!word || (name && !/^\p{Lu}/u.test(word))) return typed;
    respellings.push({ typed, word });
    return word;
  });
  return { text, respellings };
}
