import type { Article } from '../library/article';
import { fold, termOf, tokens } from '../search/analyzer';
import type { TopicTerm } from './topicTerms';

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[A-Za-z0-9]+/g;
const NON_ASCII = /[^\x00-\x7f]/;
const isCapital = (word: string) => {
  const code = word.charCodeAt(0);
  return code < 128 ? code >= 65 && code <= 90 : /^\p{Lu}/u.test(word);
};
/** A word as matching reads it: its folded form and stem ('' when it is skipped or a stop word). */
const reading = new Map<string, { folded: string; term: string } | null>();
const READING_LIMIT = 200_000;

function read(word: string): { folded: string; term: string } | null {
  let found = reading.get(word);
  if (found === undefined) {
    const folded = fold(word);
    found = folded.length < 2 && !/\p{N}/u.test(folded) ? null : { folded, term: termOf(folded) };
    if (reading.size >= READING_LIMIT) reading.clear();
    reading.set(word, found);
  }
  return found;
}
/** Where a word is, in `places`: the headline, or a sentence by its position. */
export const HEADLINE = -1;

const push = (map: Map<string, number[]>, key: string, place: number) => {
  const list = map.get(key);
  if (!list) map.set(key, [place]);
  else if (list[list.length - 1] !== place) list.push(place);
};

/**
 * An article read once for matching: where each term and each capitalised
 * word stands (the headline, which sentences). A candidate topic then costs a
 * few map lookups per word, however long the article, which keeps matching
 * one article against thousands of topics fast.
 */
export class ArticleEvidence {
  /** Stem → places, in order. */
  private readonly byTerm = new Map<string, number[]>();
  /** Folded capitalised word → places, in order: where names are looked up. */
  private readonly byName = new Map<string, number[]>();
  readonly sentenceCount: number;
  /** The headline's and each sentence's word tokens, read only when a topic has a phrase. */
  private tokenLists: string[][] | undefined;

  constructor(readonly article: Article) {
    this.read(article.title, HEADLINE);
    article.sentences.forEach((span, at) => {
      this.read(article.text.slice(span.start, span.end), at);
    });
    this.sentenceCount = article.sentences.length;
  }

  private read(text: string, place: number): void {
    // Plain ASCII text, nearly all of it, takes a faster pattern with the same words.
    for (const word of text.match(NON_ASCII.test(text) ? WORD : ASCII_WORD) ?? []) {
      const found = read(word);
      if (!found) continue;
      if (found.term) push(this.byTerm, found.term, place);
      if (isCapital(word)) push(this.byName, found.folded, place);
    }
  }

  /** Whether the article holds the term anywhere (by stem): the percolator's cheap test. */
  hasTerm(term: string): boolean {
    return this.byTerm.has(term);
  }

  /** Whether the headline or one sentence says these words one after another (folded, stop words kept; `tokens` of the analyzer). */
  hasPhrase(phrase: readonly string[]): boolean {
    if (phrase.length === 0) return false;
    this.tokenLists ??= [this.article.title, ...this.article.sentences.map((span) => this.article.text.slice(span.start, span.end))].map(
      tokens,
    );
    return this.tokenLists.some((list) => {
      for (let at = list.indexOf(phrase[0]!); at !== -1 && at + phrase.length <= list.length; at = list.indexOf(phrase[0]!, at + 1)) {
        if (phrase.every((token, i) => list[at + i] === token)) return true;
      }
      return false;
    });
  }

  /** Where a stem is said (headline, sentences), ascending: for related words, which are matched as search matches them. */
  termPlaces(term: string): readonly number[] {
    return this.byTerm.get(term) ?? [];
  }

  /** A word of the article with this stem, as written (for naming related words in a reason); read only when asked. */
  wordFor(term: string): string {
    for (const text of [this.article.title, ...this.article.sentences.map((span) => this.article.text.slice(span.start, span.end))]) {
      for (const word of text.match(WORD) ?? []) if (read(word)?.term === term) return word;
    }
    return term;
  }

  terms(): IterableIterator<string> {
    return this.byTerm.keys();
  }

  /**
   * Where a topic word is said: a name as a capitalised whole word (so "Brown"
   * is not "Browne" nor "brown"), any other word by its stem; either also by a
   * capitalised demonym ("Iraqi" for "Iraq"). Ascending, without repeats.
   */
  places(term: TopicTerm): readonly number[] {
    const own = (term.name ? this.byName.get(term.word) : this.byTerm.get(term.term)) ?? [];
    let merged: Set<number> | undefined;
    for (const form of term.demonyms) {
      const more = this.byName.get(form);
      if (more) for (const place of more) (merged ??= new Set(own)).add(place);
    }
    return merged ? [...merged].sort((a, b) => a - b) : own;
  }

  /** Each sentence's share of the topic's weight (0..1), and the headline's. */
  shares(terms: readonly TopicTerm[], weights: readonly number[]): { headline: number; sentences: Float64Array } {
    const total = weights.reduce((sum, w) => sum + w, 0);
    const sentences = new Float64Array(this.sentenceCount);
    let headline = 0;
    terms.forEach((term, i) => {
      for (const place of this.places(term)) {
        if (place === HEADLINE) headline += weights[i]! / total;
        else sentences[place]! += weights[i]! / total;
      }
    });
    return { headline, sentences };
  }
}
