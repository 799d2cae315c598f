import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GENERAL, GUILD, type Harness, MANAGE_CHANNELS, NEWS, startHarness } from '../helpers/bot';
import { article, CHANNEL_POST, events, sleep, TAIWAN_ARTICLE } from './helpers';

// discord.js's REST timeout (15 s) shortened to 1 s on the bot's client, so timeouts fit in a test.
vi.mock('../../src/discord/client', async (importOriginal) =>
  (await import('./helpers')).withRestTimeout(await importOriginal<typeof import('../../src/discord/client')>(), 1000),
);

let harness: Harness | undefined;
afterEach(async () => {
  const unhandled = harness?.fake.unhandled.map((r) => `${r.method} ${r.path}`) ?? [];
  expect(unhandled).toEqual([]);
  harness = undefined;
});

async function subscribed(channels: string[] = [GENERAL]): Promise<Harness> {
  const h = (harness = await startHarness());
  for (const channelId of channels) {
    const reply = await h.fake
      .sendCommand('subscribe', { topic: 'Taiwan Strait' }, { channelId, permissions: MANAGE_CHANNELS })
      .waitForReply();
    expect(reply.data.embeds![0]!.title).toBe('Subscribed: “Taiwan Strait”');
  }
  return h;
}

const posts = (h: Harness, channelId: string) =>
  h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);

/** The alert arrived exactly once, was recorded as sent, and every attempt carried the same nonce. */
async function expectDeliveredOnce(h: Harness, channelId: string): Promise<void> {
  await h.fake.waitForChannelMessages(channelId, 1, 10_000);
  await vi.waitFor(
    async () => {
      const [row] = await h.bot.app.services.alerts.list({ guildId: GUILD, channelId });
      expect(row!.subscription.alertsSent).toBe(1);
      expect(row!.waiting).toBe(0);
    },
    { timeout: 15_000 },
  );
  await sleep(400); // a few retry ticks (100 ms) for a duplicate to show up, were there one
  expect(h.fake.channelMessages(channelId)).toHaveLength(1);
  const nonces = new Set(posts(h, channelId).map((r) => (r.body as { nonce: string }).nonce));
  expect(nonces.size).toBe(1);
}

describe('REST faults on alert posts', () => {
  it('429 with retry-after: discord.js waits as told and posts the alert once, in each channel', async () => {
    const h = await subscribed([GENERAL, NEWS]);
    h.fake.failNext({ method: 'POST', path: CHANNEL_POST }, { status: 429, headers: { 'retry-after': '0.5' } }, 2);
    writeFileSync(join(h.config.articlesDir, 'strait.md'), TAIWAN_ARTICLE);
    await expectDeliveredOnce(h, GENERAL);
    await expectDeliveredOnce(h, NEWS);
    expect([...posts(h, GENERAL), ...posts(h, NEWS)].map((r) => r.status).sort()).toEqual([200, 200, 429, 429]);
    // discord.js absorbed the 429s: the alert service saw one successful post per alert.
    expect(events(h, 'alert_retry')).toEqual([]);
    expect(events(h, 'alert_sent')).toHaveLength(2);
  });

  it('500s beyond discord.js’s retries: the alert service retries later with the same nonce; posted once, not lost', async () => {
    const h = await subscribed();
    h.fake.failNext({ method: 'POST', path: CHANNEL_POST }, { status: 500 }, 9);
    writeFileSync(join(h.config.articlesDir, 'strait.md'), TAIWAN_ARTICLE);
    await expectDeliveredOnce(h, GENERAL);
    expect(events(h, 'alert_retry').map((l) => l.reason)).toEqual(['Discord answered 500', 'Discord answered 500']);
    expect(events(h, 'alert_sent')).toMatchObject([{ attempts: 3 }]);
    expect(posts(h, GENERAL).map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 500, 500, 500, 500, 200]);
  });

  it('a post Discord took but whose answer never came back (timeouts), then a reset: retried with the nonce, shown once', async () => {
    const h = await subscribed();
    // Every discord.js attempt times out, but "Discord" creates the message after each one: the first
    // creates it, the later ones and the alert service's retry get the same message back (enforce_nonce).
    h.fake.failNext({ method: 'POST', path: CHANNEL_POST }, { holdAnswerMs: 1300 }, 4);
    h.fake.failNext({ method: 'POST', path: CHANNEL_POST }, { networkError: true }, 1);
    writeFileSync(join(h.config.articlesDir, 'strait.md'), TAIWAN_ARTICLE);
    await expectDeliveredOnce(h, GENERAL);
    expect(events(h, 'alert_retry').map((l) => l.reason)).toEqual(['Discord did not answer in time', 'other side closed']);
    expect(events(h, 'alert_sent')).toMatchObject([{ attempts: 3 }]);
    expect(posts(h, GENERAL)).toHaveLength(6);
  });

  it('alerts fire while the gateway is down and the REST answers 502 and 429: each delivered once', async () => {
    const h = await subscribed([GENERAL, NEWS]);
    const back = h.fake.dropConnection('abrupt');
    h.fake.failNext({ method: 'POST', path: CHANNEL_POST }, { status: 502 }, 5);
    h.fake.failNext({ method: 'POST', path: CHANNEL_POST }, { status: 429, headers: { 'retry-after': '0.2' } }, 2);
    writeFileSync(join(h.config.articlesDir, 'strait.md'), TAIWAN_ARTICLE);
    writeFileSync(
      join(h.config.articlesDir, 'strait-2.md'),
      article('strait-2', 'More strait news', 'More warships crossed the Taiwan Strait on Wednesday, officials said.'),
    );
    expect(await back).toBe('resumed');
    await h.fake.waitForChannelMessages(GENERAL, 2, 10_000);
    await h.fake.waitForChannelMessages(NEWS, 2, 10_000);
    await h.bot.app.services.alerts.idle();
    await sleep(400);
    for (const channelId of [GENERAL, NEWS]) {
      const urls = h.fake
        .channelMessages(channelId)
        .map((m) => m.embeds[0]!.url)
        .sort();
      expect(urls).toEqual(['https://example.org/strait', 'https://example.org/strait-2']);
    }
  });
});
