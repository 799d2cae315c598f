import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config';
import { GENERAL, startHarness, type Harness } from '../helpers/bot';
import { askSeed, expectSeedAnswer, sleep } from '../faults/helpers';
import { rss, serve, type TestServer } from '../feeds/helpers';

let harness: Harness | undefined;
let feedServer: TestServer | undefined;
afterEach(async () => {
  await harness?.close();
  await feedServer?.close();
  harness = undefined;
  feedServer = undefined;
});

const get = async (h: Harness, path: string) => {
  const response = await fetch(`${h.bot.metricsUrl!}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

/** The value of one series in Prometheus text, 0 when it is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function healthWithin(h: Harness, status: number, timeoutMs: number): Promise<{ status: number; text: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await get(h, '/healthz');
    if (health.status === status || Date.now() > deadline) return health;
    await sleep(50);
  }
}

describe('health and metrics (METRICS_PORT)', () => {
  it('are off unless METRICS_PORT is set, and bound to 127.0.0.1 by default', async () => {
    expect(loadConfig({}).metricsPort).toBeNull();
    expect(loadConfig({ METRICS_PORT: '9464' })).toMatchObject({ metricsPort: 9464, metricsHost: '127.0.0.1' });
    expect(() => loadConfig({ METRICS_PORT: 'on' })).toThrow(/METRICS_PORT must be a whole number from 0 to 65535/);
    harness = await startHarness();
    expect(harness.bot.metricsUrl).toBeUndefined();
  });

  it('count an /ask by command and outcome and time its first response and full reply', async () => {
    const h = (harness = await startHarness({ METRICS_PORT: '0' }));
    expect(h.bot.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const before = await get(h, '/metrics');
    expect(before.type).toMatch(/^text\/plain/);
    expect(sample(before.text, 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}')).toBe(0);
    expect(sample(before.text, 'policy_desk_library_articles')).toBe(1);
    expect(sample(before.text, 'policy_desk_library_sentences')).toBeGreaterThan(10);
    expect(sample(before.text, 'policy_desk_gateway_connected')).toBe(1);
    expect(before.text).toContain('policy_desk_process_cpu_seconds_total');

    expectSeedAnswer((await askSeed(h)).reply);
    await h.fake.sendCommand('ask', { question: 'recipe for chocolate cake' }).waitForReply(10_000);
    await sleep(100);
    const after = (await get(h, '/metrics')).text;
    expect(sample(after, 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}')).toBe(1);
    expect(sample(after, 'policy_desk_commands_total{kind="command",command="ask",outcome="none"}')).toBe(1);
    expect(sample(after, 'policy_desk_command_first_response_seconds_count{kind="command",command="ask"}')).toBe(2);
    expect(sample(after, 'policy_desk_command_reply_seconds_count{kind="command",command="ask"}')).toBe(2);
    // /ask defers at once, so its first response comes no later than its full reply.
    expect(sample(after, 'policy_desk_command_first_response_seconds_sum{kind="command",command="ask"}')).toBeLessThanOrEqual(
      sample(after, 'policy_desk_command_reply_seconds_sum{kind="command",command="ask"}'),
    );
    expect(sample(after, 'policy_desk_command_reply_seconds_bucket{le="+Inf",kind="command",command="ask"}')).toBe(2);
  });

  it('/healthz turns 503 while the gateway is down and 200 when it is back, counting the reconnect', async () => {
    const h = (harness = await startHarness({ METRICS_PORT: '0' }));
    const up = await get(h, '/healthz');
    expect(up.status).toBe(200);
    expect(JSON.parse(up.text)).toEqual({ status: 'ok', gateway: 'connected', library: 'loaded' });

    h.fake.refuseConnections = true;
    const back = h.fake.dropConnection('abrupt');
    const down = await healthWithin(h, 503, 5000);
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text)).toEqual({ status: 'unavailable', gateway: 'disconnected', library: 'loaded' });
    // Still down while Discord turns the bot away.
    await sleep(500);
    expect((await get(h, '/healthz')).status).toBe(503);

    h.fake.refuseConnections = false;
    // After failed connection attempts discord.js may start a new session rather than resume.
    expect(['resumed', 'identified']).toContain(await back);
    expect((await healthWithin(h, 200, 10_000)).status).toBe(200);
    expectSeedAnswer((await askSeed(h)).reply);
    expect(sample((await get(h, '/metrics')).text, 'policy_desk_gateway_reconnects_total')).toBeGreaterThanOrEqual(1);
    expect((await get(h, '/nope')).status).toBe(404);
  });

  it('count feed fetches by result and the alerts a feed item posts', async () => {
    const item = (n: number) => ({
      guid: `item-${n}`,
      title: `Report ${n}: Taiwan Strait`,
      link: `https://news.example.org/${n}`,
      date: `2024-05-0${n}T09:00:00Z`,
      description: `<p>Warships crossed the Taiwan Strait on day ${n}, the ministry said.</p>`,
    });
    let items = [item(1)];
    let failing = false;
    feedServer = await serve((_req, res) => {
      if (failing) return void res.writeHead(500).end('down');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Strait Watch', items));
    });
    const h = (harness = await startHarness(
      { METRICS_PORT: '0', FEEDS_ALLOW_PRIVATE: 'true' },
      { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, feedIntervalMs: 150, feedTickMs: 50 },
    ));
    await h.fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: String(1 << 4) }).waitForReply();
    await h.fake
      .sendCommand('feed', [{ type: 1, name: 'add', options: [{ type: 3, name: 'url', value: `${feedServer.base}/feed.xml` }] }], {
        permissions: String(1 << 5),
      })
      .waitForReply();
    items = [item(2), item(1)];
    await h.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    failing = true;
    await vi.waitFor(
      async () => {
        const text = (await get(h, '/metrics')).text;
        expect(sample(text, 'policy_desk_feed_fetches_total{result="ok"}')).toBeGreaterThanOrEqual(1);
        expect(sample(text, 'policy_desk_feed_fetches_total{result="http_status"}')).toBeGreaterThanOrEqual(1);
        expect(sample(text, 'policy_desk_alerts_posted_total')).toBe(1);
        expect(sample(text, 'policy_desk_alerts_waiting')).toBe(0);
        expect(sample(text, 'policy_desk_library_articles')).toBe(2);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
