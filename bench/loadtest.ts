/**
 * Load test: the real bot (discord.js client and all) in this process, driven through the fake
 * Discord of the tests (REST + gateway on 127.0.0.1).
 *
 *   npm run loadtest                        1,000 /ask from 100 channels, shipped library
 *   npm run loadtest -- --articles 10000    the same against 10,000 generated articles
 *   npm run loadtest -- --quick             100 /ask, 10 channels, 3 articles landing (smoke test)
 *
 * Flags: --asks N, --channels N, --guilds N, --users N, --concurrency N (interactions in flight),
 * --articles N (generated library size; without it the shipped seeds/), --article-every-ms N,
 * --min-landing N (articles that land even if the asks finish first), --vote-every N (every Nth
 * answer is voted on, 👍 or 👎 in turn, by its asker; 0: no votes), --json.
 *
 * While the asks run, an article file lands in the watched folder every second, each matching
 * a topic that several channels subscribed to, so alerts fire. Prints markdown tables and exits
 * 0 when every expectation held: each /ask acknowledged within Discord's 3 s and answered,
 * one history entry per /ask, every expected alert delivered exactly once. A quarter of the
 * channels follow a topic as a daily digest instead: at the end the bot's clock is moved to the
 * next DIGEST_HOUR, and each of them must get one digest listing every landed article on its topic.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { nextDue } from '../src/alerts/digestSchedule';
import { loadConfig, type Config } from '../src/config';
import { startDiscord, type RunningBot } from '../src/discord/runDiscord';
import { createLogger } from '../src/log';
import { startFakeDiscord, type FakeDiscord, type FakeGuild, type InteractionHandle } from '../tests/fakeDiscord';
import { TEST_TOKEN } from '../tests/helpers/bot';
import { SEEDS_DIR } from '../tests/helpers/seed';

const DEADLINE_MS = 3000;
const MANAGE_CHANNELS = (1n << 4n).toString();
const SQUAD = resolve(import.meta.dirname, '..', '..', 'shared', 'eval', 'squad-v1.1-dev.json');

export interface LoadOptions {
  asks: number;
  channels: number;
  guilds: number;
  users: number;
  concurrency: number;
  /** Size of a generated library; null: the shipped seeds/ folder. */
  libraryArticles: number | null;
  articleEveryMs: number;
  /** Articles that land even when the asks are done sooner. */
  minLanding: number;
  /** At most this many land (bounds the run). */
  maxLanding: number;
  /** Every Nth /ask's answer gets a vote (a button press and a history write); 0 for none. */
  voteEvery: number;
  /** Seed for the pseudo-random choices (questions, users, generated articles). */
  seed: number;
  /** Progress lines on stderr. */
  verbose: boolean;
}

export const fullOptions: LoadOptions = {
  asks: 1000,
  channels: 100,
  guilds: 10,
  users: 250,
  concurrency: 20,
  libraryArticles: null,
  articleEveryMs: 1000,
  minLanding: 3,
  maxLanding: 600,
  voteEvery: 4,
  seed: 7,
  verbose: true,
};
export const quickOptions: LoadOptions = {
  ...fullOptions,
  asks: 100,
  channels: 10,
  guilds: 2,
  users: 30,
  concurrency: 10,
  minLanding: 3,
  maxLanding: 3,
};

// --- deterministic randomness -----------------------------------------------------------------

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

// --- what lands and what is asked -------------------------------------------------------------

/** Topics channels follow; landing articles carry them. No word is shared with another topic or with the filler. */
export const TOPICS = [
  'undersea cable sabotage',
  'lithium export quotas',
  'Arctic shipping lanes',
  'rice import tariffs',
  'semiconductor subsidy package',
  'fisheries treaty Pacific',
  'carbon border levy',
  'drone airspace rules',
  'vaccine patent waiver',
  'desalination plant funding',
] as const;

const FILLER = [
  'The announcement came after several weeks of talks between the two sides.',
  'A spokesperson declined to give further details on Tuesday.',
  'Analysts expect the debate to continue well into the autumn.',
  'Opposition lawmakers criticised the timing of the decision.',
  'The committee will publish its findings before the end of the year.',
  'Several regional governments have asked to be consulted first.',
];

