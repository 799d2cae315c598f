import { describe, expect, it, vi } from 'vitest';
import { GENERAL, GUILD, MANAGE_CHANNELS, MANAGE_GUILD, NEWS, startHarness } from '../helpers/bot';
import { rss, serve, type Item } from '../feeds/helpers';

const item = (n: number, about: string): Item => ({
  guid: `item-${n}`,
  title: `Report ${n}: ${about}`,
  link: `https://news.example.org/${n}`,
  date: `2024-05-${String(n).padStart(2, '0')}T09:00:00Z`,
  description: `<p>Warships crossed the ${about} on day ${n}, the ministry said.</p><p>Officials called it routine.</p>`,
});

describe('feeds through Discord', () => {
  it('follows a feed without a backfill flood, alerts each new item once (re-sent, re-ordered, after a 500, a 304 and a restart)', async () => {
    let items: Item[] = [item(1, 'Taiwan Strait')];
    let mode: 'ok' | 'error' | 'not-modified' = 'ok';
    const server = await serve((_req, res) => {
      if (mode === 'error') return void res.writeHead(500).end('down');
      if (mode === 'not-modified') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"v${items.length}"` }).end(rss('Strait Watch', items));
    });
    const harness = await startHarness(
      { FEEDS_ALLOW_PRIVATE: 'true' },
      { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, feedIntervalMs: 150, feedTickMs: 50 },
    );
    await harness.fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: MANAGE_CHANNELS }).waitForReply();

    const refused = await harness.fake
      .sendCommand('feed', [{ type: 1, name: 'add', options: [{ type: 3, name: 'url', value: `${server.base}/feed.xml` }] }])
      .waitForReply();
    expect(refused.data.embeds![0]!.description).toMatch(/need the Manage Server permission/);
    const added = await harness.fake
      .sendCommand('feed', [{ type: 1, name: 'add', options: [{ type: 3, name: 'url', value: `${server.base}/feed.xml` }] }], {
        permissions: MANAGE_GUILD,
      })
      .waitForReply();
    expect(added.data.embeds![0]!.title).toBe('Following Strait Watch');
    expect(added.data.embeds![0]!.description).toContain('1 item already in the feed was recorded');

    // A new item, with the old one re-sent after it (changed order): one alert.
    items = [item(2, 'Taiwan Strait'), item(1, 'Taiwan Strait')];
    const [alert] = await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(alert!.embeds[0]!.title).toBe('Report 2: Taiwan Strait');
    expect(alert!.embeds[0]!.url).toBe('https://news.example.org/2');

    mode = 'error';
    await vi.waitFor(
      async () => {
        const list = await harness!.fake
          .sendCommand('feed', [{ type: 1, name: 'list', options: [] }], { permissions: MANAGE_GUILD })
          .waitForReply();
        expect(list.data.embeds![0]!.description).toMatch(/last error: .*500/);
      },
      { timeout: 10_000 },
    );
    mode = 'not-modified';
    await vi.waitFor(() => expect(server!.requests.at(-1)?.headers['if-none-match']).toBe('"v2"'), { timeout: 10_000 });
    mode = 'ok';

    await harness.restart();
    items = [item(1, 'Taiwan Strait'), item(3, 'Taiwan Strait'), item(2, 'Taiwan Strait')];
    await harness.fake.waitForChannelMessages(GENERAL, 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const titles = harness.fake.channelMessages(GENERAL).map((m) => m.embeds[0]!.title);
    expect(titles).toEqual(['Report 2: Taiwan Strait', 'Report 3: Taiwan Strait']);
    expect(harness.fake.channelMessages(NEWS)).toEqual([]);
    // The feed's articles are in the library (and stay after the restart).
    expect(
      harness.bot.app.services.library
        .list(GUILD)
        .filter((a) => a.id.startsWith('feed-'))
        .map((a) => a.title)
        .sort(),
    ).toEqual(['Report 2: Taiwan Strait', 'Report 3: Taiwan Strait']);
  });

  it('keeps a feed article with a 3,009-character title across a restart', async () => {
    let items: Item[] = [];
    const server = await serve((_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Wire', items)));
    const harness = await startHarness(
      { FEEDS_ALLOW_PRIVATE: 'true' },
      { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, feedIntervalMs: 150, feedTickMs: 50 },
    );
    await harness.fake
      .sendCommand('feed', [{ type: 1, name: 'add', options: [{ type: 3, name: 'url', value: `${server.base}/feed.xml` }] }], {
        permissions: MANAGE_GUILD,
      })
      .waitForReply();
    items = [{ ...item(1, 'Taiwan Strait'), title: `Report 1:\n${'the Taiwan Strait patrols '.repeat(115)}end of it` }];
    expect(items[0]!.title!.length).toBe(3_009);
    const feedArticles = () => harness.bot.app.services.library.list(GUILD).filter((a) => a.id.startsWith('feed-'));
    await vi.waitFor(() => expect(feedArticles()).toHaveLength(1), { timeout: 10_000 });
    const live = feedArticles()[0]!;
    expect(live.title.length).toBeLessThanOrEqual(300);

    await harness.restart();
    expect(feedArticles().map(({ id, title, text }) => ({ id, title, text }))).toEqual([
      { id: live.id, title: live.title, text: live.text },
    ]);
    expect(harness.logs.filter((line) => line.event === 'article_skipped')).toEqual([]);
  });

  it('refuses a private address when private feeds are not allowed', async () => {
    const harness = await startHarness();
    const reply = await harness.fake
      .sendCommand('feed', [{ type: 1, name: 'add', options: [{ type: 3, name: 'url', value: 'http://127.0.0.1:9/feed.xml' }] }], {
        permissions: MANAGE_GUILD,
      })
      .waitForReply();
    expect(reply.data.embeds![0]!.description).toMatch(/I could not follow that feed: .*(private|loopback|local)/i);
  });
});
