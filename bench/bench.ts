/**
 * npm run bench [-- --quick] [--only quality,scale,startup]
 *
 * Policy Desk's retrieval next to the JavaScript search engines a developer
 * would otherwise pick, in one run, printed as markdown:
 *
 * 1. Quality: P@1, MRR@10 and Recall@5 on both shared sets, open and in-doc.
 *    Every engine indexes the bot's own sentences (same splitter, same spans)
 *    and is scored by the same rule (a sentence is correct when it overlaps a
 *    gold span). Engines too slow to answer every question within the time
 *    budget answer an evenly spread sample (the table says which).
 * 2. Scaling: the shared sets' articles repeated under new ids to about 10k,
 *    100k and 500k sentences: build time, memory held by the index, query
 *    latency (SQuAD questions, open protocol, top 10), and the cost of adding
 *    one article afterwards. An engine whose build would exceed the budget at
 *    the next size (extrapolated from the last) is left out with a note.
 * 3. Start-up: 10,000 generated article files, from nothing to the first
 *    answer, without and then with the index snapshot in the data folder.
 *
 * Each measurement runs in its own `node --expose-gc` process (worker.ts).
 * The machine is shared and noisy: compare speeds within one run.
 */
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset, EVAL_DIR } from './dataset';
import { engines } from './peers/engines';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const quick = values.quick;
const only = new Set((values.only ?? 'quality,scale,startup').split(','));
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const QUALITY_BUDGET_S = quick ? 4 : 25;
const QUERY_BUDGET_S = quick ? 2 : 5;
const BUILD_BUDGET_S = quick ? 15 : 45;
const SCALES = quick ? [10_000, 100_000] : [10_000, 100_000, 500_000];
const STARTUP_ARTICLES = quick ? 2_000 : 10_000;

// biome-ignore lint/suspicious/noExplicitAny: each kind of run answers its own JSON shape, read by the code that asked for it.
function worker(args: string[]): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', WORKER, ...args],
      { maxBuffer: 1 << 24, timeout: 20 * 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${args.join(' ')}: ${error.message}\n${stderr.slice(-2000)}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
      },
    );
  });
}

/** Runs tasks two at a time (the machine has two cores); for measurements that do not time anything. */
async function inPairs<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all([lane(), lane()]);
  return results;
}

const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const started = performance.now();
const notes: string[] = [];

console.log(`# Policy Desk retrieval bench\n`);
console.log(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick run)' : ''}.\n`,
);

if (only.has('quality')) {
  const sets = ['squad-v1.1-dev.json', 'policyqa-dev.json'];
  const tasks = sets.flatMap((set) =>
    engines.map(
      (engine) => () =>
        worker(['quality', engine.name, `${EVAL_DIR}${set}`, String(QUALITY_BUDGET_S)]).then((r) => ({ set, engine: engine.name, r })),
    ),
  );
  const results = await inPairs(tasks);
  for (const set of sets) {
    const name = readDataset(`${EVAL_DIR}${set}`).name;
    console.log(`## Quality: ${name}\n`);
    console.log('| engine | open P@1 | open MRR@10 | open R@5 | in-doc P@1 | in-doc MRR@10 | in-doc R@5 | questions (open / in-doc) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const { engine, r } of results.filter((x) => x.set === set)) {
      const asked = (p: { questions: number; total: number; stride: number }) =>
        p.stride === 1 ? String(p.total) : `${p.questions} (1 in ${p.stride})`;
      console.log(
        `| ${engine} | ${f3(r.open.p1)} | ${f3(r.open.mrr10)} | ${f3(r.open.recall5)} | ${f3(r['in-doc'].p1)} | ${f3(r['in-doc'].mrr10)} | ${f3(r['in-doc'].recall5)} | ${asked(r.open)} / ${asked(r['in-doc'])} |`,
      );
    }
    console.log('');
  }
  notes.push(
    'In-doc: Policy Desk searches its one index with the `article:` option (IDF from the article itself); every peer gets one index per article (so it, too, weighs words by the article), which scored better than filtering its whole-library results.',
    `Quality runs answer every question unless that would take over ${QUALITY_BUDGET_S} s; slower engines answer every k-th question (shown as "1 in k").`,
  );
}