function topicSentence(topic: string, n: number): string {
  return `Ministers agreed on new measures on ${topic} at a meeting in the capital, officials said in statement number ${n}.`;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

/** The fixture's own promise: an article matches only the topics it was written for. */
function checkTopicsAreDisjoint(): void {
  const owner = new Map<string, string>();
  for (const topic of TOPICS) {
    for (const word of wordsOf(topic)) {
      if (owner.has(word)) throw new Error(`topic word "${word}" is in "${owner.get(word)}" and "${topic}"`);
      owner.set(word, topic);
    }
  }
  for (const word of [...FILLER.flatMap(wordsOf), ...wordsOf(topicSentence('', 0))]) {
    if (owner.has(word)) throw new Error(`filler word "${word}" belongs to topic "${owner.get(word)}"`);
  }
}

interface Landing {
  n: number;
  id: string;
  topics: number[];
  writtenAt: number;
}

/** Article n carries topic n mod T, and every fifth one a second topic too. */
function landingArticle(n: number, topicCount: number): { id: string; topics: number[]; text: string } {
  const id = `load-${String(n).padStart(4, '0')}`;
  const topics = [n % topicCount];
  if (n % 5 === 4 && topicCount > 1) topics.push((n + 1) % topicCount);
  const body = [
    `${topicSentence(TOPICS[topics[0]!]!, n)} ${FILLER[n % FILLER.length]}`,
    ...topics.slice(1).map((t) => `${topicSentence(TOPICS[t]!, n)} ${FILLER[(n + 1) % FILLER.length]}`),
    `${FILLER[(n + 2) % FILLER.length]} ${FILLER[(n + 3) % FILLER.length]}`,
  ].join('\n\n');
  const title = `Load article ${n}: ${topics.map((t) => TOPICS[t]).join(' and ')}`;
  return {
    id,
    topics,
    text: `---\ntitle: ${JSON.stringify(title)}\ndate: 2024-06-01\nsource: Load Wire\nurl: https://example.org/load/${id}\n---\n${body}\n`,
  };
}

const SEED_QUESTIONS = [
  'Who chairs the CPTPP working group?',
  'What did Hayashi and Blinken agree on?',
  'What did they say about North Korea?',
  'Did they discuss a diplomatic boycott of the Beijing Winter Olympics?',
  'Where did the foreign ministers meet?',
  'Which countries said they would follow the US boycott?',
  'What did Blinken say about the Taiwan Strait?',
  'Who will visit the United States early next year?',
];
const FOLLOW_UPS = ['and Taiwan?', 'what about North Korea?', 'what else did they agree?', 'and Australia?', 'when was it?'];
const OFF_TOPIC = [
  'What is the capital of Brazil?',
  'How do I bake sourdough bread?',
  'Who won the 1998 football World Cup?',
  'What is the boiling point of mercury?',
];

interface SquadData {
  documents: { id: string; title: string; text: string }[];
  questions: { question: string; documentId: string }[];
}

function readSquad(): SquadData | null {
  try {
    return JSON.parse(readFileSync(SQUAD, 'utf8')) as SquadData;
  } catch {
    return null;
  }
}

/** A realistic mix: the shipped article's subjects, follow-ups, off-topic, the landing topics, and (large library) SQuAD questions. */
function questionFor(rand: () => number, squadQuestions: string[]): { kind: string; question: string } {
  const r = rand();
  if (squadQuestions.length > 0 && r < 0.2) return { kind: 'library', question: pick(rand, squadQuestions) };
  const s = squadQuestions.length > 0 ? (r - 0.2) / 0.8 : r;
  if (s < 0.45) return { kind: 'seed', question: pick(rand, SEED_QUESTIONS) };
  if (s < 0.65) return { kind: 'follow-up', question: pick(rand, FOLLOW_UPS) };
  if (s < 0.8) return { kind: 'off-topic', question: pick(rand, OFF_TOPIC) };
  return { kind: 'new articles', question: `What was agreed on ${pick(rand, TOPICS)}?` };
}

/** A library of `count` articles: the seed plus SQuAD paragraphs recombined (three per article) under new titles and ids. */
function generateLibrary(count: number, rand: () => number, squad: SquadData | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-load-lib-'));
  cpSync(SEEDS_DIR, dir, { recursive: true });
  const docs = (squad?.documents ?? []).map((d) => ({
    title: d.title,
    paragraphs: d.text.split('\n\n').filter((p) => p.trim().length > 0),
  }));
  const seedParagraphs = readFileSync(join(SEEDS_DIR, '000_02b1b7e6bf94f65a.txt'), 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (docs.length === 0) docs.push({ title: 'Seed report', paragraphs: seedParagraphs });
  for (let i = 1; i < count; i++) {
    const doc = docs[i % docs.length]!;
    const start = Math.floor(rand() * doc.paragraphs.length);
    const paragraphs = [0, 1, 2].map((k) => doc.paragraphs[(start + k * (1 + Math.floor(rand() * 3))) % doc.paragraphs.length]!);
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    const text = `---\ntitle: ${JSON.stringify(`${doc.title.replace(/_/g, ' ')}, report ${i}`)}\ndate: 2023-${month}-${day}\nsource: Generated\nurl: https://example.org/gen/${i}\n---\n${paragraphs.join('\n\n')}\n`;
    writeFileSync(join(dir, `gen-${String(i).padStart(5, '0')}.md`), text);
  }
  return dir;
}

// --- measuring --------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (part: number, whole: number) => `${whole === 0 ? '100.0' : ((100 * part) / whole).toFixed(1)} % (${part} / ${whole})`;

interface VoteResult {
  ackMs: number | null;
  replied: boolean;
}

interface AskResult {
  kind: string;
  channel: string;
  ackMs: number | null;
  replyMs: number | null;
  title: string | null;
  followUp: boolean;
  rejected: number;
}

export interface LoadResult {
  options: LoadOptions;
  libraryArticles: number;
  librarySentences: number;
  generateMs: number | null;
  startupMs: number;
  subscribeMs: number;
  runMs: number;
  asks: AskResult[];
  votes: VoteResult[];
  /** Votes found in the history files after the run. */
  votesStored: number;
  historyEntries: number;
  historyExpected: number;
  landed: number;
  alertsExpected: number;
  alertsDelivered: number;
  alertsDuplicated: number;
  alertsLost: number;
  alertsUnexpected: number;
  /** Daily digests: channels that follow a topic as one, digests expected (a landed article on the topic), posted, and articles missing from them, listed twice, or digests nobody expected. */
  digestChannels: number;
  digestsExpected: number;
  digestsDelivered: number;
  digestArticlesLost: number;
  digestArticlesDuplicated: number;
  digestsUnexpected: number;
  alertLagMs: number[];
  /** Per landing article, ms after its file was written: read by the watcher, matched, first and last alert posted; and the matching time itself. */
  alertStages: { toLoaded: number[]; toMatched: number[]; matchMs: number[]; toFirstAlert: number[]; toLastAlert: number[] };
  subscribedChannels: number;
  topics: number;
  memory: NodeJS.MemoryUsage;
  peakRss: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  logCounts: Record<string, number>;
  errorLines: string[];
  failures: string[];
}

const log = (options: LoadOptions, message: string) => {
  if (options.verbose) process.stderr.write(`[loadtest] ${message}\n`);
};

function fakeGuilds(options: LoadOptions): { guilds: FakeGuild[]; channels: { guildId: string; channelId: string }[] } {
  const guilds: FakeGuild[] = [];
  const channels: { guildId: string; channelId: string }[] = [];
  const guildCount = Math.max(1, Math.min(options.guilds, options.channels));
  for (let g = 0; g < guildCount; g++) guilds.push({ id: `2000000000000${String(100001 + g)}`, name: `Load guild ${g + 1}`, channels: [] });
  for (let c = 0; c < options.channels; c++) {
    const guild = guilds[c % guildCount]!;
    const channelId = `3000000000000${String(100001 + c)}`;
    guild.channels.push({ id: channelId, name: `load-${c + 1}` });
    channels.push({ guildId: guild.id, channelId });
  }
  return { guilds, channels };
}

export async function runLoadTest(options: LoadOptions): Promise<LoadResult> {
  checkTopicsAreDisjoint();
  const rand = prng(options.seed);
  const failures: string[] = [];
  const squad = options.libraryArticles !== null ? readSquad() : null;

  let generateMs: number | null = null;
  let articlesDir: string;
  if (options.libraryArticles !== null) {
    const started = performance.now();
    articlesDir = generateLibrary(options.libraryArticles, rand, squad);
    generateMs = performance.now() - started;
    log(options, `generated ${options.libraryArticles} articles in ${Math.round(generateMs)} ms`);
  } else {
    articlesDir = mkdtempSync(join(tmpdir(), 'pd-load-lib-'));
    cpSync(SEEDS_DIR, articlesDir, { recursive: true });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pd-load-data-'));

  const { guilds, channels } = fakeGuilds(options);
  const fake: FakeDiscord = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 5000, guilds });
  const config: Config = loadConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    ARTICLES_DIR: articlesDir,
    DATA_DIR: dataDir,
    ASK_COOLDOWN_SECONDS: '0',
    // The run posts more alerts per channel than the default 10 an hour; over the limit they would
    // (rightly) wait an hour, which is not what this measures.
    ALERTS_PER_HOUR: '10000',
    ALERTS_PER_DAY: '100000',
    LOG_LEVEL: 'info',
  });
  const logCounts: Record<string, number> = {};
  const errorLines: string[] = [];
  // When each landing article reached each stage: read by the watcher, indexed and matched, first and last alert posted.
  const stages = new Map<string, { loaded?: number; matched?: number; matchMs?: number; firstSent?: number; lastSent?: number }>();
  const stage = (id: string) => {
    if (!stages.has(id)) stages.set(id, {});
    return stages.get(id)!;
  };
  const logger = createLogger('info', (line) => {
    const parsed = JSON.parse(line) as { event: string; level: string; id?: string; article?: string; ms?: number };
    logCounts[parsed.event] = (logCounts[parsed.event] ?? 0) + 1;
    const now = Date.now();
    if (parsed.event === 'article_loaded' && parsed.id) stage(parsed.id).loaded ??= now;
    if (parsed.event === 'article_matched' && parsed.article) Object.assign(stage(parsed.article), { matched: now, matchMs: parsed.ms });
    if (parsed.event === 'alert_sent' && parsed.article) {
      const s = stage(parsed.article);
      s.firstSent ??= now;
      s.lastSent = now;
    }
    if (parsed.level === 'error' && errorLines.length < 5) errorLines.push(line.slice(0, 400));
  });

  const startupStarted = performance.now();
  // The bot's clock runs with the real one until the digests are due; then it jumps to DIGEST_HOUR.
  let clockShiftMs = 0;
  const bot: RunningBot = await startDiscord(config, logger, {
    alertRetryBaseMs: 200,
    alertTickMs: 100,
    watchStabilityMs: 100,
    now: () => new Date(Date.now() + clockShiftMs),
  });
  const startupMs = performance.now() - startupStarted;
  const { library } = bot.app.services;
  const libraryArticles = library.indexFor(null).articleCount;
  const librarySentences = library.indexFor(null).sentenceCount;
  log(options, `bot ready in ${Math.round(startupMs)} ms with ${libraryArticles} articles, ${librarySentences} sentences`);

  // Subscriptions: every other channel follows one topic; a topic has several channels.
  const subscribedChannels = channels.filter((_, i) => i % 2 === 0);
  const topicCount = Math.max(1, Math.min(TOPICS.length, Math.floor(subscribedChannels.length / 2)));
  const followers = new Map<number, string[]>();
  const subscribeStarted = performance.now();
  for (const [j, where] of subscribedChannels.entries()) {
    const topic = j % topicCount;
    const reply = await fake
      .sendCommand(
        'subscribe',
        { topic: TOPICS[topic]! },
        { guildId: where.guildId, channelId: where.channelId, permissions: MANAGE_CHANNELS },
      )
      .waitForReply(30_000);
    const title = reply.data.embeds?.[0]?.title ?? '';
    if (!title.startsWith('Subscribed')) failures.push(`/subscribe in ${where.channelId} answered "${title}"`);
    followers.set(topic, [...(followers.get(topic) ?? []), where.channelId]);
  }
  // Every other channel left over follows a topic as a daily digest.
  const digestTopicOf = new Map<string, number>();
  for (const [j, where] of channels.filter((_, i) => i % 4 === 1).entries()) {
    const reply = await fake
      .sendCommand(
        'subscribe',
        { topic: TOPICS[j % topicCount]!, mode: 'daily' },
        { guildId: where.guildId, channelId: where.channelId, permissions: MANAGE_CHANNELS },
      )
      .waitForReply(30_000);
    const title = reply.data.embeds?.[0]?.title ?? '';
    if (!title.startsWith('Subscribed')) failures.push(`/subscribe mode:daily in ${where.channelId} answered "${title}"`);
    digestTopicOf.set(where.channelId, j % topicCount);
  }
  const subscribeMs = performance.now() - subscribeStarted;
  log(options, `${subscribedChannels.length} channels subscribed to ${topicCount} topics in ${Math.round(subscribeMs)} ms`);

  // Watch the process while the load runs.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);

  const squadQuestions = squad ? squad.questions.map((q) => q.question) : [];
  const users = Array.from({ length: Math.max(1, options.users) }, (_, i) => `4000000000000${String(100001 + i)}`);
  const plan = Array.from({ length: options.asks }, (_, i) => ({
    ...questionFor(rand, squadQuestions),
    where: channels[Math.floor(rand() * channels.length)]!,
    userId: pick(rand, users),
    i,
  }));

  const runStarted = performance.now();
  let asksDone = false;
  const landings: Landing[] = [];
  const landing = (async () => {
    let n = 0;
    while (n < options.maxLanding && (!asksDone || n < options.minLanding)) {
      await new Promise((r) => setTimeout(r, options.articleEveryMs));
      const made = landingArticle(n, topicCount);
      landings.push({ n, id: made.id, topics: made.topics, writtenAt: Date.now() });
      writeFileSync(join(articlesDir, `${made.id}.md`), made.text);
      n++;
    }
  })();

  const asks: AskResult[] = [];
  const votes: VoteResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const index = next;
      const item = plan[next++]!;
      let handle: InteractionHandle | undefined;
      let title: string | null = null;
      let followUp = false;
      try {
        handle = fake.sendCommand(
          'ask',
          { question: item.question },
          { guildId: item.where.guildId, channelId: item.where.channelId, userId: item.userId },
        );
        const reply = await handle.waitForReply(30_000);
        const embed = reply.data.embeds?.[0];
        title = embed?.title ?? null;
        followUp = JSON.stringify(embed ?? {}).includes('follow-up');
        // A vote is what a reader does next: a button press answered ephemerally, and one more write of the guild's history file.
        if (options.voteEvery > 0 && index % options.voteEvery === 0) {
          const direction = (index / options.voteEvery) % 2 === 0 ? ':up' : ':down';
          const ids = ((reply.data.components ?? []) as { components: { custom_id: string }[] }[]).flatMap((row) =>
            row.components.map((c) => c.custom_id),
          );
          const voteId = ids.find((id) => id.startsWith('ask:vote:') && id.endsWith(direction));
          const press = voteId
            ? fake.clickButton(voteId, { guildId: item.where.guildId, channelId: item.where.channelId, userId: item.userId })
            : undefined;
          const pressed = await press?.waitForReply(30_000).then(
            () => true,
            () => false,
          );
          votes.push({ ackMs: press?.record.callbacks[0]?.atMs ?? null, replied: pressed === true });
        }
      } catch {
        // No visible reply in 30 s: counted below from what the fake saw.
      }
      const record = handle?.record;
      asks.push({
        kind: item.kind,
        channel: item.where.channelId,
        ackMs: record?.callbacks[0]?.atMs ?? null,
        replyMs: record?.reply?.repliedAtMs ?? null,
        title,
        followUp,
        rejected: record?.rejectedCallbacks.length ?? 0,
      });
      if (options.verbose && asks.length % 100 === 0)
        log(options, `${asks.length} / ${plan.length} asks answered, ${landings.length} articles landed`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => worker()));
  asksDone = true;
  await landing;
  const asksMs = performance.now() - runStarted;

  // Expected alerts: (channel, article) for every landed article and every follower of its topics.
  const expected = new Set<string>();
  for (const landed of landings)
    for (const topic of landed.topics) for (const channelId of followers.get(topic) ?? []) expected.add(`${channelId} ${landed.id}`);
  const deliveredPairs = () => {
    const seen = new Map<string, { count: number; at: string }>();
    for (const { channelId } of channels) {
      if (digestTopicOf.has(channelId)) continue;
      for (const message of fake.channelMessages(channelId)) {
        const id = /\/load\/([\w-]+)$/.exec(message.embeds[0]?.url ?? '')?.[1] ?? `?${message.id}`;
        const key = `${channelId} ${id}`;
        const prior = seen.get(key);
        seen.set(key, { count: (prior?.count ?? 0) + 1, at: prior?.at ?? message.timestamp });
      }
    }
    return seen;
  };
  // Let the last articles be read (stability wait) and their alerts go out; bounded.
  const alertDeadline = Date.now() + 60_000;
  while (Date.now() < alertDeadline) {
    const seen = deliveredPairs();
    if (
      (logCounts.article_matched ?? 0) + (logCounts.article_skipped ?? 0) >= landings.length &&
      [...expected].every((key) => seen.has(key))
    )
      break;
    if ((logCounts.article_skipped ?? 0) > 0 && Date.now() > alertDeadline - 50_000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await bot.app.services.alerts.idle();
  await new Promise((r) => setTimeout(r, 500));

  // Daily digests: the clock moves to the next DIGEST_HOUR; each digest channel with a landed article on its topic gets one.
  const digestExpected = new Map<string, string[]>();
  for (const [channelId, topic] of digestTopicOf) {
    const ids = landings.filter((l) => l.topics.includes(topic)).map((l) => l.id);
    if (ids.length > 0) digestExpected.set(channelId, ids);
  }
  clockShiftMs = nextDue('daily', config.digestHour, new Date()).getTime() - Date.now() + 1000;
  bot.app.services.alerts.kick();
  await bot.app.services.alerts.idle();
  const digestDeadline = Date.now() + 30_000;
  while (Date.now() < digestDeadline && ![...digestExpected.keys()].every((channelId) => fake.channelMessages(channelId).length > 0))
    await new Promise((r) => setTimeout(r, 100));
  await bot.app.services.alerts.idle();
  let digestsDelivered = 0;
  let digestArticlesLost = 0;
  let digestArticlesDuplicated = 0;
  let digestsUnexpected = 0;
  for (const channelId of digestTopicOf.keys()) {
    const messages = fake.channelMessages(channelId);
    const expectedIds = digestExpected.get(channelId);
    if (!expectedIds) {
      digestsUnexpected += messages.length;
      continue;
    }
    if (messages.length > 0) digestsDelivered++;
    const listed = messages.flatMap((m) => [...(m.embeds[0]?.description ?? '').matchAll(/\/load\/([\w-]+)\)/g)].map((match) => match[1]!));
    for (const id of expectedIds) {
      const count = listed.filter((x) => x === id).length;
      if (count === 0) digestArticlesLost++;
      digestArticlesDuplicated += Math.max(0, count - 1);
    }
  }

  clearInterval(sampler);
  loopDelay.disable();
  const memory = process.memoryUsage();
  peakRss = Math.max(peakRss, memory.rss);

  const seen = deliveredPairs();
  let alertsDelivered = 0;
  let alertsDuplicated = 0;
  let alertsUnexpected = 0;
  const alertLagMs: number[] = [];
  const writtenAt = new Map(landings.map((l) => [l.id, l.writtenAt]));
  for (const [key, { count, at }] of seen) {
    if (!expected.has(key)) {
      alertsUnexpected += count;
      continue;
    }
    alertsDelivered++;
    alertsDuplicated += count - 1;
    alertLagMs.push(Date.parse(at) - writtenAt.get(key.split(' ')[1]!)!);
  }
  const alertsLost = [...expected].filter((key) => !seen.has(key)).length;
  const alertStages = {
    toLoaded: [] as number[],
    toMatched: [] as number[],
    matchMs: [] as number[],
    toFirstAlert: [] as number[],
    toLastAlert: [] as number[],
  };
  for (const landed of landings) {
    const s = stages.get(landed.id);
    if (!s) continue;
    if (s.loaded !== undefined) alertStages.toLoaded.push(s.loaded - landed.writtenAt);
    if (s.matched !== undefined) alertStages.toMatched.push(s.matched - landed.writtenAt);
    if (s.matchMs !== undefined) alertStages.matchMs.push(s.matchMs);
    if (s.firstSent !== undefined) alertStages.toFirstAlert.push(s.firstSent - landed.writtenAt);
    if (s.lastSent !== undefined) alertStages.toLastAlert.push(s.lastSent - landed.writtenAt);
  }

  await bot.stop();
  await fake.close();

  // History: read the files the bot wrote (after stop(), which finishes its writes).
  let historyEntries = 0;
  let votesStored = 0;
  const historyDir = join(dataDir, 'history');
  for (const name of readdirSync(historyDir).filter((f) => f.endsWith('.json'))) {
    const file = JSON.parse(readFileSync(join(historyDir, name), 'utf8')) as {
      channels: Record<string, { votes?: Record<string, string> }[]>;
    };
    for (const entries of Object.values(file.channels)) {
      historyEntries += entries.length;
      for (const entry of entries) votesStored += Object.keys(entry.votes ?? {}).length;
    }
  }
  rmSync(articlesDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });

  const acked = asks.filter((a) => a.ackMs !== null && a.ackMs <= DEADLINE_MS).length;
  const answered = asks.filter((a) => a.replyMs !== null).length;
  if (asks.length !== options.asks) failures.push(`${options.asks - asks.length} asks were not sent`);
  if (acked < options.asks) failures.push(`${options.asks - acked} of ${options.asks} /ask not acknowledged within ${DEADLINE_MS} ms`);
  if (answered < options.asks) failures.push(`${options.asks - answered} of ${options.asks} /ask got no visible reply`);
  if (historyEntries !== options.asks) failures.push(`history holds ${historyEntries} entries, expected ${options.asks}`);
  const votesExpected = options.voteEvery > 0 ? Math.ceil(options.asks / options.voteEvery) : 0;
  const votesAcked = votes.filter((v) => v.ackMs !== null && v.ackMs <= DEADLINE_MS && v.replied).length;
  if (votes.length !== votesExpected || votesAcked < votesExpected)
    failures.push(`${votesExpected - votesAcked} of ${votesExpected} votes not acknowledged within ${DEADLINE_MS} ms`);
  if (votesStored !== votesExpected) failures.push(`history holds ${votesStored} votes, expected ${votesExpected}`);
  if (alertsLost > 0) failures.push(`${alertsLost} of ${expected.size} expected alerts were not delivered`);
  if (alertsDuplicated > 0) failures.push(`${alertsDuplicated} alerts were posted more than once`);
  if (alertsUnexpected > 0) failures.push(`${alertsUnexpected} alerts nobody expected`);
  if (landings.length > 0 && expected.size === 0) failures.push('no alert was expected: the fixture is broken');
  if (digestsDelivered < digestExpected.size)
    failures.push(`${digestExpected.size - digestsDelivered} of ${digestExpected.size} expected daily digests were not posted`);
  if (digestArticlesLost > 0) failures.push(`${digestArticlesLost} landed articles missing from their daily digests`);
  if (digestArticlesDuplicated > 0) failures.push(`${digestArticlesDuplicated} articles listed twice in daily digests`);
  if (digestsUnexpected > 0) failures.push(`${digestsUnexpected} daily digest messages nobody expected`);
  if ((logCounts.article_skipped ?? 0) > 0) failures.push(`${logCounts.article_skipped} landing articles were skipped by the bot`);

  return {
    options,
    libraryArticles,
    librarySentences,
    generateMs,
    startupMs,
    subscribeMs,
    runMs: asksMs,
    asks,
    votes,
    votesStored,
    historyEntries,
    historyExpected: options.asks,
    landed: landings.length,
    alertsExpected: expected.size,
    alertsDelivered,
    alertsDuplicated,
    alertsLost,
    alertsUnexpected,
    digestChannels: digestTopicOf.size,
    digestsExpected: digestExpected.size,
    digestsDelivered,
    digestArticlesLost,
    digestArticlesDuplicated,
    digestsUnexpected,
    alertLagMs,
    alertStages,
    subscribedChannels: subscribedChannels.length,
    topics: topicCount,
    memory,
    peakRss,
    eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    eventLoopDelayMaxMs: loopDelay.max / 1e6,
    logCounts,
    errorLines,
    failures,
  };
}

