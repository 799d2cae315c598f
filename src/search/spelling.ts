import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { termOf } from './analyzer';
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
  index.forEachTerm((candidate, count) => {
    if (candidate[0] !== term[0] || Math.abs(candidate.length - term.length) > allowed || /\d/.test(candidate)) return;
    const edits = DamerauLevenshteinDistance(term, candidate);
    if (edits > allowed) return;
    // Of words as near, one with a letter the typing left out ("turnr": Turner, not turn), then the commonest.
    const longer = candidate.length >= term.length;
    const better = edits < bestEdits || (edits === bestEdits && (longer !== bestLonger ? longer : count > bestCount));
    if (better) [best, bestEdits, bestCount, bestLonger] = [candidate, edits, count, longer];
  });
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
  const text = question.replace(WORD, (typed) => {
    const lower = typed.toLowerCase().replace(/['’]s$/, '');
    const term = termOf(lower);
    if (lower.length < MIN_LENGTH || !term || index.idf(term) > 0 || /['’-]/.test(lower)) return typed;
    if (vectors && vectors.id(lower) >= 0) return typed;
    const meant = nearestTerm(index, term);
    const word = meant && writtenForm(index, meant);
    if (!word) return typed;
    respellings.push({ typed, word });
    return word;
  });
  return { text, respellings };
}
