import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeDiscord, type FakeDiscord, type FakeGuild } from '../fakeDiscord';
import { articlesDir, GENERAL, GUILD, TEST_TOKEN } from '../helpers/bot';
import { killStarted, startManager } from '../helpers/shardManagerProcess';

let fake: FakeDiscord | undefined;

afterEach(async () => {
  killStarted();
  await fake?.close();
  fake = undefined;
});

// Discord routes a guild to shard (guild_id >> 22) % 2: the default guild to shard 1 (the second child), this one to shard 0.
const OTHER_GUILD = '2000000000004194304';
const OTHER_CHANNEL = '3000000000000000101';
const guilds: FakeGuild[] = [
  { id: GUILD, name: 'Shard one', channels: [{ id: GENERAL, name: 'general' }] },
  { id: OTHER_GUILD, name: 'Shard zero', channels: [{ id: OTHER_CHANNEL, name: 'general' }] },
];
const onChild0 = { guildId: OTHER_GUILD, channelId: OTHER_CHANNEL };
const onChild1 = { guildId: GUILD, channelId: GENERAL };

/** Each /ask from its own user: /ask's cooldown is per user. */
let asker = 0;
const ask = (place: typeof onChild0) =>
  fake!
    .sendCommand(
      'ask',
      { question: 'Who chairs the CPTPP working group?' },
      { ...place, userId: String(400000000000000000n + BigInt(++asker)) },
    )
    .waitForReply(30_000);

const ASKED = 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}';

/** The value of one series in Prometheus text, NaN when it is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
}

/** One scrape, bounded: a /metrics that hung would fail here rather than hold the test to its own timeout. */
async function scrape(url: string): Promise<{ text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(30_000) });
  expect(response.status).toBe(200);
  return { text: await response.text(), ms: performance.now() - started };
}

/** A manager of two children against a fresh fake Discord, serving /metrics on a free port, once both shards are ready. */
async function startTwoChildren(env: Record<string, string> = {}) {
  fake = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500, shards: 2, guilds });
  const bot = startManager({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    ARTICLES_DIR: articlesDir(),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'pd-shardmetrics-')),
    METRICS_PORT: '0',
    ...env,
  });
  const [ready] = await bot.waitForLog('shards_ready', 1, 240_000);
  return { bot, url: ready!.metrics as string };
}

