/**
 * npm run eval:alerts [FILE] [--split=NAME] [--min-score=X]: how well topic alerts pick the
 * articles a topic is about. FILE is in the format of wikinews-topics.json
 * (`documents`, `topics[{id, query, relevant[]}]`; default: that file). The
 * documents are loaded into a library as the bot loads articles, each topic is
 * subscribed through the same TopicMatcher the alert service uses, and every
 * document is asked which topics it fires. Prints per-topic and macro
 * precision, recall and F1, and the micro (per-alert) figures.
 */
import { readFileSync } from 'node:fs';
import type { Article } from '../src/library/article';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { TopicMatcher } from '../src/alerts/topicMatcher';
import { defaultAlertLimits } from '../src/alerts/alertService';
import { Library } from '../src/library/library';
import { makeArticle } from '../src/library/makeArticle';
import { EVAL_DIR } from './library';

interface TopicSet {
  name?: string;
  documents: { id: string; title: string; text: string }[];
  topics: { id: string; query: string; relevant: string[]; split?: string }[];
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? `${EVAL_DIR}wikinews-topics.json`;
const minScore = Number(args.find((a) => a.startsWith('--min-score='))?.split('=')[1] ?? defaultAlertLimits.defaultMinScore);
const split = args.find((a) => a.startsWith('--split='))?.split('=')[1];
const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<TopicSet>;
if (!Array.isArray(data.documents) || !Array.isArray(data.topics))
  throw new Error(`${file}: expected "documents" and "topics" arrays (see shared/eval/README.md)`);
// A split keeps its topics only: every document stays in the library, as it would in the bot.
if (split) data.topics = data.topics.filter((t) => t.split === split);
if (data.topics.length === 0) throw new Error(`${file}: no topics${split ? ` in split "${split}"` : ''}`);

const library = new Library(
  new SentenceIndex<Article>(),
  data.documents.map((doc) => makeArticle(doc.id, doc.text, { title: doc.title }, `eval:${data.name ?? file}`)),
);
const matcher = new TopicMatcher();
for (const topic of data.topics)
  matcher.add(topic.id, topic.query, minScore, (term) => library.indexFor(null).idf(term) || library.indexFor(null).unseenIdf());
const fired = new Map<string, Set<string>>(data.topics.map((t) => [t.id, new Set()]));
for (const doc of data.documents)
  for (const match of matcher.match(library.indexFor(null), library.get(doc.id)!)) fired.get(match.topicId)!.add(doc.id);

const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);
const fmt = (x: number) => x.toFixed(2);
let tp = 0;
let alerts = 0;
let relevantTotal = 0;
const rows: { p: number; r: number; f: number }[] = [];
const empty: string[] = [];
console.log(
  `${data.name ?? file}${split ? ` (${split})` : ''}: ${data.documents.length} documents, ${data.topics.length} topics, min_score ${minScore}\n`,
);
console.log('| topic | query | relevant | fired | right | precision | recall | F1 |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const topic of data.topics) {
  const relevant = new Set(topic.relevant);
  const got = fired.get(topic.id)!;
  const right = [...got].filter((id) => relevant.has(id)).length;
  // A topic that fires nothing has made no wrong alert: precision 1 by convention, and its recall says the rest.
  const p = got.size ? right / got.size : 1;
  const r = relevant.size ? right / relevant.size : 1;
  // A topic with no relevant article (nothing in the library is about it) can only make wrong alerts: its
  // recall is undefined, so it stays out of the macro means and its alerts count in micro.
  if (relevant.size) rows.push({ p, r, f: f1(p, r) });
  else empty.push(`${topic.id} (${got.size} fired)`);
  tp += right;
  alerts += got.size;
  relevantTotal += relevant.size;
  console.log(`| ${topic.id} | ${topic.query} | ${relevant.size} | ${got.size} | ${right} | ${fmt(p)} | ${fmt(r)} | ${fmt(f1(p, r))} |`);
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log(
  `| **macro** | | | | | ${fmt(mean(rows.map((x) => x.p)))} | ${fmt(mean(rows.map((x) => x.r)))} | ${fmt(mean(rows.map((x) => x.f)))} |`,
);
const microP = alerts ? tp / alerts : 1;
const microR = relevantTotal ? tp / relevantTotal : 1;
console.log(
  `| **micro** (per alert) | | ${relevantTotal} | ${alerts} | ${tp} | ${fmt(microP)} | ${fmt(microR)} | ${fmt(f1(microP, microR))} |`,
);
if (empty.length) console.log(`\nNo relevant article, left out of macro (their alerts are wrong alerts in micro): ${empty.join(', ')}`);
