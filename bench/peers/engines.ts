/**
 * The peers of the bench, each behind the same interface (see corpus.ts):
 * they index the bot's own sentences (same splitter, same spans) and return
 * global sentence numbers, so the scoring rule is the same for all.
 */
import { Document as FlexDocument } from 'flexsearch';
import EnglishPreset from 'flexsearch/lang/en';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as naturalStopwords } from 'natural/lib/natural/util/stopwords.js';
import bm25 from 'wink-bm25-text-search';
import nlp from 'wink-nlp-utils';
import { rankSentences } from '../../src/answer/rank';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import type { Article } from '../../src/library/article';
import type { Corpus, Engine, EngineSpec } from './corpus';

const naturalStop = new Set(naturalStopwords);

/** Runs one engine per article for the in-doc protocol: each article gets its own statistics. */
function perArticle(make: () => Engine): (corpus: Corpus) => (question: string, limit: number, article: number) => number[] {
  return (corpus) => {
    const engines = new Map<number, { engine: Engine; first: number }>();
    return (question, limit, article) => {
      let entry = engines.get(article);
      if (!entry) {
        const sub = subCorpus(corpus, article);
        const engine = make();
        engine.build(sub);
        entry = { engine, first: corpus.firstOf[article]! };
        engines.set(article, entry);
      }
      return entry.engine.search(question, limit).map((id) => id + entry.first);
    };
  };
}

function subCorpus(corpus: Corpus, article: number): Corpus {
  const a = corpus.articles[article]!;
  const first = corpus.firstOf[article]!;
  return {
    articles: [a],
    articleOf: new Int32Array(a.sentences.length),
    firstOf: new Int32Array(1),
    size: a.sentences.length,
    text: (sentence) => corpus.text(first + sentence),
  };
}

/** Wraps a whole-collection engine so that `article` searches go to per-article engines. */
function withInDoc(make: () => Engine): () => Engine {
  return () => {
    const whole = make();
    let inDoc: ((q: string, l: number, a: number) => number[]) | undefined;
    let corpus: Corpus | undefined;
    return {
      build(c) {
        corpus = c;
        whole.build(c);
      },
      ...(whole.add ? { add: (article: Article, first: number) => whole.add!(article, first) } : {}),
      search(question, limit, article) {
        if (article === undefined) return whole.search(question, limit);
        inDoc ??= perArticle(make)(corpus!);
        return inDoc(question, limit, article);
      },
    };
  };
}

/** natural's TfIdf the way most bots use it: one document per sentence, tfidfs over all, sort. */
function naturalTfIdf(): Engine {
  let tfidf = new TfIdf();
  return {
    build(corpus) {
      tfidf = new TfIdf();
      for (let i = 0; i < corpus.size; i++) tfidf.addDocument(corpus.text(i));
    },
    add(article) {
      for (const span of article.sentences) tfidf.addDocument(article.text.slice(span.start, span.end));
    },
    search(question, limit) {
      const scores = tfidf.tfidfs(question);
      const ids: number[] = [];
      for (let i = 0; i < scores.length; i++) if (scores[i]! > 0) ids.push(i);
      return ids.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, limit);
    },
  };
}

function miniSearch(stemmed: boolean): () => Engine {
  return () => {
    const processTerm = stemmed
      ? (term: string) => (naturalStop.has(term.toLowerCase()) ? null : PorterStemmer.stem(term.toLowerCase()))
      : undefined;
    let index: MiniSearch<{ id: number; text: string }>;
    return {
      build(corpus) {
        index = new MiniSearch({ fields: ['text'], ...(processTerm ? { processTerm } : {}) });
        for (let i = 0; i < corpus.size; i++) index.add({ id: i, text: corpus.text(i) });
      },
      search(question, limit) {
        return index
          .search(question)
          .slice(0, limit)
          .map((r) => r.id as number);
      },
      add(article, first) {
        article.sentences.forEach((span, i) => {
          index.add({ id: first + i, text: article.text.slice(span.start, span.end) });
        });
      },
    };
  };
}

