/**
 * npx tsx bench/confidenceCost.ts [--sentences 500000] [--queries 2000]
 *
 * What the confidence adds to every /ask: SQuAD questions over a library of
 * the shared sets' articles repeated to about `--sentences`, open protocol,
 * timed as the ranking alone and as the ranking plus the confidence (the
 * evidence and the model), interleaved so that load on the machine falls on
 * both alike. `npm run bench` times the ranking only.
 */
import { parseArgs } from 'node:util';
import { calibratedConfidence, confidenceFeatures } from '../src/answer/confidence';
import { rankSentences } from '../src/answer/rank';
import type { Article } from '../src/library/article';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { readDataset } from './dataset';
import { EVAL_DIR, replicatedLibrary } from './library';

const { values } = parseArgs({
  options: { sentences: { type: 'string', default: '500000' }, queries: { type: 'string', default: '2000' } },
});
const index = new SentenceIndex<Article>();
for (const article of replicatedLibrary(Number(values.sentences))) index.add(article);
index.shrink();
const questions = readDataset(`${EVAL_DIR}squad-v1.1-dev.json`).questions.map((q) => q.question);
const count = Math.min(questions.length, Number(values.queries));

const rankOnly: number[] = [];
const withConfidence: number[] = [];
const confidenceOnly: number[] = [];
let sink = 0;
for (let i = 0; i < count + 20; i++) {
  const question = questions[(i * 7919) % questions.length]!;
  const t0 = performance.now();
  const hits = rankSentences(index, question, { limit: 5 });
  const t1 = performance.now();
  if (hits.length > 0) sink += calibratedConfidence(confidenceFeatures(index, question, hits, false));
  const t2 = performance.now();
  // The first 20 warm the JIT and the index's scratch space.
  if (i < 20) continue;
  rankOnly.push(t1 - t0);
  confidenceOnly.push(t2 - t1);
  withConfidence.push(t2 - t0);
}
const at = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!.toFixed(2);
};
console.log(`${index.sentenceCount.toLocaleString('en')} sentences, ${count} questions (checksum ${sink.toFixed(1)})\n`);
console.log('| timed | p50 (ms) | p95 (ms) | p99 (ms) |');
console.log('|---|---:|---:|---:|');
for (const [name, list] of [
  ['ranking', rankOnly],
  ['confidence', confidenceOnly],
  ['ranking + confidence (/ask)', withConfidence],
] as const) {
  console.log(`| ${name} | ${at(list, 0.5)} | ${at(list, 0.95)} | ${at(list, 0.99)} |`);
}
