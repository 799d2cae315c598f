/**
 * npm run bench:server-library: what a server with articles of its own
 * costs. Such a server gets its own index (the shared one copied, plus its
 * articles) so that its answers cannot show another server's articles; this
 * measures making that copy, against indexing the shared articles again, and
 * the memory it takes, for shared libraries of growing size.
 */
import { Library } from '../src/library/library';
import type { Article } from '../src/library/article';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { makeArticle } from '../src/library/makeArticle';
import { replicatedLibrary } from './library';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const heapMb = () => {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
};

console.log(
  "A server's own index: copying the shared index, against indexing the shared articles again (median of 5; 2 cores, shared machine)\n",
);
console.log('| shared library | articles | copy | index again | memory per server (heap and typed arrays) |');
console.log('|---|---:|---:|---:|---:|');
for (const sentences of [10_000, 100_000, 300_000]) {
  const articles = replicatedLibrary(sentences);
  const copies: number[] = [];
  const rebuilds: number[] = [];
  let memory = 0;
  for (let run = 0; run < 5; run++) {
    const library = new Library(new SentenceIndex<Article>(), articles);
    const before = heapMb();
    let started = performance.now();
    library.add(
      makeArticle(`own-${run}`, 'The port authority will close the ferry terminal for repairs in June.', {}, 'bench'),
      '2000000000000000001',
    );
    copies.push(performance.now() - started);
    memory = heapMb() - before;
    started = performance.now();
    new Library(new SentenceIndex<Article>(), articles);
    rebuilds.push(performance.now() - started);
  }
  console.log(
    `| ${sentences.toLocaleString('en')} sentences | ${articles.length.toLocaleString('en')} | ${median(copies).toFixed(0)} ms | ${median(rebuilds).toFixed(0)} ms | ${globalThis.gc ? `${memory.toFixed(1)} MB` : 'run with --expose-gc'} |`,
  );
}
