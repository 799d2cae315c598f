import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type FakeGuild } from '../fakeDiscord';
import { DEFAULT_USER_ID } from '../fakeDiscord';
import { linkTarget } from '../../src/discord/sanitize';
import { articlesDir, GENERAL, GUILD, TEST_TOKEN } from '../helpers/bot';
import { killStarted, startManager } from '../helpers/shardManagerProcess';
import { rss, serve, type Item, type TestServer } from '../feeds/helpers';
import { sleep, TAIWAN_ARTICLE } from '../faults/helpers';

let fake: FakeDiscord | undefined;
let feedServer: TestServer | undefined;

afterEach(async () => {
  killStarted();
  await fake?.close();
  await feedServer?.close();
  fake = undefined;
  feedServer = undefined;
});

const MANAGE_CHANNELS = String(1 << 4);
const MANAGE_GUILD = String(1 << 5);
// Discord routes a guild to shard (guild_id >> 22) % 2: the default guild to shard 1, this one to shard 0.
const OTHER_GUILD = '2000000000004194304';
const OTHER_CHANNEL = '3000000000000000101';
const shardOf = (guildId: string) => Number((BigInt(guildId) >> 22n) % 2n);
const guilds: FakeGuild[] = [
  { id: GUILD, name: 'Shard one', channels: [{ id: GENERAL, name: 'general' }] },
  { id: OTHER_GUILD, name: 'Shard zero', channels: [{ id: OTHER_CHANNEL, name: 'general' }] },
];
const places = [
  { guildId: GUILD, channelId: GENERAL },
  { guildId: OTHER_GUILD, channelId: OTHER_CHANNEL },
];
const item = (n: number): Item => ({
  guid: `item-${n}`,
  title: `Report ${n}: Taiwan Strait`,
  link: `https://news.example.org/${n}`,
  date: `2024-05-${String(n).padStart(2, '0')}T09:00:00Z`,
  description: `<p>Warships crossed the Taiwan Strait on day ${n}, the ministry said.</p><p>Officials in Taipei called it routine.</p>`,
});

const posts = (channelId: string) => fake!.channelMessages(channelId).map((m) => m.embeds[0]?.title);

