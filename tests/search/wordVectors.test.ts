import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Article } from '../../src/library/article';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankSentences } from '../../src/answer/rank';
import { makeArticle } from '../../src/library/makeArticle';
import { termOf, tokens } from '../../src/search/analyzer';
import { RelatedWords } from '../../src/search/related';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { VECTORS_PATH, WordVectors, wordVectors, wordVectorsError } from '../../src/search/wordVectors';

describe('word vectors', () => {
  const vectors = WordVectors.read();
  const similarity = (a: string, b: string) => vectors.similarity(vectors.id(a), vectors.id(b));

  it('ships 50,000 words whose vectors put related words close and unrelated ones apart', () => {
    expect(wordVectors()?.size).toBe(50_000);
    expect(wordVectorsError()).toBeUndefined();
    expect(vectors.size).toBe(50_000);
    expect(similarity('writer', 'author')).toBeGreaterThan(0.8);
    expect(similarity('siblings', 'children')).toBeGreaterThan(0.6);
    expect(similarity('senate', 'congress')).toBeGreaterThan(0.7);
    expect(similarity('cat', 'parliament')).toBeLessThan(0.15);
    expect(similarity('tariff', 'tariff')).toBeCloseTo(1, 5);
    expect(vectors.id('the')).toBe(-1); // stop words never need one
    expect(vectors.id('zzyzxqq')).toBe(-1);
  });

  it('refuses a damaged file with a message naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vectors-'));
    try {
      const write = (name: string, content: string | Buffer) => {
        writeFileSync(join(dir, name), content);
        return join(dir, name);
      };
      expect(() => WordVectors.read(write('truncated.bin', readFileSync(VECTORS_PATH).subarray(0, 1_000_000)))).toThrow(
        /truncated\.bin: expected/,
      );
      expect(() => WordVectors.read(write('other.bin', '{"format":"something else"}\n'))).toThrow(
        /other\.bin: not a policy-desk-word-vectors/,
      );
      expect(() => WordVectors.read(write('garbage.bin', '\u0000\u0001 not json at all'))).toThrow(
        /garbage\.bin: not a policy-desk-word-vectors/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('credits a question word only when the sentence lacks its stem, by how related its nearest word is', () => {
    const related = new RelatedWords(tokens('How many siblings did the writer have?'), vectors, () => 2, 0.4);
    const mass = (sentence: string) => related.mass(tokens(sentence), tokens(sentence).map(termOf));
    const paraphrase = mass('The author was the fourth of five children.');
    const unrelated = mass('Fishing quotas were cut in the Atlantic.');
    const literal = mass('The writer had four siblings.');
    expect(paraphrase).toBeGreaterThan(2); // both words said differently, each worth up to 2
    expect(unrelated).toBe(0);
    expect(literal).toBe(0); // the same words are BM25's business, not this bonus's
    expect(new RelatedWords(tokens('How many siblings?'), vectors, () => 2, 1).mass(['children'], ['children'])).toBe(0);
  });

  it('lets the answer ranking find a sentence that says the question in other words', () => {
    const index = new SentenceIndex<Article>();
    const text = [
      'Ortega chaired the committee on fisheries for six years.',
      'Ortega was the fourth of five children born in Valencia.',
      'Ortega spoke at hearings about quotas and ports.',
    ].join(' ');
    index.add(makeArticle('ortega', text, { title: 'Ortega profile' }, 'test'));
    const top = (relatedBonus: number) => {
      const [hit] = rankSentences(index, 'How many siblings did Ortega have?', { articleId: 'ortega', scoring: { relatedBonus } });
      const sentence = index.sentence(hit!.sentence);
      return sentence.article.text.slice(sentence.start, sentence.end);
    };
    expect(top(0)).not.toContain('fourth of five'); // sanity: plain words alone miss it…
    expect(top(3)).toContain('fourth of five');
  });
});