export function formatReport(result: LoadResult): string {
  const { options: o, asks } = result;
  const acks = asks
    .map((a) => a.ackMs)
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  const replies = asks
    .map((a) => a.replyMs)
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  const lags = [...result.alertLagMs].sort((a, b) => a - b);
  const acked = asks.filter((a) => a.ackMs !== null && a.ackMs <= DEADLINE_MS).length;
  const repliedIn3s = asks.filter((a) => a.replyMs !== null && a.replyMs <= DEADLINE_MS).length;
  const library =
    o.libraryArticles === null
      ? `shipped (seeds/: ${result.libraryArticles} article)`
      : `${result.libraryArticles.toLocaleString('en-US')} generated articles`;
  const rows: [string, string][] = [
    ['library', `${library}, ${result.librarySentences.toLocaleString('en-US')} sentences`],
    ...(result.generateMs !== null ? ([['generating the library files', ms(result.generateMs)]] as [string, string][]) : []),
    ['start-up (load + index library, log in, ready)', ms(result.startupMs)],
    ['/subscribe (setup, sequential)', `${result.subscribedChannels} channels → ${result.topics} topics in ${ms(result.subscribeMs)}`],
    [
      'load',
      `${asks.length} /ask, ${o.channels} channels in ${Math.min(o.guilds, o.channels)} guilds, ${o.users} users, concurrency ${o.concurrency}`,
    ],
    ['run time (asks)', `${(result.runMs / 1000).toFixed(1)} s (${(asks.length / (result.runMs / 1000)).toFixed(1)} asks/s)`],
    ['acknowledged within 3 s (first callback)', pct(acked, asks.length)],
    ['full reply visible within 3 s', pct(repliedIn3s, asks.length)],
    ['answered (visible reply at all)', pct(replies.length, asks.length)],
    [
      'time to first response p50 / p99 / max',
      `${ms(percentile(acks, 50))} / ${ms(percentile(acks, 99))} / ${ms(acks.at(-1) ?? Number.NaN)}`,
    ],
    [
      'time to full reply p50 / p99 / max',
      `${ms(percentile(replies, 50))} / ${ms(percentile(replies, 99))} / ${ms(replies.at(-1) ?? Number.NaN)}`,
    ],
    ['history entries written / expected', `${result.historyEntries} / ${result.historyExpected}`],
    ...((): [string, string][] => {
      if (result.votes.length === 0) return [];
      const voteAcks = result.votes
        .map((v) => v.ackMs)
        .filter((v): v is number => v !== null)
        .sort((a, b) => a - b);
      return [
        [
          `votes (👍/👎 on every ${o.voteEvery}th answer) acknowledged within 3 s`,
          pct(result.votes.filter((v) => v.replied && v.ackMs !== null && v.ackMs <= DEADLINE_MS).length, result.votes.length),
        ],
        [
          'vote acknowledged p50 / p99 / max',
          `${ms(percentile(voteAcks, 50))} / ${ms(percentile(voteAcks, 99))} / ${ms(voteAcks.at(-1) ?? Number.NaN)}`,
        ],
        ['votes stored in the history / sent', `${result.votesStored} / ${result.votes.length}`],
      ];
    })(),
    ['articles landed (one a second)', String(result.landed)],
    ['alerts delivered / expected', `${result.alertsDelivered} / ${result.alertsExpected}`],
    ['alerts duplicated / lost / unexpected', `${result.alertsDuplicated} / ${result.alertsLost} / ${result.alertsUnexpected}`],
    [
      'daily digests delivered / expected (clock moved to DIGEST_HOUR)',
      `${result.digestsDelivered} / ${result.digestsExpected} (${result.digestChannels} channels)`,
    ],
    [
      'digest articles lost / listed twice / unexpected digests',
      `${result.digestArticlesLost} / ${result.digestArticlesDuplicated} / ${result.digestsUnexpected}`,
    ],
    ['alert lag (file written → posted) p50 / p99', `${ms(percentile(lags, 50))} / ${ms(percentile(lags, 99))}`],
    ...(['toLoaded', 'toMatched', 'toFirstAlert', 'toLastAlert'] as const).map((k): [string, string] => {
      const sorted = [...result.alertStages[k]].sort((a, b) => a - b);
      const label = {
        toLoaded: 'file written → read by the watcher',
        toMatched: 'file written → indexed and matched',
        toFirstAlert: 'file written → first alert of the article',
        toLastAlert: 'file written → last alert of the article',
      }[k];
      return [`${label} p50 / max`, `${ms(percentile(sorted, 50))} / ${ms(sorted.at(-1) ?? Number.NaN)}`];
    }),
    [
      'matching one article against the topics p50 / max',
      (() => {
        const sorted = [...result.alertStages.matchMs].sort((a, b) => a - b);
        return `${(percentile(sorted, 50) || 0).toFixed(2)} ms / ${(sorted.at(-1) ?? 0).toFixed(2)} ms`;
      })(),
    ],
    ['memory at the end: rss / heapUsed', `${mb(result.memory.rss)} / ${mb(result.memory.heapUsed)}`],
    ['peak rss during the run', mb(result.peakRss)],
    ['event-loop delay p99 / max', `${ms(result.eventLoopDelayP99Ms)} / ${ms(result.eventLoopDelayMaxMs)}`],
    [
      'interaction_failed / command_failed / other error lines',
      `${result.logCounts.interaction_failed ?? 0} / ${result.logCounts.command_failed ?? 0} / ${Object.entries(result.logCounts)
        .filter(([k]) => !['interaction_failed', 'command_failed'].includes(k))
        .reduce((n, [k, v]) => n + (/(failed|error|given_up)$/.test(k) ? v : 0), 0)}`,
    ],
  ];
  const lines = [`### Load test: ${library}`, '', '| figure | value |', '|---|---:|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''];

  const kinds = [...new Set(asks.map((a) => a.kind))];
  lines.push(
    '| question kind | asks | answered with quotes | "No good answer" | read as follow-up | ack p50 / p99 | full reply p50 / p99 |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const kind of kinds) {
    const mine = asks.filter((a) => a.kind === kind);
    const a = mine
      .map((x) => x.ackMs)
      .filter((v): v is number => v !== null)
      .sort((x, y) => x - y);
    const r = mine
      .map((x) => x.replyMs)
      .filter((v): v is number => v !== null)
      .sort((x, y) => x - y);
    const noAnswer = mine.filter((x) => x.title === 'No good answer').length;
    const quoted = mine.filter((x) => x.title !== null && x.title !== 'No good answer').length;
    lines.push(
      `| ${kind} | ${mine.length} | ${quoted} | ${noAnswer} | ${mine.filter((x) => x.followUp).length} | ${ms(percentile(a, 50))} / ${ms(percentile(a, 99))} | ${ms(percentile(r, 50))} / ${ms(percentile(r, 99))} |`,
    );
  }
  lines.push('');
  lines.push(result.failures.length === 0 ? 'All expectations held.' : `FAILED:\n${result.failures.map((f) => `- ${f}`).join('\n')}`);
  if (result.errorLines.length > 0) lines.push('', 'First error lines:', ...result.errorLines.map((l) => `    ${l}`));
  return lines.join('\n');
}

function parseArgs(argv: string[]): LoadOptions & { json: boolean } {
  const options = { ...(argv.includes('--quick') ? quickOptions : fullOptions), json: false };
  const numeric: Record<string, keyof LoadOptions> = {
    '--asks': 'asks',
    '--channels': 'channels',
    '--guilds': 'guilds',
    '--users': 'users',
    '--concurrency': 'concurrency',
    '--articles': 'libraryArticles',
    '--article-every-ms': 'articleEveryMs',
    '--min-landing': 'minLanding',
    '--max-landing': 'maxLanding',
    '--vote-every': 'voteEvery',
    '--seed': 'seed',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') continue;
    if (arg === '--json') {
      options.json = true;
      continue;
    }
    if (arg === '--quiet') {
      options.verbose = false;
      continue;
    }
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const key = numeric[flag];
    const value = Number(inline ?? argv[++i]);
    if (!key || !Number.isInteger(value) || value < 0)
      throw new Error(`unknown flag or bad value: ${arg} (flags: --quick, --json, --quiet, ${Object.keys(numeric).join(', ')})`);
    (options as unknown as Record<string, number>)[key] = value;
  }
  if (options.libraryArticles === 0) options.libraryArticles = null;
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // The run is bounded by its loops and timeouts; this is the last resort.
  const watchdog = setTimeout(() => {
    process.stderr.write('[loadtest] did not finish within 30 minutes; giving up\n');
    process.exit(3);
  }, 30 * 60_000);
  watchdog.unref();
  const result = await runLoadTest(options);
  process.stdout.write(`${options.json ? JSON.stringify({ ...result, asks: undefined }, null, 2) : formatReport(result)}\n`);
  process.exit(result.failures.length === 0 ? 0 : 1);
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    process.stderr.write(`[loadtest] ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  });
}
