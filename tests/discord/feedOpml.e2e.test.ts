import { afterEach, describe, expect, it } from 'vitest';
import { expectWithinDiscordRules } from '../helpers/discordRules';
import { type Harness, MANAGE_GUILD, OTHER_CHANNEL, OTHER_GUILD, startHarness, twoServers } from '../helpers/bot';
import { rss, serve, story, type TestServer } from '../feeds/helpers';
import { parseOpml } from '../../src/feeds/opml';

let harness: Harness | undefined;
afterEach(async () => {
  const unhandled = harness?.fake.unhandled.map((r) => `${r.method} ${r.path}`) ?? [];
  expect(unhandled).toEqual([]);
  harness = undefined;
});

const guilds = twoServers();
const fast = { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100 };
// The reply as text, without the backslashes that keep "OPML_MAX_FEEDS" from reading as markdown.
const text = (reply: { data: unknown }) => JSON.stringify(reply.data).replace(/\\\\(?=[_*~`|>])/g, '');
const opml = (urls: string[]) =>
  `<?xml version="1.0"?>\n<opml version="1.0"><head><title>Reader</title></head><body><outline text="News">${urls.map((u, i) => `<outline text="Feed ${i}" xmlUrl="${u}"/>`).join('')}</outline></body></opml>`;

/** A feed server on 127.0.0.1: /feed-N.xml is an RSS feed, /page is a web page, /slow-N.xml answers after a delay. */
async function feedServer(delayMs = 700): Promise<TestServer> {
  return serve((req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/feed-'))
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(`Feed ${url}`, [story(1)]));
    if (url.startsWith('/slow-'))
      return void setTimeout(
        () => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(`Slow ${url}`, [story(1)])),
        delayMs,
      );
    if (url === '/page') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Not a feed.</p>');
    res.writeHead(404).end();
  });
}

// The fake Discord and the feed server are both on 127.0.0.1, allowed by name; "localhost" and 10.x are not.
const start = (env: Record<string, string> = {}) => startHarness({ FEEDS_ALLOW_HOSTS: '127.0.0.1', ...env }, fast, { guilds });

async function importFile(name: string, data: string, ctx: Record<string, string> = { permissions: MANAGE_GUILD }) {
  const upload = harness!.fake.uploadAttachment(name, data, 'text/x-opml');
  const reply = await harness!.fake
    .sendCommand('feed', [{ type: 1, name: 'import', options: [{ type: 11, name: 'file', value: upload }] }], ctx)
    .waitForReply(30_000);
  expectWithinDiscordRules(reply.data);
  return reply;
}

describe('/feed import and /feed export', () => {
  it('imports every feed of a file, each checked as /feed add checks one, and exports them as OPML that imports elsewhere', async () => {
    const server = await feedServer();
    harness = await start();
    const port = new URL(server.base).port;
    const file = opml([
      `${server.base}/feed-1.xml`,
      `${server.base}/feed-2.xml`,
      `${server.base}/page`,
      `http://localhost:${port}/feed-3.xml`,
      'http://10.1.2.3/feed.xml',
      'ftp://example.org/feed',
      `${server.base}/missing.xml`,
    ]);

    const refused = await importFile('reader.opml', file, { permissions: '0' });
    expect(text(refused)).toMatch(/need the Manage Server permission/);

    const reply = await importFile('reader.opml', file);
    const shown = text(reply);
    expect(shown).toContain('2 feeds added, 0 already followed, 5 refused.');
    expect(shown).toMatch(/\/page: .*web page/);
    // The address guard: a private address is refused by the host as given, naming the settings.
    expect(shown).toMatch(/localhost:\d+\/feed-3\.xml: .*FEEDS_ALLOW_HOSTS/);
    expect(shown).toMatch(/10\.1\.2\.3\/feed\.xml: .*FEEDS_ALLOW_PRIVATE/);
    // Shown, not clickable: a zero-width space after the scheme's colon.
    expect(shown).toMatch(/ftp:\u200b\/\/example\.org\/feed: Only http and https/);
    expect(shown).toMatch(/missing\.xml: .*404/);

    const again = await importFile('reader.opml', file);
    expect(text(again)).toContain('0 feeds added, 2 already followed, 5 refused.');

    const exporting = harness.fake.sendCommand('feed', [{ type: 1, name: 'export', options: [] }], { permissions: MANAGE_GUILD });
    const exported = await exporting.waitForReply();
    expectWithinDiscordRules(exported.data);
    expect(text(exported)).toContain('2 feeds as OPML');
    const message = harness.fake.message(exporting.record.originalMessageId!)!;
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]!.filename).toBe('policy-desk-feeds.opml');
    const body = await (await fetch(message.attachments[0]!.url)).text();
    expect(
      parseOpml(body)
        .map((f) => f.url)
        .sort(),
    ).toEqual([`${server.base}/feed-1.xml`, `${server.base}/feed-2.xml`]);

    // The export imports into another server, which had none of them.
    const upload = harness.fake.uploadAttachment('policy-desk-feeds.opml', body, 'text/x-opml');
    const elsewhere = await harness.fake
      .sendCommand('feed', [{ type: 1, name: 'import', options: [{ type: 11, name: 'file', value: upload }] }], {
        guildId: OTHER_GUILD,
        channelId: OTHER_CHANNEL,
        permissions: MANAGE_GUILD,
      })
      .waitForReply(30_000);
    expect(text(elsewhere)).toContain('2 feeds added, 0 already followed, 0 refused.');
  });

  it('refuses a huge file, malformed XML, a file that is not OPML, and one without feeds, each saying why', async () => {
    harness = await start({ OPML_MAX_BYTES: '50000' });
    const huge = `<opml><body>${'<outline text="padding"/>'.repeat(4000)}</body></opml>`;
    expect(text(await importFile('huge.opml', huge))).toMatch(/over the 50 KB limit for an OPML file \(OPML_MAX_BYTES\)/);
    expect(text(await importFile('broken.opml', '<opml><body><outline xmlUrl="https://a.example/f">'))).toMatch(
      /not an OPML file I can read: it is not well-formed XML \(line 1/,
    );
    expect(text(await importFile('feed.xml', '<rss version="2.0"><channel><title>x</title></channel></rss>'))).toMatch(
      /it is XML but not OPML/,
    );
    expect(text(await importFile('empty.opml', '<opml><body><outline text="Folder"/></body></opml>'))).toMatch(/lists no feeds/);
    const exported = await harness.fake
      .sendCommand('feed', [{ type: 1, name: 'export', options: [] }], { permissions: MANAGE_GUILD })
      .waitForReply();
    expect(text(exported)).toMatch(/follows no feeds, so there is nothing to export/);
  });

  it('1,000 outlines: tries OPML_MAX_FEEDS of them, says so, and summarises the refusals inside Discord’s limits', async () => {
    const server = await feedServer();
    harness = await start({ OPML_MAX_FEEDS: '30' });
    // 1,000 outlines: the first 12 good feeds, then private addresses.
    const urls = Array.from({ length: 1000 }, (_, i) =>
      i < 12 ? `${server.base}/feed-${i}.xml` : `http://192.168.${Math.floor(i / 250)}.${i % 250}/feed.xml`,
    );
    const reply = await importFile('big.opml', opml(urls));
    const shown = text(reply);
    expect(shown).toContain('12 feeds added, 0 already followed, 18 refused.');
    expect(shown).toContain('The file lists 1000 feeds; only the first 30 were tried (the limit is 30 per import, OPML_MAX_FEEDS)');
    expect(shown).toMatch(/…and 12 more refused \(12 refused address\)/);
  });

  it('stops starting feeds after OPML_MAX_SECONDS and says how many were not tried', async () => {
    const server = await feedServer(700);
    harness = await start({ OPML_MAX_SECONDS: '1' });
    const urls = Array.from({ length: 10 }, (_, i) => `${server.base}/slow-${i}.xml`);
    const reply = await importFile('slow.opml', opml(urls));
    const shown = text(reply);
    // Four at a time, 0.7 s each: eight are started before the second runs out (fewer on a loaded machine), the rest are not tried.
    const added = Number(/(\d+) feeds? added, 0 already followed, 0 refused\./.exec(shown)?.[1]);
    expect(added).toBeGreaterThanOrEqual(4);
    expect(added).toBeLessThanOrEqual(8);
    expect(shown).toContain(`The import stopped after 1 second (OPML_MAX_SECONDS): ${10 - added} feeds were not tried.`);
  });
});