describe('/metrics of a bot in several processes (SHARD_PROCESSES with METRICS_PORT)', () => {
  it("sums the children's counters, and a child that does not answer in time neither hangs the scrape nor hides the other's", {
    timeout: 420_000,
  }, async () => {
    const { bot, url } = await startTwoChildren();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const before = (await scrape(url)).text;
    expect(sample(before, ASKED)).toBeNaN();
    expect(sample(before, 'policy_desk_shard_processes_running')).toBe(2);

    // An /ask in a guild of each child: each child counts one, the manager's /metrics says 2.
    for (const place of [onChild0, onChild1]) {
      const reply = await ask(place);
      expect(reply.data.embeds?.[0]?.description).toContain('Tokyo chairs the CPTPP London membership working group.');
    }
    // The interaction line, which the counter is made from, follows the reply.
    const both = await vi.waitFor(
      async () => {
        const { text } = await scrape(url);
        expect(sample(text, ASKED)).toBe(2);
        // From both children's answers to this scrape, not one's last count.
        expect(sample(text, 'policy_desk_shard_scrape_errors')).toBe(0);
        return text;
      },
      { timeout: 30_000, interval: 200 },
    );
    const answered = await bot.waitForLog('interaction', 2);
    expect(answered.map((l) => [l.outcome, l.shardIds]).sort()).toEqual([
      ['answer', [0]],
      ['answer', [1]],
    ]);
    expect(sample(both, 'policy_desk_command_reply_seconds_count{kind="command",command="ask"}')).toBe(2);
    expect(sample(both, 'policy_desk_command_reply_seconds_bucket{le="+Inf",kind="command",command="ask"}')).toBe(2);
    expect(sample(both, 'policy_desk_library_articles')).toBe(1);
    expect(sample(both, 'policy_desk_gateway_connected')).toBe(1);
    for (const process of ['0', '1', 'manager'])
      expect(sample(both, `policy_desk_process_resident_memory_bytes{shard_process="${process}"}`)).toBeGreaterThan(0);
    expect(sample(both, 'policy_desk_shard_metrics_up{shard_process="0"}')).toBe(1);
    expect(sample(both, 'policy_desk_shard_metrics_up{shard_process="1"}')).toBe(1);
    expect(sample(both, 'policy_desk_shard_scrape_errors')).toBe(0);

    // The time a scrape takes to gather 2 children's metrics, for the record (not a test: the machine is shared).
    const times: { gather: number; http: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const { text, ms } = await scrape(url);
      times.push({ gather: sample(text, 'policy_desk_shard_scrape_seconds') * 1000, http: ms });
    }
    console.info(
      `scrape with 2 children, 5 scrapes: gathering ${times.map((t) => t.gather.toFixed(1)).join(', ')} ms; whole /metrics ${times.map((t) => t.http.toFixed(1)).join(', ')} ms`,
    );

    // The second child stops answering (SIGSTOP: alive, connected, silent).
    const child1 = bot.lines.find((l) => l.event === 'shard_process_started' && l.process === 1)!.pid as number;
    const linesBefore = bot.lines.length;
    process.kill(child1, 'SIGSTOP');
    try {
      const reply = await ask(onChild0);
      expect(reply.data.embeds?.[0]?.description).toContain('Tokyo chairs the CPTPP London membership working group.');
      const stuck = await vi.waitFor(
        async () => {
          const { text, ms } = await scrape(url);
          // The first child's new /ask, with the second child's last count: the sum does not go back.
          expect(sample(text, ASKED)).toBe(3);
          return { text, ms };
        },
        { timeout: 30_000, interval: 200 },
      );
      console.info(`scrape with the second child stopped: ${stuck.ms.toFixed(0)} ms`);
      // It waited for the child up to the manager's timeout (3 s by default), and no longer than a bounded while after it.
      expect(sample(stuck.text, 'policy_desk_shard_scrape_seconds')).toBeGreaterThanOrEqual(2.9);
      expect(sample(stuck.text, 'policy_desk_shard_scrape_seconds')).toBeLessThan(15);
      expect(sample(stuck.text, 'policy_desk_shard_scrape_errors')).toBe(1);
      expect(sample(stuck.text, 'policy_desk_shard_metrics_up{shard_process="0"}')).toBe(1);
      expect(sample(stuck.text, 'policy_desk_shard_metrics_up{shard_process="1"}')).toBe(0);
      expect(sample(stuck.text, 'policy_desk_gateway_connected')).toBe(0);
      expect(sample(stuck.text, 'policy_desk_process_resident_memory_bytes{shard_process="0"}')).toBeGreaterThan(0);
      expect(stuck.text).not.toContain('policy_desk_process_resident_memory_bytes{shard_process="1"}');
      expect(bot.lines.slice(linesBefore).filter((l) => l.event === 'shard_metrics_missing' && l.process === 1)).toEqual([
        expect.objectContaining({ reason: 'no answer within 3000 ms' }),
      ]);
    } finally {
      process.kill(child1, 'SIGCONT');
    }

    // Going again: back in the scrape, and its late answer to the scrape that gave up on it changed nothing.
    const back = await vi.waitFor(
      async () => {
        const { text } = await scrape(url);
        expect(sample(text, 'policy_desk_shard_scrape_errors')).toBe(0);
        return text;
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(sample(back, ASKED)).toBe(3);
    expect(sample(back, 'policy_desk_gateway_connected')).toBe(1);
    await vi.waitFor(() =>
      expect(bot.lines.slice(linesBefore).filter((l) => l.event === 'shard_metrics_back' && l.process === 1)).toHaveLength(1),
    );

    // A child killed outright while a scrape waits for it (stopped first, so it cannot answer before it dies): the scrape
    // stops waiting when it dies, not at the 3 s timeout. It is started again, counted as a restart, and its old life's
    // count stays in the sum.
    process.kill(child1, 'SIGSTOP');
    const waiting = scrape(url);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    process.kill(child1, 'SIGKILL');
    const during = await waiting;
    console.info(`scrape with the second child killed 1 s into it: ${during.ms.toFixed(0)} ms`);
    expect(sample(during.text, 'policy_desk_shard_scrape_seconds')).toBeLessThan(2.5);
    expect(sample(during.text, 'policy_desk_shard_metrics_up{shard_process="1"}')).toBe(0);
    expect(sample(during.text, ASKED)).toBe(3);
    await vi.waitFor(() => expect(bot.lines.filter((l) => l.event === 'ready' && JSON.stringify(l.shardIds) === '[1]')).toHaveLength(2), {
      timeout: 180_000,
      interval: 200,
    });
    const reply = await ask(onChild1);
    expect(reply.data.embeds?.[0]?.description).toContain('Tokyo chairs the CPTPP London membership working group.');
    const restarted = await vi.waitFor(
      async () => {
        const { text } = await scrape(url);
        expect(sample(text, 'policy_desk_shard_metrics_up{shard_process="1"}')).toBe(1);
        expect(sample(text, ASKED)).toBe(4);
        return text;
      },
      { timeout: 60_000, interval: 200 },
    );
    expect(sample(restarted, 'policy_desk_shard_process_restarts_total{shard_process="1"}')).toBe(1);
    expect(sample(restarted, 'policy_desk_shard_process_restarts_total{shard_process="0"}')).toBe(0);
    expect(sample(restarted, 'policy_desk_shard_processes_running')).toBe(2);

    bot.manager.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('waits for a stopped child only as long as METRICS_WAIT_SECONDS says', { timeout: 300_000 }, async () => {
    const { bot, url } = await startTwoChildren({ METRICS_WAIT_SECONDS: '1' });
    // Both children answer first: the short wait is not what leaves a live child out.
    await vi.waitFor(async () => expect(sample((await scrape(url)).text, 'policy_desk_shard_scrape_errors')).toBe(0), {
      timeout: 30_000,
      interval: 200,
    });

    const child1 = bot.lines.find((l) => l.event === 'shard_process_started' && l.process === 1)!.pid as number;
    process.kill(child1, 'SIGSTOP');
    try {
      const { text, ms } = await scrape(url);
      console.info(`scrape with the second child stopped, METRICS_WAIT_SECONDS=1: ${ms.toFixed(0)} ms`);
      // It waited the second it was given, and returned well before the 3 s it would have waited by default.
      expect(sample(text, 'policy_desk_shard_scrape_seconds')).toBeGreaterThanOrEqual(0.95);
      expect(sample(text, 'policy_desk_shard_scrape_seconds')).toBeLessThan(2.5);
      expect(ms).toBeLessThan(2_900);
      expect(sample(text, 'policy_desk_shard_metrics_up{shard_process="0"}')).toBe(1);
      expect(sample(text, 'policy_desk_shard_metrics_up{shard_process="1"}')).toBe(0);
      await vi.waitFor(() =>
        expect(bot.lines.filter((l) => l.event === 'shard_metrics_missing' && l.process === 1)).toEqual([
          expect.objectContaining({ reason: 'no answer within 1000 ms' }),
        ]),
      );
    } finally {
      process.kill(child1, 'SIGCONT');
    }

    bot.manager.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
