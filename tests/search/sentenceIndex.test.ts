import fc from 'fast-check';
import type { Article } from '../../src/library/article';
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
  const index = new SentenceIndex<Article>();
  index.add(makeArticle('corpus', texts.join('\n\n'), { title: 'Corpus' }, 'test'));
  return index;
}

describe('SentenceIndex', () => {
  it('counts each term in the sentences natural’s TfIdf finds it in, and weighs it by that count', () => {
    const index = indexOf(corpus);
    const tfidf = new TfIdf();
    const analysed = corpus.map((text) => terms(text));
    for (const tokens of analysed) tfidf.addDocument(tokens);
    let compared = 0;
    for (const term of new Set(analysed.flat())) {
      const holding = analysed.flatMap((_, sentence) => (tfidf.tfidf([term], sentence) > 0 ? [sentence] : []));
      expect(index.matchAll([term]), term).toEqual(holding);
      expect(index.idf(term), term).toBeCloseTo(Math.log(1 + (corpus.length - holding.length + 0.5) / (holding.length + 0.5)), 12);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
    expect(index.matchAll(['korea'])).toEqual([1, 2]);
    expect(index.idf('unheard')).toBe(0);
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
    const index = new SentenceIndex<Article>();
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
    const index = new SentenceIndex<Article>();
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

describe('SentenceIndex against a brute-force BM25', () => {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'harbour', 'budget', 'council', 'ministers', 'rocket', 'quota', 'trade', 'korea'];
  const sentence = fc.array(fc.constantFrom(...words), { minLength: 4, maxLength: 9 }).map((w) => `${w.join(' ')}.`);
  const articleText = fc
    .array(fc.array(sentence, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
    .map((paragraphs) => paragraphs.map((p) => p.map((s) => s[0]!.toUpperCase() + s.slice(1)).join(' ')).join('\n\n'));
  const op = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), id: fc.integer({ min: 0, max: 5 }), text: articleText }),
    fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 5 }) }),
    fc.record({ kind: fc.constant('shrink' as const) }),
  );

  function reference(index: SentenceIndex<Article>, live: Map<string, string>, query: string[], articleId?: string) {
    const k1 = 1.2;
    const b = 0.75;
    const all: { article: string; position: number; terms: string[] }[] = [];
    for (const [id] of live) {
      const article = index.articles().find((a) => a.id === id)!;
      article.sentences.forEach((span, position) => {
        all.push({ article: id, position, terms: terms(article.text.slice(span.start, span.end)) });
      });
    }
    const scope = articleId === undefined ? all : all.filter((s) => s.article === articleId);
    const df = (term: string, set: typeof all) => set.filter((s) => s.terms.includes(term)).length;
    const average = all.reduce((sum, s) => sum + s.terms.length, 0) / Math.max(1, all.length);
    const idf = (n: number, d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));
    const unique = [...new Set(query)];
    const total = unique.reduce((sum, t) => sum + (df(t, all) === 0 ? idf(all.length + 1, 1) : idf(all.length, df(t, all))), 0);
    return scope
      .map((s) => {
        let score = 0;
        let covered = 0;
        for (const t of unique) {
          const tf = Math.min(7, s.terms.filter((x) => x === t).length);
          if (tf === 0 || df(t, all) === 0) continue;
          const weight = articleId === undefined ? idf(all.length, df(t, all)) : idf(scope.length, df(t, scope));
          score += (weight * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * s.terms.length) / average));
          covered += idf(all.length, df(t, all));
        }
        return { key: `${s.article}:${s.position}`, score, coverage: covered / total };
      })
      .filter((r) => r.score > 0);
  }

  it('ranks, restricts and reports coverage exactly as the formula says, through adds, removes and shrinks', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom(...words, 'missing'), { minLength: 1, maxLength: 4 }),
        (ops, query) => {
          const index = new SentenceIndex<Article>();
          const live = new Map<string, string>();
          for (const o of ops) {
            if (o.kind === 'add') {
              index.add(makeArticle(`a${o.id}`, o.text, { title: 't' }, 'test'));
              live.set(`a${o.id}`, o.text);
            } else if (o.kind === 'remove') {
              expect(index.remove(`a${o.id}`)).toBe(live.delete(`a${o.id}`));
            } else index.shrink();
          }
          const terms_ = query.flatMap((w) => terms(w));
          const queryTerms = SentenceIndex.queryTerms(query.join(' '));
          for (const articleId of [undefined, ...live.keys()]) {
            const expected = reference(index, live, terms_, articleId);
            const hits = index.search(queryTerms, { limit: 1000, articleId, scoring: { localIdf: true } });
            const got = hits.map((h) => {
              const s = index.sentence(h.sentence);
              return { key: `${s.article.id}:${s.index}`, score: h.score, coverage: h.coverage };
            });
            expect(got.map((g) => g.key).sort()).toEqual(expected.map((e) => e.key).sort());
            for (const g of got) {
              const e = expected.find((x) => x.key === g.key)!;
              expect(g.score).toBeCloseTo(e.score, 9);
              expect(g.coverage).toBeCloseTo(e.coverage, 9);
            }
            expect(got.every((g, i) => i === 0 || g.score <= got[i - 1]!.score)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts an article title in the article prior, not in any sentence, and forgets it on removal', () => {
    const index = new SentenceIndex<Article>();
    const physics = makeArticle(
      'physics',
      'The prize was first awarded to Wilhelm Röntgen in 1901.',
      { title: 'Nobel Prize in Physics' },
      'test',
    );
    index.add(physics);
    index.add(
      makeArticle(
        'chemistry',
        'The prize in chemistry was first awarded in 1901 to Jacobus van ’t Hoff.',
        { title: 'Nobel Prize in Chemistry' },
        'test',
      ),
    );
    index.add(makeArticle('other', 'The first prize at the fair went to a pumpkin.', { title: 'County fair' }, 'test'));
    const query = SentenceIndex.queryTerms('who got the first nobel prize in physics');
    const top = (i: SentenceIndex<Article>) => i.sentence(i.search(query, { scoring: { articlePrior: 2 } })[0]!.sentence).article.id;
    expect(top(index)).toBe('physics');
    // "physics" and "nobel" are in no sentence: they are not search terms, and the coverage ignores them.
    expect(index.idf('physic')).toBe(0);
    const before = index.search(query, { scoring: { articlePrior: 2 } });
    index.remove('physics');
    index.add(physics);
    expect(index.search(query, { scoring: { articlePrior: 2 } }).map((h) => h.score)).toEqual(before.map((h) => h.score));
  });

  it('drops question words typed without their apostrophe ("whats") from the search terms', () => {
    expect(SentenceIndex.queryTerms('whats the capital of brazil').map((q) => q.term)).toEqual(
      SentenceIndex.queryTerms('what is the capital of brazil').map((q) => q.term),
    );
  });

  it('ranks the same sentences first when only the best articles are read (articleDepth)', () => {
    const index = new SentenceIndex<Article>();
    index.add(makeArticle('a', corpus.join(' '), {}, 'test'));
    index.add(makeArticle('b', 'The trade agreement was signed. Farmers welcomed the trade agreement.', {}, 'test'));
    index.add(makeArticle('c', 'Rockets and missiles were discussed at length by the council.', {}, 'test'));
    const query = SentenceIndex.queryTerms('trade agreement farmers');
    const all = index.search(query, { scoring: { articlePrior: 2 } });
    const best = index.search(query, { scoring: { articlePrior: 2, articleDepth: 1 } });
    expect(best[0]).toEqual(all[0]);
    expect(best.every((h) => index.sentence(h.sentence).article.id === index.sentence(best[0]!.sentence).article.id)).toBe(true);
  });
});