describe('shards in several processes (SHARD_PROCESSES)', () => {
  it('takes SHARD_PROCESSES from 1 to 64, never more than a fixed SHARD_COUNT', async () => {
    const { loadConfig } = await import('../../src/config');
    expect(loadConfig({}).shardProcesses).toBe(1);
    expect(loadConfig({ SHARD_PROCESSES: '2' }).shardProcesses).toBe(2);
    expect(loadConfig({ SHARD_PROCESSES: '2', SHARD_COUNT: '4' }).shardProcesses).toBe(2);
    expect(() => loadConfig({ SHARD_PROCESSES: '3', SHARD_COUNT: '2' })).toThrow(
      'SHARD_PROCESSES (3) cannot be more than SHARD_COUNT (2): each process holds at least one shard',
    );
    expect(() => loadConfig({ SHARD_PROCESSES: 'two' })).toThrow('SHARD_PROCESSES must be a whole number from 1 to 64 (got "two")');
  });

  it('answers and alerts in guilds on both processes, forwards /feed to the poller, alerts a feed item once, survives a killed child and a restart', {
    timeout: 480_000,
  }, async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500, shards: 2, guilds });
    let items: Item[] = [item(1)];
    feedServer = await serve(
      (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Strait Watch', items)),
    );
    const articles = articlesDir();
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-shardproc-'));
    const env = {
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      ARTICLES_DIR: articles,
      DATA_DIR: dataDir,
      FEEDS_ALLOW_PRIVATE: 'true',
      OWNER_IDS: DEFAULT_USER_ID,
    };

    const first = startManager(env);
    await first.waitForLog('shards_ready', 1, 240_000);
    // Two children, each identified with one shard of two (SHARD_COUNT auto: Discord's recommended 2).
    expect(fake.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(readFileSync(join(dataDir, 'policy-desk.lock'), 'utf8')).toContain(`"pid":${first.manager.pid}`);

    for (const place of places) {
      const reply = await fake.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }, place).waitForReply(30_000);
      expect(reply.data.embeds?.[0]?.description).toContain('Tokyo chairs the CPTPP London membership working group.');
      const subscribed = await fake
        .sendCommand('subscribe', { topic: 'Taiwan Strait' }, { ...place, permissions: MANAGE_CHANNELS })
        .waitForReply(30_000);
      expect(subscribed.data.embeds?.[0]?.title).toBe('Subscribed: “Taiwan Strait”');
    }
    // Each guild's commands were answered by a different process: each wrote only its own guild's files.
    expect(
      readdirSync(join(dataDir, 'alerts'))
        .filter((name) => name.startsWith('guild-'))
        .sort(),
    ).toEqual([`guild-${GUILD}.json`, `guild-${OTHER_GUILD}.json`].sort());

    // An article dropped into the folder: one alert in each guild, each posted by the process that owns it.
    writeFileSync(join(articles, 'strait.md'), TAIWAN_ARTICLE);
    for (const place of places) await fake.waitForChannelMessages(place.channelId, 1, 60_000);

    // A feed for every server, added from the guild on shard 1: the process holding shard 0 follows it.
    const feedUrl = `${feedServer.base}/feed.xml`;
    const addForAll = () =>
      fake!
        .sendCommand(
          'feed',
          [
            {
              type: 1,
              name: 'add',
              options: [
                { type: 3, name: 'url', value: feedUrl },
                { type: 3, name: 'scope', value: 'all' },
              ],
            },
          ],
          { guildId: GUILD, channelId: GENERAL, permissions: MANAGE_GUILD },
        )
        .waitForReply(30_000);
    const added = await addForAll();
    expect(added.data.embeds?.[0]?.title).toBe('Following Strait Watch');
    const again = await addForAll();
    expect(again.data.embeds?.[0]?.description).toContain('already followed');
    for (const place of places) {
      const listed = await fake
        .sendCommand('feed', [{ type: 1, name: 'list', options: [] }], { ...place, permissions: MANAGE_GUILD })
        .waitForReply(30_000);
      // The feed's address, checked when it was added, is a link.
      expect(listed.data.embeds?.[0]?.description ?? JSON.stringify(listed.data.embeds)).toContain(`<${linkTarget(feedUrl)}>`);
    }

    // SIGTERM to the manager stops both children and itself, cleanly.
    first.manager.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.lines.filter((l) => l.event === 'stopped').length).toBe(3);
    expect(existsSync(join(dataDir, 'policy-desk.lock'))).toBe(false);
    expect(
      readdirSync(join(dataDir, 'alerts'))
        .filter((name) => name.startsWith('processed'))
        .sort(),
    ).toEqual(['processed-shard-0.json', 'processed-shard-1.json']);

    // A new item, and the feed due at once (the shortest poll interval is a minute).
    items = [item(2), item(1)];
    const feedsFile = join(dataDir, 'feeds.json');
    const state = JSON.parse(readFileSync(feedsFile, 'utf8')) as { feeds: { nextFetchAt: string }[] };
    state.feeds[0]!.nextFetchAt = new Date(0).toISOString();
    writeFileSync(feedsFile, JSON.stringify(state));

    const second = startManager({ ...env, METRICS_PORT: '0' });
    const [up] = await second.waitForLog('shards_ready', 1, 240_000);
    // The manager answers the health check for its children.
    await vi.waitFor(async () => expect((await fetch(`${up!.metrics as string}/healthz`)).status).toBe(200), { timeout: 60_000 });
    for (const place of places) await fake.waitForChannelMessages(place.channelId, 2, 60_000);
    // The posts' log lines too, before a child is killed: a child's output is a pipe, and SIGKILL drops what it has not yet written.
    await second.waitForLog('alert_sent', 2, 60_000);

    // A child killed outright is started again by the manager and answers, with what it acknowledged before.
    const before = await fake.sendCommand('ask', { question: 'What did Kishida promise?' }, places[0]).waitForReply(30_000);
    expect(before.data.embeds?.[0]?.description).toContain('Kishida promised');
    const startedBefore = second.lines.filter((l) => l.event === 'shard_process_started');
    const one = startedBefore.find((l) => l.process === 1)!;
    process.kill(one.pid as number, 'SIGKILL');
    await second.waitForLog('shard_process_died', 1, 60_000);
    await vi.waitFor(() => expect(second.lines.filter((l) => l.event === 'shard_process_started' && l.process === 1).length).toBe(2), {
      timeout: 120_000,
    });
    await vi.waitFor(
      async () => {
        const reply = await fake!.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }, places[0]).waitForReply(5_000);
        expect(reply.data.embeds?.[0]?.description).toContain('Tokyo chairs the CPTPP London membership working group.');
      },
      { timeout: 120_000, interval: 1000 },
    );
    await vi.waitFor(async () => expect((await fetch(`${up!.metrics as string}/healthz`)).status).toBe(200), { timeout: 60_000 });
    const history = await fake.sendCommand('history', [{ type: 1, name: 'show', options: [] }], places[0]).waitForReply(30_000);
    expect(history.data.embeds?.[0]?.description).toContain('What did Kishida promise?');

    // Room for a second post to show up, were there one: each channel had the article and the feed item, once each, across the restarts.
    await sleep(1500);
    for (const place of places) expect(posts(place.channelId)).toEqual(['Strait tensions rise', 'Report 2: Taiwan Strait']);
    // Each guild's commands were answered, and its alerts posted, by the process holding its shard; nothing was paused or retried.
    const lines = [...first.lines, ...second.lines];
    for (const event of ['interaction', 'alert_sent']) {
      const seen = lines.filter((l) => l.event === event);
      expect(seen.length, event).toBeGreaterThan(0);
      for (const l of seen) expect(l.shardIds, `${event} ${JSON.stringify(l)}`).toEqual([shardOf(l.guild as string)]);
    }
    expect(lines.filter((l) => l.event === 'alert_sent')).toHaveLength(4);
    expect(
      lines.filter((l) =>
        ['subscriptions_paused', 'alert_retry', 'alert_given_up', 'feed_articles_not_received', 'shard_message_lost'].includes(
          l.event as string,
        ),
      ),
    ).toEqual([]);

    // A manager killed outright cannot stop its children: they stop by themselves when it is gone.
    const children = second.lines.filter((l) => l.event === 'shard_process_started').map((l) => l.pid as number);
    second.manager.kill('SIGKILL');
    await second.exited;
    const running = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await vi.waitFor(() => expect(children.filter(running)).toEqual([]), { timeout: 30_000, interval: 200 });
  });
});