/** wink-bm25-text-search with the preparation pipeline from its README. */
function wink(): Engine {
  let engine: ReturnType<typeof bm25>;
  const tasks = [nlp.string.lowerCase, nlp.string.tokenize0, nlp.tokens.removeWords, nlp.tokens.stem, nlp.tokens.propagateNegations];
  return {
    build(corpus) {
      engine = bm25();
      engine.defineConfig({ fldWeights: { text: 1 } });
      engine.definePrepTasks(tasks);
      for (let i = 0; i < corpus.size; i++) engine.addDoc({ text: corpus.text(i) }, i);
      // wink refuses to consolidate fewer than 3 documents.
      for (let pad = corpus.size; pad < 3; pad++) engine.addDoc({ text: '' }, `pad${pad}`);
      engine.consolidate();
    },
    search(question, limit) {
      return engine
        .search(question, limit)
        .map(([id]) => Number(id))
        .filter((id) => Number.isInteger(id));
    },
  };
}

/** FlexSearch document index, English encoder; `suggest` so that a sentence need not hold every word. */
function flex(): Engine {
  let index: FlexDocument<{ id: number; text: string }>;
  return {
    build(corpus) {
      index = new FlexDocument({ document: { id: 'id', index: [{ field: 'text', tokenize: 'strict', encoder: EnglishPreset }] } });
      for (let i = 0; i < corpus.size; i++) index.add({ id: i, text: corpus.text(i) });
    },
    search(question, limit) {
      const fields = index.search(question, { limit, suggest: true });
      return (fields[0]?.result ?? []).map(Number);
    },
    add(article, first) {
      article.sentences.forEach((span, i) => {
        index.add({ id: first + i, text: article.text.slice(span.start, span.end) });
      });
    },
  };
}

/** lunr with its default pipeline (trimmer, stop words, stemmer); the question's words are optional terms. */
function lunrEngine(): Engine {
  let index: lunr.Index;
  return {
    build(corpus) {
      index = lunr(function () {
        this.ref('id');
        this.field('text');
        for (let i = 0; i < corpus.size; i++) this.add({ id: String(i), text: corpus.text(i) });
      });
    },
    search(question, limit) {
      const words = lunr
        .tokenizer(question)
        .map((token) => token.toString().replace(/[:~^+\-*]/g, ''))
        .filter(Boolean);
      return index
        .query((q) => {
          for (const word of words) q.term(word, { presence: lunr.Query.presence.OPTIONAL });
        })
        .slice(0, limit)
        .map((r) => Number(r.ref));
    },
  };
}

/** Policy Desk's own index and ranking (src/answer/rank.ts). */
function policyDesk(): Engine {
  let index = new SentenceIndex<Article>();
  let corpus: Corpus;
  let slotFirst = new Map<string, number>();
  return {
    build(c) {
      corpus = c;
      index = new SentenceIndex<Article>();
      slotFirst = new Map();
      c.articles.forEach((article, i) => {
        index.add(article);
        slotFirst.set(article.id, c.firstOf[i]!);
      });
      index.shrink();
    },
    add(article, first) {
      index.add(article);
      slotFirst.set(article.id, first);
    },
    search(question, limit, article) {
      const articleId = article === undefined ? undefined : corpus.articles[article]!.id;
      return rankSentences(index, question, { limit, articleId }).map((hit) => {
        const s = index.sentence(hit.sentence);
        return slotFirst.get(s.article.id)! + s.index;
      });
    },
  };
}

export const ours: EngineSpec = { name: 'Policy Desk', inDoc: 'one index, `article:` option (article-local IDF)', create: policyDesk };

export const peers: EngineSpec[] = [
  { name: 'natural TfIdf (plain)', inDoc: 'one TfIdf per article', create: withInDoc(naturalTfIdf) },
  { name: 'MiniSearch', inDoc: 'one index per article', create: withInDoc(miniSearch(false)) },
  { name: 'MiniSearch + natural stemmer/stop words', inDoc: 'one index per article', create: withInDoc(miniSearch(true)) },
  { name: 'wink-bm25-text-search', inDoc: 'one index per article', create: withInDoc(wink) },
  { name: 'FlexSearch (document, en)', inDoc: 'one index per article', create: withInDoc(flex) },
  { name: 'lunr', inDoc: 'one index per article', create: withInDoc(lunrEngine) },
];

export const engines: EngineSpec[] = [ours, ...peers];