if (only.has('scale')) {
  console.log('## Scaling\n');
  console.log(
    `Library: the shared sets' articles repeated under new ids. Latency: SQuAD questions over the whole library (open), top 10, after 20 warm-up queries, up to 2,000 queries or ${QUERY_BUDGET_S} s. Memory: JS heap + array buffers held after the build (and the warm-up queries), measured with \`--expose-gc\` in a fresh process per engine.\n`,
  );
  console.log(
    '| sentences | engine | build (s) | sentences/s | memory (MB) | p50 (ms) | p95 (ms) | p99 (ms) | queries | add one article (ms) | first query after (ms) |',
  );
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const lastBuild = new Map<string, { sentences: number; s: number; p50: number }>();
  const skipped = new Set<string>();
  for (const target of SCALES) {
    for (const engine of engines) {
      if (skipped.has(engine.name)) continue;
      const previous = lastBuild.get(engine.name);
      if (previous) {
        const predicted = (previous.s * target) / previous.sentences;
        if (predicted > BUILD_BUDGET_S) {
          skipped.add(engine.name);
          notes.push(
            `${engine.name} left out from ${target.toLocaleString('en')} sentences: its build would take about ${predicted.toFixed(0)} s (budget ${BUILD_BUDGET_S} s).`,
          );
          continue;
        }
        const perQuery = (previous.p50 * target) / previous.sentences / 1000;
        if (perQuery * 20 > 4 * QUERY_BUDGET_S) {
          skipped.add(engine.name);
          notes.push(
            `${engine.name} left out from ${target.toLocaleString('en')} sentences: about ${perQuery.toFixed(1)} s per query (20 queries would exceed ${4 * QUERY_BUDGET_S} s).`,
          );
          continue;
        }
      }
      try {
        const r = await worker(['scale', engine.name, String(target), String(QUERY_BUDGET_S)]);
        lastBuild.set(engine.name, { sentences: r.sentences, s: r.buildMs / 1000, p50: r.p50 });
        const add = r.addMs === undefined ? 'rebuild' : ms(r.addMs);
        const after = r.firstQueryAfterAddMs === undefined ? '–' : ms(r.firstQueryAfterAddMs);
        console.log(
          `| ${r.sentences.toLocaleString('en')} | ${engine.name} | ${(r.buildMs / 1000).toFixed(2)} | ${Math.round(r.sentences / (r.buildMs / 1000)).toLocaleString('en')} | ${mb(r.memory)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.queries} | ${add} | ${after} |`,
        );
      } catch (error) {
        skipped.add(engine.name);
        notes.push(`${engine.name} failed at ${target.toLocaleString('en')} sentences: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  console.log('');
  notes.push(
    '"rebuild": lunr and wink-bm25-text-search cannot take a document after their index is built (lunr indexes are immutable, wink must be consolidated once); adding an article means building again. natural\'s TfIdf clears its whole IDF cache on every add.',
  );
}

if (only.has('startup')) {
  console.log(`## Start-up with ${STARTUP_ARTICLES.toLocaleString('en')} articles\n`);
  const articlesDir = mkdtempSync(join(tmpdir(), 'pd-bench-articles-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'pd-bench-data-'));
  try {
    generateArticles(articlesDir, STARTUP_ARTICLES);
    console.log(
      '| run | index from | articles | sentences | modules (ms) | read articles (ms) | index (ms) | first answer (ms) | ready (ms) | process start to ready (ms) |',
    );
    console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const run of ['first start (no snapshot)', 'second start (snapshot)', 'after adding one file']) {
      if (run === 'after adding one file') {
        writeFileSync(
          join(articlesDir, 'zz-new.md'),
          '---\ntitle: A late addition\n---\nThe council approved the harbour budget on Monday after a long debate.\n',
        );
      }
      const t = performance.now();
      const r = await worker(['startup', articlesDir, dataDir]);
      const wall = performance.now() - t;
      console.log(
        `| ${run} | ${r.source} | ${r.articles} | ${r.sentences} | ${ms(r.importMs)} | ${ms(r.loadArticlesMs)} | ${ms(r.indexMs)} | ${ms(r.firstAnswerMs)} | ${ms(r.readyMs)} | ${ms(wall)} |`,
      );
    }
    console.log('');
    notes.push(
      'Start-up: "read articles" is loadArticles (src/library, reading and splitting every file); "index" is loadOrBuildIndex (src/search/snapshot.ts). "process start to ready" adds Node and tsx start-up.',
    );
  } finally {
    rmSync(articlesDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (notes.length) console.log(`Notes:\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
console.log(`Bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);

/** Article files made of the shared sets' paragraphs, three to an article, with front matter. */
function generateArticles(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  const docs = ['squad-v1.1-dev.json', 'policyqa-dev.json'].flatMap((set) => readDataset(`${EVAL_DIR}${set}`).documents);
  const paragraphs = docs.flatMap((doc) =>
    doc.text
      .split('\n\n')
      .filter((p) => p.trim().length > 80)
      .map((p) => ({ title: doc.title, text: p.trim() })),
  );
  for (let i = 0; i < count; i++) {
    const first = (i * 7919) % paragraphs.length;
    const picked = [0, 1, 2].map((k) => paragraphs[(first + k) % paragraphs.length]!);
    const date = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const body = picked.map((p) => p.text).join('\n\n');
    writeFileSync(
      join(dir, `article-${String(i).padStart(5, '0')}.md`),
      `---\ntitle: ${JSON.stringify(`${picked[0]!.title.replace(/_/g, ' ')} (${i})`)}\ndate: ${date}\nsource: Generated\n---\n${body}\n`,
    );
  }
}
