import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FORMAT = 'policy-desk-word-vectors/1';
export const DIMENSIONS = 100;
/** Built by scripts/buildWordVectors.ts, which says where the vectors come from. */
export const VECTORS_PATH = fileURLToPath(new URL('./wordVectors.bin', import.meta.url));

/**
 * Word vectors for relating words that share no stem ("siblings" and
 * "children", "writer" and "author"): GloVe, 100 dimensions, one signed byte
 * a component, for the 50,000 commonest content words. The file is a JSON
 * header line (format, source, words) followed by the bytes.
 */
export class WordVectors {
  private readonly ids = new Map<string, number>();
  private readonly bytes: Int8Array;
  private readonly inverseNorms: Float32Array;

  private constructor(words: readonly string[], bytes: Int8Array) {
    words.forEach((word, id) => {
      this.ids.set(word, id);
    });
    this.bytes = bytes;
    this.inverseNorms = new Float32Array(words.length);
    for (let id = 0; id < words.length; id++) {
      let sum = 0;
      for (let d = id * DIMENSIONS, end = d + DIMENSIONS; d < end; d++) sum += bytes[d]! * bytes[d]!;
      this.inverseNorms[id] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    }
  }

  static read(path = VECTORS_PATH): WordVectors {
    const file = readFileSync(path);
    const newline = file.indexOf(10);
    let header: { format?: string; dimensions?: number; words?: string[] } = {};
    try {
      if (newline > 0) header = JSON.parse(file.subarray(0, newline).toString('utf8')) as typeof header;
    } catch {
      // A damaged header is reported below as a file of the wrong format.
    }
    if (header.format !== FORMAT || header.dimensions !== DIMENSIONS || !Array.isArray(header.words))
      throw new Error(`${path}: not a ${FORMAT} file`);
    const body = file.subarray(newline + 1);
    if (body.length !== header.words.length * DIMENSIONS)
      throw new Error(`${path}: expected ${header.words.length * DIMENSIONS} bytes of vectors, found ${body.length}`);
    return new WordVectors(header.words, new Int8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length)));
  }

  /** The vector id of a lower-cased word, or -1 when it has none. */
  id(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  get size(): number {
    return this.ids.size;
  }

  /** A word's vector (by id) scaled to length 1, for comparing one word with many (`similarityTo`). */
  unit(id: number): Float32Array {
    const unit = new Float32Array(DIMENSIONS);
    const scale = this.inverseNorms[id]!;
    for (let d = 0; d < DIMENSIONS; d++) unit[d] = this.bytes[id * DIMENSIONS + d]! * scale;
    return unit;
  }

  /** Cosine similarity between a unit vector and a word's vector (by id). */
  similarityTo(unit: Float32Array, id: number): number {
    const bytes = this.bytes;
    let dot = 0;
    for (let d = 0, j = id * DIMENSIONS; d < DIMENSIONS; d++, j++) dot += unit[d]! * bytes[j]!;
    return dot * this.inverseNorms[id]!;
  }

  /** Cosine similarity of two words' vectors (by id). */
  similarity(a: number, b: number): number {
    const bytes = this.bytes;
    let dot = 0;
    for (let i = a * DIMENSIONS, j = b * DIMENSIONS, end = i + DIMENSIONS; i < end; i++, j++) dot += bytes[i]! * bytes[j]!;
    return dot * this.inverseNorms[a]! * this.inverseNorms[b]!;
  }
}

let shipped: { vectors?: WordVectors; error?: Error } | undefined;

/**
 * The shipped vectors, read on first use (about 5 MB). Without them (a
 * damaged install) the ranking goes on without related words rather than
 * failing every question; `wordVectorsError()` tells why, for the log.
 */
export function wordVectors(): WordVectors | undefined {
  if (!shipped) {
    try {
      shipped = { vectors: WordVectors.read() };
    } catch (error) {
      shipped = { error: error as Error };
    }
  }
  return shipped.vectors;
}

export function wordVectorsError(): Error | undefined {
  wordVectors();
  return shipped?.error;
}
