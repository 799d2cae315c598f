import type { Article } from '../../src/library/article';

/**
 * The sentences every engine indexes: the bot's own articles and sentence
 * spans, numbered 0..n-1 in article order. Engines report these numbers, so
 * every engine is scored by the same rule on the same units.
 */
export interface Corpus {
  articles: Article[];
  /** Article index of each sentence. */
  articleOf: Int32Array;
  /** Global number of each article's first sentence. */
  firstOf: Int32Array;
  text(sentence: number): string;
  readonly size: number;
}

export function makeCorpus(articles: Article[]): Corpus {
  const firstOf = new Int32Array(articles.length);
  let size = 0;
  articles.forEach((article, i) => {
    firstOf[i] = size;
    size += article.sentences.length;
  });
  const articleOf = new Int32Array(size);
  articles.forEach((article, i) => {
    articleOf.fill(i, firstOf[i]!, firstOf[i]! + article.sentences.length);
  });
  return {
    articles,
    articleOf,
    firstOf,
    size,
    text(sentence: number) {
      const article = articles[articleOf[sentence]!]!;
      const span = article.sentences[sentence - firstOf[articleOf[sentence]!]!]!;
      return article.text.slice(span.start, span.end);
    },
  };
}

/** A search engine behind the bench's common interface. */
export interface Engine {
  /** Indexes every sentence of the corpus. */
  build(corpus: Corpus): void;
  /** Global sentence numbers, best first. `article` restricts the search to one article (by its index in the corpus). */
  search(question: string, limit: number, article?: number): number[];
  /** Adds one more article after the build (its sentences numbered from `first`); absent when the engine cannot grow without a rebuild. */
  add?(article: Article, first: number): void;
}

export interface EngineSpec {
  name: string;
  /** How the in-doc protocol is served, for the printed notes. */
  inDoc: string;
  create(): Engine;
}
