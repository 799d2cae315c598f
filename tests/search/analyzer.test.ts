import fc from 'fast-check';
import type { Article } from '../../src/library/article';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import { describe, expect, it } from 'vitest';
import { makeArticle } from '../../src/library/makeArticle';
import { stopwords, terms, tokens, verbOfIrregularForm } from '../../src/search/analyzer';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { seedText } from '../helpers/seed';

// The analyzer as it was first written, on natural's tokenizer: the fast path must give the same tokens.
const reference = new RegexpTokenizer({ pattern: /[^\p{L}\p{N}]+/u });
const referenceTokens = (text: string) =>
  reference
    .tokenize(
      text
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase(),
    )
    .filter((token) => token.length > 1 || /\p{N}/u.test(token));
const referenceTerms = (text: string) =>
  referenceTokens(text)
    .filter((t) => !stopwords.has(t))
    .map((t) => PorterStemmer.stem(verbOfIrregularForm(t) ?? t));

describe('analyzer', () => {
  it('gives the same tokens and terms as natural’s RegexpTokenizer and PorterStemmer', () => {
    const samples = [
      seedText,
      'Müller met MÜLLER in Zürich; Ελληνικά 東京 2 3 a b x1',
      'U.S. $1.2 billion—“quoted” 5-cylinder e-mail ½ ² Ⅻ ﬁnance',
    ];
    for (const text of samples) {
      expect(tokens(text)).toEqual(referenceTokens(text));
      expect(terms(text)).toEqual(referenceTerms(text));
    }
  });

  it('files irregular verb forms under their verb, except forms that are mostly other words', () => {
    expect(terms('Talks began; the ministers spoke and the bloc won')).toEqual(terms('Talks begin; the ministers speak and the bloc win'));
    expect(terms('the Fed left a wound on the ground')).toEqual(['fed', 'left', 'wound', 'ground']);
    expect(verbOfIrregularForm('written')).toBe('write');
    expect(verbOfIrregularForm('ministers')).toBeUndefined();
  });

  it('agrees with the reference on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
        expect(tokens(a + b)).toEqual(referenceTokens(a + b));
      }),
      { numRuns: 300 },
    );
  });
});

describe('indexing fast path', () => {
  // What the index holds after add() (the surface table where it can), and what analyzer.terms() says it should hold.
  const indexed = (text: string) => {
    const article = makeArticle('a', text, { title: 't' }, 'test');
    const index = new SentenceIndex<Article>();
    index.add(article);
    const state = index.exportState();
    return { terms: state.terms, df: [...state.df], lengths: [...state.sentenceLength] };
  };
  const expected = (text: string) => {
    const article = makeArticle('a', text, { title: 't' }, 'test');
    const df = new Map<string, number>();
    const lengths: number[] = [];
    for (const span of article.sentences) {
      const analysed = terms(text.slice(span.start, span.end));
      lengths.push(analysed.length);
      for (const term of new Set(analysed)) df.set(term, (df.get(term) ?? 0) + 1);
    }
    return { terms: [...df.keys()], df: [...df.values()], lengths };
  };

  it('indexes the same terms as analyzer.terms(), whatever the characters', () => {
    const pieces = [
      'Müller',
      'MÜLLER',
      'cafe\u0301s',
      '½ cup',
      '™ brand',
      'ﬁnance',
      '“quoted”',
      'en–dash—em',
      'x²',
      '東京 tower',
      'U.S. $1.2bn',
      'a b 7 8 9',
      'Ελληνικά',
      '😀 emoji',
      'Hayashi and Blinken agreed.',
      '\n\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 }), (parts, noise) => {
        const text = `${parts.join(' ')} ${noise}. Then the ministers spoke again about it.`;
        expect(indexed(text)).toEqual(expected(text));
      }),
      { numRuns: 300 },
    );
    expect(indexed(seedText)).toEqual(expected(seedText));
  });
});
