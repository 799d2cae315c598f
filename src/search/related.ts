import { termOf } from './analyzer';
import type { WordVectors } from './wordVectors';

/**
 * Credit for question words a sentence says differently: a question word
 * whose stem the sentence lacks counts by how close the sentence's nearest
 * word is in meaning ("siblings" and "children"), above a threshold below
 * which similarity is mostly shared topic rather than shared meaning.
 */
export class RelatedWords {
  private readonly terms: string[] = [];
  private readonly units: Float32Array[] = [];
  private readonly weights: number[] = [];
  // Scratch, one slot per question word.
  private best = new Float64Array(0);
  private present = new Uint8Array(0);
  // The sentences re-read for one question share many words (neighbours, the article's names):
  // a word's similarity to each question word is computed once, when first needed (NaN until then).
  private readonly seen = new Map<string, { vector: number; similarities: Float64Array } | null>();

  /** `weightOf` gives each question term its weight as scored (its IDF). */
  constructor(
    questionWords: readonly string[],
    private readonly vectors: WordVectors,
    weightOf: (term: string) => number,
    private readonly threshold: number,
  ) {
    // At a threshold of 1 nothing can pass it (and the scaling below would divide by zero).
    if (!(threshold < 1)) return;
    for (const word of questionWords) {
      const term = termOf(word);
      if (!term || this.terms.includes(term)) continue;
      const vector = vectors.id(word);
      if (vector < 0) continue;
      this.terms.push(term);
      this.units.push(vectors.unit(vector));
      this.weights.push(weightOf(term));
    }
    this.best = new Float64Array(this.units.length);
    this.present = new Uint8Array(this.units.length);
  }

  /**
   * Σ weight × (similarity − threshold) / (1 − threshold) over the question
   * words the sentence lacks, each against its most similar sentence word.
   * `sentenceTerms[i]` is the term of `sentenceWords[i]` ('' for a stop word).
   */
  mass(sentenceWords: readonly string[], sentenceTerms: readonly string[]): number {
    const count = this.units.length;
    if (count === 0) return 0;
    const { best, present, threshold } = this;
    present.fill(0);
    let missing = count;
    for (const term of sentenceTerms) {
      if (!term) continue;
      const entry = this.terms.indexOf(term);
      if (entry >= 0 && !present[entry]) {
        present[entry] = 1;
        missing--;
      }
    }
    if (missing === 0) return 0;
    best.fill(threshold);
    for (let i = 0; i < sentenceWords.length; i++) {
      const term = sentenceTerms[i]!;
      if (!term || this.terms.includes(term)) continue;
      const word = this.lookUp(sentenceWords[i]!);
      if (!word) continue;
      const { vector, similarities } = word;
      for (let e = 0; e < count; e++) {
        if (present[e]) continue;
        let similarity = similarities[e]!;
        if (Number.isNaN(similarity)) similarity = similarities[e] = this.vectors.similarityTo(this.units[e]!, vector);
        if (similarity > best[e]!) best[e] = similarity;
      }
    }
    let mass = 0;
    for (let e = 0; e < count; e++) if (!present[e]) mass += (this.weights[e]! * (best[e]! - threshold)) / (1 - threshold);
    return mass;
  }

  private lookUp(word: string): { vector: number; similarities: Float64Array } | null {
    let found = this.seen.get(word);
    if (found === undefined) {
      const vector = this.vectors.id(word);
      found = vector < 0 ? null : { vector, similarities: new Float64Array(this.units.length).fill(Number.NaN) };
      this.seen.set(word, found);
    }
    return found;
  }
}
