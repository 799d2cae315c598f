/**
 * npm run bench:alerts: the cost of topic alerts.
 * 1. Matching one new article against 10,000 stored topics (the percolator),
 *    against checking every topic one by one.
 * 2. The time from a file landing in the watched folder to the alert posted,
 *    through the real bot and a fake Discord on 127.0.0.1, and what matching
 *    does to /ask replies sent while articles arrive.
 */
import { writeFileSync } from 'node:fs';
import type { Article } from '../src/library/article';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { join } from 'node:path';
import { TopicMatcher } from '../src/alerts/topicMatcher';
import { Library } from '../src/library/library';
import { tokens } from '../src/search/analyzer';
import { startHarness, GENERAL, articlesDir } from '../tests/helpers/bot';
import { datasetArticles, readDataset } from './dataset';

const TOPICS = 10_000;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

// --- 1. matching -----------------------------------------------------------
const articles = datasetArticles(readDataset(process.argv[2] ?? '../shared/eval/squad-v1.1-dev.json'));
const held = articles.slice(0, 20);
const library = new Library(new SentenceIndex<Article>(), articles.slice(20));
// Topics are 2–3 word phrases taken from the library's own text, so many of them can match.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const words = articles.flatMap((a) => tokens(a.text.slice(0, 4000))).filter((w) => w.length > 3);
const matcher = new TopicMatcher();
const topics: { id: string; topic: string }[] = [];
for (let i = 0; i < TOPICS; i++) {
  const at = Math.floor(random() * (words.length - 3));
  const topic = words.slice(at, at + 2 + (i % 2)).join(' ');
  if (TopicMatcher.termsOf(topic).length === 0) {
    i--;
    continue;
  }
  topics.push({ id: `t${i}`, topic });
  matcher.add(`t${i}`, topic, 0.7, (term) => library.indexFor(null).idf(term) || library.indexFor(null).unseenIdf());
}
const percolate: number[] = [];
const naive: number[] = [];
let matched = 0;
for (const article of held) {
  library.add(article);
  let started = performance.now();
  matched += matcher.match(library.indexFor(null), article).length;
  percolate.push(performance.now() - started);
  // The naive way: every topic searched within the article.
  started = performance.now();
  for (const { topic } of topics)
    library.indexFor(null).search(
      TopicMatcher.termsOf(topic).map((term) => ({ term, count: 1 })),
      { articleId: article.id, limit: 1 },
    );
  naive.push(performance.now() - started);
}
console.log(
  `Matching one new article (a SQuAD article, ~220 sentences) against ${TOPICS.toLocaleString('en')} topics; ${held.length} articles, ${matched} matches in all\n`,
);
console.log('| method | median | p99 |');
console.log('|---|---:|---:|');
console.log(`| topic index (percolator) | ${ms(percentile(percolate, 50))} | ${ms(percentile(percolate, 99))} |`);
console.log(`| every topic searched in turn | ${ms(percentile(naive, 50))} | ${ms(percentile(naive, 99))} |`);

// --- 2. file landing → alert posted, and /ask meanwhile ----------------------
const harness = await startHarness({ ARTICLES_DIR: articlesDir() }, {});
const manage = String(1 << 4);
await harness.fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: manage }).waitForReply();
for (let i = 0; i < 200; i++)
  await harness.bot.app.services.alerts.subscribe(
    { guildId: '2000000000000000001', channelId: `bench-${i % 20}` },
    topics[i]!.topic,
    0.7,
    'bench',
  );
const landing: number[] = [];
for (let i = 0; i < 10; i++) {
  const started = performance.now();
  writeFileSync(
    join(harness.config.articlesDir, `strait-${i}.md`),
    `---\ntitle: Strait report ${i}\n---\nChinese warships sailed through the Taiwan Strait on day ${i}, the ministry said.\n`,
  );
  await harness.fake.waitForChannelMessages(GENERAL, i + 1, 15_000);
  landing.push(performance.now() - started);
}
const askIdle: number[] = [];
for (let i = 0; i < 30; i++)
  askIdle.push(
    (
      await harness.fake
        .sendCommand('ask', { question: 'What did Kishida promise?' }, { userId: `5${String(i).padStart(17, '0')}` })
        .waitForReply()
    ).elapsedMs,
  );
const askBusy: number[] = [];
for (let i = 0; i < 30; i++) {
  writeFileSync(join(harness.config.articlesDir, `busy-${i}.txt`), held[i % held.length]!.text);
  askBusy.push(
    (
      await harness.fake
        .sendCommand('ask', { question: 'What did Kishida promise?' }, { userId: `6${String(i).padStart(17, '0')}` })
        .waitForReply()
    ).elapsedMs,
  );
}
await harness.close();
console.log('\nThrough the bot (watched folder with a 300 ms write-settle wait, fake Discord on 127.0.0.1):\n');
console.log('| figure | median | p99 |');
console.log('|---|---:|---:|');
console.log(`| file written → alert posted (10 files) | ${ms(percentile(landing, 50))} | ${ms(percentile(landing, 99))} |`);
console.log(`| /ask reply, no articles arriving (30) | ${ms(percentile(askIdle, 50))} | ${ms(percentile(askIdle, 99))} |`);
console.log(`| /ask reply while SQuAD-sized articles land (30) | ${ms(percentile(askBusy, 50))} | ${ms(percentile(askBusy, 99))} |`);
