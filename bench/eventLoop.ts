/**
 * npm run bench:event-loop [sentences...]: the longest stretch for which each
 * command or background job holds the event loop, on libraries of 150,000 and
 * 500,000 sentences (the shared sets repeated, written as article files and
 * loaded as the bot loads them). While the loop is held, no other interaction
 * is acknowledged (Discord allows 3 s), heartbeats wait and alerts stall, so
 * the figure that matters is the longest block, not the total time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createApp, type App, type FeedArticleRef } from '../src/app';
import { loadConfig } from '../src/config';
import type { Invocation } from '../src/command/types';
import type { Invoked } from '../src/command/run';
import { silentLogger } from '../src/log';
import { tokens } from '../src/search/analyzer';
import { TopicMatcher } from '../src/alerts/topicMatcher';
import { makeArticle } from '../src/library/makeArticle';
import { replicatedLibrary } from './library';

const GUILD = '2000000000000000001';
const CHANNEL = '3000000000000000001';
const TOPICS = 10_000;
const TOPIC_CHANNELS = 20;
const FEED_BATCH = 20;
/** Servers that added an article of their own, so each searches its own copy of the index. */
const SERVERS_WITH_ARTICLES = 10;
const PLACES = ['Europe', 'United States', 'Middle East', 'Asia', 'France'];
const sizes = process.argv.slice(2).map(Number).filter(Number.isFinite);

const invocation: Invocation = {
  user: { id: '4000000000000000001', name: 'bench' },
  channelId: CHANNEL,
  guildId: GUILD,
  can: () => true,
  botCan: () => true,
};

// A full garbage collection of a large heap holds the loop too, whatever the code does: shown apart, so it is not taken for the command's.
let longestGc = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
}).observe({ entryTypes: ['gc'] });

interface Blocked {
  blockMs: number;
  gcMs: number;
  totalMs: number;
}

/** The loop's longest delay (a timer firing late by it), the longest GC pause and the wall time while `work` runs. */
async function blocked<T>(work: () => Promise<T>): Promise<Blocked & { result: T }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  // The histogram measures from its timer's previous firing: without one, a block at the very start would go unseen.
  await new Promise((resolve) => setTimeout(resolve, 20));
  longestGc = 0;
  const started = performance.now();
  const result = await work();
  const totalMs = performance.now() - started;
  // One more turn, so a block that ends the work is sampled.
  await new Promise((resolve) => setTimeout(resolve, 10));
  histogram.disable();
  return { blockMs: histogram.max / 1e6, gcMs: longestGc, totalMs, result };
}

/** The articles as files (front matter with title and date), as a deployment holds them. */
function writeLibrary(target: number): { dir: string; sentences: number; articles: number; words: string[]; texts: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-loop-articles-'));
  const articles = replicatedLibrary(target);
  let sentences = 0;
  articles.forEach((article, i) => {
    sentences += article.sentences.length;
    const date = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(join(dir, `a${i}.md`), `---\ntitle: ${JSON.stringify(article.title)}\ndate: ${date}\n---\n${article.text}\n`);
  });
  const words = articles.slice(0, 2_000).flatMap((a) => tokens(a.text.slice(0, 4000)).filter((w) => w.length > 3));
  // Texts for new articles of 200 sentences each (a long news item), made of the library's own sentences.
  const all = articles.flatMap((a) => a.sentences.map((span) => a.text.slice(span.start, span.end)));
  const texts = Array.from({ length: 2 * FEED_BATCH }, (_, i) => all.slice(i * 200, (i + 1) * 200).join(' '));
  return { dir, sentences, articles: articles.length, words, texts };
}

/** New shared feed articles written where the feed poller writes them, for receiveFeedArticles to read. */
function writeFeedArticles(dataDir: string, texts: string[], name: string): FeedArticleRef[] {
  const folder = join(dataDir, 'feed-articles', 'all');
  mkdirSync(folder, { recursive: true });
  return texts.map((text, i) => {
    const id = `feed-bench-${name}-${i}`;
    writeFileSync(join(folder, `${id}.md`), `---\ntitle: "Feed item ${name} ${i}"\ndate: 2026-11-20\n---\n${text}\n`);
    return { owner: null, id };
  });
}

/** 10,000 stored topics (5 places, then 2-3 word phrases from the library's text, as bench:alerts makes them) and a channel history. */
function writeData(words: string[]): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'pd-bench-loop-data-'));
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const subscriptions = [];
  for (let i = 0; i < TOPICS; i++) {
    const at = Math.floor(random() * (words.length - 3));
    // A few places and regions among them, as subscribers write them: a region reads the library's home country.
    const topic = PLACES[i] ?? words.slice(at, at + 2 + (i % 2)).join(' ');
    if (TopicMatcher.termsOf(topic).length === 0) {
      i--;
      continue;
    }
    subscriptions.push({
      id: `t${i}`,
      guildId: GUILD,
      channelId: `30000000000000001${String(i % TOPIC_CHANNELS).padStart(2, '0')}`,
      topic,
      minScore: 0.7,
      createdBy: invocation.user.id,
      createdAt: '2026-11-01T00:00:00.000Z',
      lastFiredAt: null,
      alertsSent: 0,
      paused: null,
    });
  }
  mkdirSync(join(dataDir, 'alerts'));
  writeFileSync(join(dataDir, 'alerts', `guild-${GUILD}.json`), JSON.stringify({ version: 1, subscriptions, deliveries: [] }));
  const at = Date.now();
  const channels: Record<string, unknown[]> = {};
  for (let c = 0; c < 20; c++)
    channels[`30000000000000000${String(c).padStart(2, '0')}`] = Array.from({ length: 200 }, (_, i) => ({
      id: `e${c}-${i}`,
      userId: `40000000000000${String(i % 50).padStart(5, '0')}`,
      at: new Date(at - (c * 200 + i) * 600_000).toISOString(),
      question: `What did the ministers agree on regarding trade and security, question ${i}?`,
      answered: i % 5 !== 0,
      quotes: [],
    }));
  mkdirSync(join(dataDir, 'history'));
  writeFileSync(join(dataDir, 'history', `guild-${GUILD}.json`), JSON.stringify({ version: 1, channels }));
  return dataDir;
}

