import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import { describe, expect, it } from 'vitest';
import { makeArticle } from '../../src/library/makeArticle';
import { terms } from '../../src/search/analyzer';
import { SentenceIndex } from '../../src/search/sentenceIndex';

const corpus = [
  'Japan and the United States agreed to strengthen their alliance.',
  'The alliance faces threats from North Korea and its missiles.',
  'North Korea fired two ballistic missiles into the sea on Sunday.',
  'Britain asked to join the trade agreement earlier this year.',
  'Müller said the trade agreement would help farmers in Bavaria.',
];

function indexOf(texts: string[]) {
  const index = new SentenceIndex();
  index.add(makeArticle('corpus', texts.join('\n\n'), { title: 'Corpus' }, 'test'));
  return index;
}

describe('SentenceIndex', () => {
  it('gives the same tf-idf weights as natural’s TfIdf for the same tokens', () => {
    const index = indexOf(corpus);
    const tfidf = new TfIdf();
    const analysed = corpus.map((text) => terms(text));
    for (const tokens of analysed) tfidf.addDocument(tokens);
    let compared = 0;
    for (let sentence = 0; sentence < corpus.length; sentence++) {
      for (const term of new Set(analysed.flat())) {
        expect(index.tfidf(term, sentence)).toBeCloseTo(tfidf.tfidf([term], sentence), 10);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
    expect(index.tfidf('korea', 1)).toBeGreaterThan(0);
    expect(index.tfidf('korea', 0)).toBe(0);
  });

  it('keeps accented words whole ("Müller"), matching with or without the accent', () => {
    const index = indexOf(corpus);
    for (const query of ['Müller', 'muller', 'MÜLLER']) {
      const [hit] = index.search(SentenceIndex.queryTerms(query));
      expect(index.sentence(hit!.sentence).index).toBe(4);
    }
  });

  it('ranks the sentence that shares the rarest words first and reports coverage', () => {
    const index = indexOf(corpus);
    const hits = index.search(SentenceIndex.queryTerms('ballistic missiles fired by North Korea'));
    expect(index.sentence(hits[0]!.sentence).index).toBe(2);
    expect(hits[0]!.coverage).toBe(1);
    expect(hits.every((h, i) => i === 0 || h.score <= hits[i - 1]!.score)).toBe(true);
  });

  it('adds and removes articles one at a time without disturbing the others', () => {
    const index = new SentenceIndex();
    index.add(makeArticle('a', corpus.slice(0, 3).join(' '), {}, 'test'));
    index.add(makeArticle('b', corpus.slice(3).join(' '), {}, 'test'));
    expect(index.articleCount).toBe(2);
    expect(index.search(SentenceIndex.queryTerms('trade agreement')).map((h) => index.sentence(h.sentence).article.id)).toContain('b');
    expect(index.remove('b')).toBe(true);
    expect(index.search(SentenceIndex.queryTerms('trade agreement'))).toEqual([]);
    expect(index.idf('trade')).toBe(0);
    // Replacing an article keeps one copy of it.
    index.add(makeArticle('a', 'A completely different text about fisheries quotas in the Atlantic.', {}, 'test'));
    expect(index.articleCount).toBe(1);
    expect(index.search(SentenceIndex.queryTerms('alliance'))).toEqual([]);
    expect(index.search(SentenceIndex.queryTerms('fisheries'))).toHaveLength(1);
  });

  it('limits a search to one article', () => {
    const index = new SentenceIndex();
    index.add(makeArticle('a', corpus.slice(0, 3).join(' '), {}, 'test'));
    index.add(makeArticle('b', corpus.slice(1, 4).join(' '), {}, 'test'));
    const hits = index.search(SentenceIndex.queryTerms('North Korea missiles'), { articleId: 'b' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => index.sentence(h.sentence).article.id === 'b')).toBe(true);
    expect(index.search(SentenceIndex.queryTerms('North Korea'), { articleId: 'missing' })).toEqual([]);
  });

  it('matchAll finds sentences holding every term', () => {
    const index = indexOf(corpus);
    expect(index.matchAll(terms('North Korea'))).toEqual([1, 2]);
    expect(index.matchAll(terms('North Britain'))).toEqual([]);
  });
});
