/**
 * One measurement of the bench, in a process of its own (bench.ts starts it
 * with `node --expose-gc`), so that each engine's memory is measured from the
 * same starting heap and no engine runs in a JIT warmed by another. Prints
 * one JSON line.
 *
 *   worker.ts quality <engine> <dataset.json> <budget s>
 *   worker.ts scale <engine> <sentences> <query budget s>
 *   worker.ts startup <articles dir> <data dir>
 */
import { performance } from 'node:perf_hooks';
import type { Article } from '../src/library/article';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { datasetArticles, isCorrect, readDataset, EVAL_DIR } from './dataset';
import { figures, firstCorrectRank } from './metrics';
import { replicatedLibrary } from './library';
import { makeCorpus, type Corpus } from './peers/corpus';
import { engines } from './peers/engines';

const [task, ...args] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;

function engineNamed(name: string) {
  const spec = engines.find((e) => e.name === name);
  if (!spec) throw new Error(`no engine "${name}"`);
  return spec;
}

function heldBytes(): number {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  // Typed arrays live outside the JS heap (arrayBuffers); both count.
  return usage.heapUsed + usage.arrayBuffers;
}

/** Quality on one dataset, both protocols; slow engines answer an evenly spread sample that fits the budget. */
function quality(engineName: string, datasetPath: string, budgetSeconds: number) {
  const dataset = readDataset(datasetPath);
  const corpus = makeCorpus(datasetArticles(dataset));
  const articleIndex = new Map(corpus.articles.map((a, i) => [a.id, i]));
  const engine = engineNamed(engineName).create();
  engine.build(corpus);
  const result: Record<string, unknown> = {};
  for (const protocol of ['open', 'in-doc'] as const) {
    const questions = dataset.questions;
    const rankOf = (i: number) => {
      const q = questions[i]!;
      const ids = engine.search(q.question, 10, protocol === 'in-doc' ? articleIndex.get(q.documentId) : undefined);
      return firstCorrectRank(
        ids.map((id) => {
          const article = corpus.articles[corpus.articleOf[id]!]!;
          const span = article.sentences[id - corpus.firstOf[corpus.articleOf[id]!]!]!;
          return isCorrect(q, article.id, span.start, span.end);
        }),
      );
    };
    // Untimed: the first in-doc search of an article builds a peer's per-article index.
    if (protocol === 'in-doc') for (let a = 0; a < corpus.articles.length; a++) engine.search('warm up', 1, a);
    // Untimed: the JIT's first compilations.
    for (let i = 0; i < Math.min(20, questions.length); i++) rankOf(i);
    // Time a spread-out probe, then take every k-th question so the run fits the budget.
    const probe = Math.min(40, questions.length);
    const probeStride = Math.max(1, Math.floor(questions.length / probe));
    const started = performance.now();
    for (let i = 0; i < questions.length && i / probeStride < probe; i += probeStride) rankOf(i);
    const perQuestion = (performance.now() - started) / probe / 1000;
    const stride = Math.max(1, Math.ceil((perQuestion * questions.length) / budgetSeconds));
    const ranks: number[] = [];
    for (let i = 0; i < questions.length; i += stride) ranks.push(rankOf(i));
    result[protocol] = { ...figures(ranks), total: questions.length, stride };
  }
  return result;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

/** Build time, memory held and query latency at one library size. */
async function scale(engineName: string, target: number, queryBudgetSeconds: number) {
  const articles = replicatedLibrary(target);
  const corpus: Corpus = makeCorpus(articles);
  const questions = readDataset(`${EVAL_DIR}squad-v1.1-dev.json`).questions.map((q) => q.question);
  // A fixed shuffle, the same for every engine.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = questions.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [questions[i], questions[j]] = [questions[j]!, questions[i]!];
  }
  const engine = engineNamed(engineName).create();
  const before = heldBytes();
  const started = performance.now();
  engine.build(corpus);
  const buildMs = performance.now() - started;
  // Warm-up: the JIT, and any scratch space an engine keeps for queries (ours does), is counted in memory.
  const warm = questions.slice(0, 20);
  for (const q of warm) engine.search(q, 10);
  const memory = heldBytes() - before;
  const latencies: number[] = [];
  const deadline = performance.now() + queryBudgetSeconds * 1000;
  for (let i = 20; i < questions.length && latencies.length < 2000; i++) {
    const t = performance.now();
    engine.search(questions[i]!, 10);
    latencies.push(performance.now() - t);
    if (performance.now() > deadline && latencies.length >= 20) break;
  }
  latencies.sort((a, b) => a - b);
  const out: Record<string, unknown> = {
    sentences: corpus.size,
    articles: articles.length,
    buildMs,
    memory,
    queries: latencies.length,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
  };
  if (engine.add) {
    // One more article (the shipped seed, under a new id) on top of the built index, and the first answer after it.
    const { seedArticle } = await import('../tests/helpers/seed');
    const article = { ...seedArticle(), id: 'added-after-build' };
    const t0 = performance.now();
    engine.add(article, corpus.size);
    const t1 = performance.now();
    engine.search(questions[0]!, 10);
    out.addMs = t1 - t0;
    out.firstQueryAfterAddMs = performance.now() - t1;
  }
  return out;
}

async function startup(articlesDir: string, dataDir: string) {
  const started = performance.now();
  const { loadArticles } = await import('../src/library/loadArticles');
  const { loadOrBuildIndex } = await import('../src/search/snapshot');
  const { Library } = await import('../src/library/library');
  const { ask } = await import('../src/answer/ask');
  const { silentLogger } = await import('../src/log');
  const imported = performance.now();
  const { articles } = await loadArticles(articlesDir, 5_000_000, silentLogger);
  const loaded = performance.now();
  const result = await loadOrBuildIndex(articles, dataDir, silentLogger, new SentenceIndex<Article>());
  const library = new Library(result.index, articles);
  const indexed = performance.now();
  const answer = ask(library.indexFor(null), 'Which NFL team represented the AFC at Super Bowl 50?');
  const answered = performance.now();
  return {
    articles: articles.length,
    sentences: library.indexFor(null).sentenceCount,
    source: result.source,
    importMs: imported - started,
    loadArticlesMs: loaded - imported,
    indexMs: indexed - loaded,
    firstAnswerMs: answered - indexed,
    readyMs: answered - started,
    answered: answer.answered,
  };
}

async function main() {
  let out: unknown;
  if (task === 'quality') out = quality(args[0]!, args[1]!, Number(args[2] ?? 20));
  else if (task === 'scale') out = await scale(args[0]!, Number(args[1]), Number(args[2] ?? 5));
  else if (task === 'startup') out = await startup(args[0]!, args[1]!);
  else throw new Error(`unknown task ${task}`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