const commands: { label: string; invoked: Invoked }[] = [
  { label: '/subscribe United States', invoked: { name: 'subscribe', options: { topic: 'United States' } } },
  { label: '/subscribe Europe', invoked: { name: 'subscribe', options: { topic: 'Europe' } } },
  { label: '/subscribe state', invoked: { name: 'subscribe', options: { topic: 'state' } } },
  { label: '/subscribe government', invoked: { name: 'subscribe', options: { topic: 'government' } } },
  { label: '/lookup government', invoked: { name: 'lookup', options: { term: 'government' } } },
  { label: '/lookup the', invoked: { name: 'lookup', options: { term: 'the' } } },
  { label: '/articles', invoked: { name: 'articles', options: {} } },
  { label: '/articles page 50', invoked: { name: 'articles', options: { page: 50 } } },
  { label: '/report', invoked: { name: 'report', options: {} } },
  { label: '/history show', invoked: { name: 'history', subcommand: 'show', options: {} } },
  { label: '/ask', invoked: { name: 'ask', options: { question: 'What did the government decide about the budget?' } } },
];

const rows: string[] = [];
const row = (size: string, label: string, { blockMs, gcMs, totalMs }: Blocked) =>
  rows.push(`| ${size} | ${label} | ${blockMs.toFixed(0)} ms | ${gcMs.toFixed(0)} ms | ${totalMs.toFixed(0)} ms |`);

for (const target of sizes.length ? sizes : [150_000, 500_000]) {
  const library = writeLibrary(target);
  const dataDir = writeData(library.words);
  const size = `${library.sentences.toLocaleString('en')} sentences`;
  const config = loadConfig({
    DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAwMQ.GfakeX.fakefakefakefakefakefakefakefakefake12',
    ARTICLES_DIR: library.dir,
    DATA_DIR: dataDir,
    ASK_COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'silent',
  });
  const start = async (): Promise<App> => createApp(config, silentLogger, { cooldowns: false });
  // First start builds the index and writes the snapshot; the second loads it (a restart).
  const first = await blocked(start);
  row(size, `start, index built (${library.articles.toLocaleString('en')} articles, ${TOPICS.toLocaleString('en')} topics)`, first);
  await first.result.close();
  const second = await blocked(start);
  row(size, 'start, index from snapshot', second);
  const app = second.result;
  for (const { label, invoked } of commands) row(size, label, await blocked(() => app.runner.run(invoked, invocation)));
  const fresh = (i: number) =>
    makeArticle(
      `new${i}`,
      'The government of the United States said on Monday that its budget for trade and security in Europe would rise. ' +
        'Ministers agreed the plan after talks on state spending. The decision was welcomed by officials in several states.',
      { title: `Government budget plan agreed ${i}` },
      'bench',
    );
  row(size, `new article matched (${TOPICS.toLocaleString('en')} topics)`, await blocked(() => app.addArticle(fresh(0))));
  const batch = Array.from({ length: FEED_BATCH }, (_, i) => ({ article: fresh(i + 1), owner: null }));
  for (const { article } of batch) app.services.library.add(article, null);
  row(size, `${FEED_BATCH} new articles matched at once (a feed poll)`, await blocked(() => app.services.alerts.onArticles(batch)));
  // A batch of new shared articles taken in as every process takes another's feed articles (recorded as matched, not
  // alerted: the row is their indexing). Each goes into the shared index and into every server's own copy of it.
  const sentencesIn = (refs: FeedArticleRef[]) =>
    refs.reduce((sum, { id }) => sum + (app.services.library.get(id)?.sentences.length ?? 0), 0);
  const alone = writeFeedArticles(dataDir, library.texts.slice(0, FEED_BATCH), 'alone');
  const aloneRow = await blocked(() => app.receiveFeedArticles(alone, false));
  row(size, `${FEED_BATCH} new shared articles indexed (${sentencesIn(alone).toLocaleString('en')} sentences), no server copies`, aloneRow);
  for (let s = 0; s < SERVERS_WITH_ARTICLES; s++)
    app.services.library.add(fresh(100 + s), `20000000000000001${String(s).padStart(2, '0')}`);
  const copied = writeFeedArticles(dataDir, library.texts.slice(FEED_BATCH), 'copied');
  const copiedRow = await blocked(() => app.receiveFeedArticles(copied, false));
  row(
    size,
    `${FEED_BATCH} new shared articles indexed (${sentencesIn(copied).toLocaleString('en')} sentences), ${SERVERS_WITH_ARTICLES} servers with their own copy`,
    copiedRow,
  );
  await app.close();
  rmSync(library.dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  'The longest event-loop block per command or job (monitorEventLoopDelay max), the longest GC pause within it, and its whole time; 2 cores, shared machine\n',
);
console.log('| library | command or job | longest block | longest GC pause | total |');
console.log('|---|---|---:|---:|---:|');
for (const line of rows) console.log(line);
