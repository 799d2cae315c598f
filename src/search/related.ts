import { termOf } from './analyzer';
import type { WordVectors } from './wordVectors';

/**
 * Credit for question words a sentence says differently: a question word
 * whose stem the sentence lacks counts by how close the sentence's nearest
 * word is in meaning ("siblings" and "children"), above a threshold below
 * which similarity is mostly shared topic rather than shared meaning.
 */
export class RelatedWords {
  private readonly entryByTerm = new Map<string, number>();
  private readonly units: Float32Array[] = [];
  private readonly weights: number[] = [];
  // Scratch, one slot per entry.
  private readonly best: Float64Array;
  private readonly present: Uint8Array;

  /** `weightOf` gives each question term its weight as scored (its IDF). */
  constructor(
    questionWords: readonly string[],
    private readonly vectors: WordVectors,
    weightOf: (term: string) => number,
    private readonly threshold: number,
  ) {
    for (const word of questionWords) {
      const term = termOf(word);
      if (!term || this.entryByTerm.has(term)) continue;
      const vector = vectors.id(word);
      if (vector < 0) continue;
      this.entryByTerm.set(term, this.units.length);
      this.units.push(vectors.unit(vector));
      this.weights.push(weightOf(term));
    }
    this.best = new Float64Array(this.units.length);
    this.present = new Uint8Array(this.units.length);
  }

  // The sentences re-read for one question share many words (neighbours, the article's names): each word's similarities are computed once.
  private readonly cache = new Map<string, Float64Array | null>();

  private similaritiesOf(word: string): Float64Array | null {
    let similarities = this.cache.get(word);
    if (similarities === undefined) {
      const vector = this.vectors.id(word);
      if (vector < 0) similarities = null;
      else {
        similarities = new Float64Array(this.units.length);
        for (let e = 0; e < similarities.length; e++) similarities[e] = this.vectors.similarityTo(this.units[e]!, vector);
      }
      this.cache.set(word, similarities);
    }
    return similarities;
  }

  /** Σ weight × (similarity − threshold) / (1 − threshold) over the question words the sentence lacks, each against its most similar sentence word. */
  mass(sentenceWords: readonly string[]): number {
    const count = this.units.length;
    if (count === 0) return 0;
    const { best, present, threshold } = this;
    best.fill(threshold);
    present.fill(0);
    for (const word of sentenceWords) {
      const term = termOf(word);
      if (!term) continue;
      const entry = this.entryByTerm.get(term);
      if (entry !== undefined) {
        present[entry] = 1;
        continue;
      }
      const similarities = this.similaritiesOf(word);
      if (!similarities) continue;
      for (let e = 0; e < count; e++) if (similarities[e]! > best[e]!) best[e] = similarities[e]!;
    }
    let mass = 0;
    for (let e = 0; e < count; e++) if (!present[e]) mass += (this.weights[e]! * (best[e]! - threshold)) / (1 - threshold);
    return mass;
  }
}
