import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERAL, GUILD, MANAGE_CHANNELS, MANAGE_GUILD, NEWS, OTHER_CHANNEL, OTHER_GUILD, startHarness, twoServers } from '../helpers/bot';
import { rss, serve, type Item, type TestServer } from '../feeds/helpers';

const ATTACKER_GUILD = OTHER_GUILD;
const ATTACKER_CHANNEL = OTHER_CHANNEL;
const guilds = twoServers('Victim', 'Attacker');
const attacker = (permissions = MANAGE_GUILD) => ({
  guildId: ATTACKER_GUILD,
  channelId: ATTACKER_CHANNEL,
  userId: '4000000000000000009',
  permissions,
});
const victim = { permissions: MANAGE_GUILD };
const fast = { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, feedIntervalMs: 150, feedTickMs: 50 };

const lighthouse: Item = {
  guid: 'lighthouse-1',
  title: 'Zanzibar lighthouse keepers strike',
  link: 'https://news.example.org/lighthouse',
  date: '2024-05-02T09:00:00Z',
  description: '<p>The Zanzibar lighthouse keepers went on strike over unpaid wages, the harbour office said.</p>',
};
const old: Item = {
  guid: 'old-1',
  title: 'Harbour budget approved',
  link: 'https://news.example.org/budget',
  date: '2024-05-01T09:00:00Z',
  description: '<p>The harbour budget was approved by the council on Monday.</p>',
};

const text = (reply: { data: { embeds?: { title?: string; description?: string; fields?: { value: string }[] }[]; content?: string } }) =>
  JSON.stringify(reply.data);

async function feedServer(): Promise<{ server: TestServer; publish: (items: Item[]) => void }> {
  let items: Item[] = [old];
  const started = await serve(
    (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Harbour Watch', items)),
  );
  return { server: started, publish: (next) => void (items = next) };
}

const waitFor = async (check: () => boolean, what: string, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('feeds belong to the server that added them', () => {
  it('another server cannot list, autocomplete, remove, search, read or get alerts from a server’s feed', async () => {
    const feed = await feedServer();
    const { server } = feed;
    const harness = await startHarness({ FEEDS_ALLOW_PRIVATE: 'true' }, fast, { guilds });
    const { fake } = harness;
    await fake.sendCommand('subscribe', { topic: 'Zanzibar lighthouse' }, { permissions: MANAGE_CHANNELS }).waitForReply();
    await fake.sendCommand('subscribe', { topic: 'Zanzibar lighthouse' }, attacker(MANAGE_CHANNELS)).waitForReply();

    // A secret in the query string, and an address longer than the 100 characters an autocomplete value may hold.
    const secretUrl = `${server.base}/feed.xml?token=s3cret-${'x'.repeat(90)}`;
    const added = await fake
      .sendCommand('feed', [{ type: 1, name: 'add', options: [{ type: 3, name: 'url', value: secretUrl }] }], victim)
      .waitForReply();
    expect(added.data.embeds![0]!.title).toBe('Following Harbour Watch');

    const list = await fake.sendCommand('feed', [{ type: 1, name: 'list', options: [] }], attacker()).waitForReply();
    expect(text(list)).not.toContain('s3cret');
    expect(list.data.embeds![0]!.description).toContain('This server follows no feeds');
    const victimList = await fake.sendCommand('feed', [{ type: 1, name: 'list', options: [] }], victim).waitForReply();
    expect(text(victimList)).toContain('s3cret');

    const remove = (value: string) => [{ type: 1, name: 'remove', options: [{ type: 3, name: 'feed', value, focused: true }] }];
    const attackerChoices = await fake.sendAutocomplete('feed', remove(''), attacker()).waitForCallback();
    expect(attackerChoices.data?.choices).toEqual([]);
    const memberChoices = await fake.sendAutocomplete('feed', remove(''), { permissions: '0' }).waitForCallback();
    expect(memberChoices.data?.choices).toEqual([]);
    const victimChoices = await fake.sendAutocomplete('feed', remove('harbour'), victim).waitForCallback();
    expect(victimChoices.data?.choices).toHaveLength(1);
    const feedId = String(victimChoices.data!.choices![0]!.value);
    expect(feedId.length).toBeLessThanOrEqual(100);

    const removeCommand = (value: string) => [{ type: 1, name: 'remove', options: [{ type: 3, name: 'feed', value }] }];
    for (const ref of [feedId, secretUrl]) {
      const refused = await fake.sendCommand('feed', removeCommand(ref), attacker()).waitForReply();
      expect(refused.data.embeds![0]!.description).toContain('This server follows no such feed');
    }

    // A new item: an alert in the victim's channel only, and an article only the victim's server can quote.
    feed.publish([lighthouse, old]);
    const [alert] = await fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(alert!.embeds[0]!.title).toBe('Zanzibar lighthouse keepers strike');
    const articleId = harness.bot.app.services.library.find('zanzibar', 5, GUILD)[0]!.id;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(fake.channelMessages(ATTACKER_CHANNEL)).toEqual([]);
    expect(fake.channelMessages(NEWS)).toEqual([]);

    const question = 'Why did the Zanzibar lighthouse keepers strike?';
    const victimAnswer = await fake.sendCommand('ask', { question }).waitForReply();
    expect(text(victimAnswer)).toContain('unpaid wages');
    const probes = [
      fake.sendCommand('ask', { question }, attacker('0')),
      fake.sendCommand('ask', { question, article: articleId }, attacker('0')),
      fake.sendCommand('lookup', { term: 'Zanzibar lighthouse' }, attacker('0')),
      fake.sendCommand('articles', {}, attacker('0')),
      fake.sendCommand('article', [{ type: 1, name: 'read', options: [{ type: 3, name: 'id', value: articleId }] }], attacker('0')),
    ];
    for (const probe of probes) {
      const reply = await probe.waitForReply();
      expect(text(reply)).not.toMatch(/unpaid wages|Zanzibar lighthouse keepers|Harbour Watch/);
    }
    const articleChoices = await fake
      .sendAutocomplete(
        'article',
        [{ type: 1, name: 'read', options: [{ type: 3, name: 'id', value: 'zanzibar', focused: true }] }],
        attacker('0'),
      )
      .waitForCallback();
    expect(articleChoices.data?.choices).toEqual([]);
    const button = await fake.clickButton(`article:read:${articleId}:1`, attacker('0')).waitForReply();
    expect(text(button)).not.toContain('unpaid wages');

    // The victim removes it by the id autocomplete offered, address longer than 100 characters and all.
    const removed = await fake.sendCommand('feed', removeCommand(feedId), victim).waitForReply();
    expect(removed.data.embeds![0]!.description).toContain('No longer following that feed');

    // After a restart the article is still the victim's alone.
    await harness.restart();
    const afterRestart = await fake.sendCommand('ask', { question }, attacker('0')).waitForReply();
    expect(text(afterRestart)).not.toContain('unpaid wages');
    expect(text(await fake.sendCommand('ask', { question }).waitForReply())).toContain('unpaid wages');
  });

  it('a feed for every server needs an OWNER_IDS user, and then reaches every server', async () => {
    const feed = await feedServer();
    const { server } = feed;
    const owner = '4000000000000000077';
    const harness = await startHarness({ FEEDS_ALLOW_PRIVATE: 'true', OWNER_IDS: owner }, fast, { guilds });
    const { fake } = harness;
    const addAll = [
      {
        type: 1,
        name: 'add',
        options: [
          { type: 3, name: 'url', value: `${server.base}/all.xml` },
          { type: 3, name: 'scope', value: 'all' },
        ],
      },
    ];
    const refused = await fake.sendCommand('feed', addAll, attacker()).waitForReply();
    expect(refused.data.embeds![0]!.description).toContain('Only the bot’s operator');
    const added = await fake.sendCommand('feed', addAll, { ...attacker(), userId: owner }).waitForReply();
    expect(added.data.embeds![0]!.title).toBe('Following Harbour Watch');
    // Other servers' admins neither see nor remove it.
    expect(text(await fake.sendCommand('feed', [{ type: 1, name: 'list', options: [] }], victim).waitForReply())).not.toContain('all.xml');
    expect(
      text(await fake.sendCommand('feed', [{ type: 1, name: 'list', options: [] }], { ...attacker(), userId: owner }).waitForReply()),
    ).toContain('(every server)');

    feed.publish([lighthouse, old]);
    const question = 'Why did the Zanzibar lighthouse keepers strike?';
    await waitFor(() => harness!.bot.app.services.library.find('zanzibar', 5, null).length === 1, 'the shared feed article');
    expect(text(await fake.sendCommand('ask', { question }).waitForReply())).toContain('unpaid wages');
    expect(text(await fake.sendCommand('ask', { question }, attacker('0')).waitForReply())).toContain('unpaid wages');
  });

  it('after the upgrade, an old feed and its articles belong to the server that added it, and nothing already matched alerts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-upgrade-'));
    const at = '2026-01-01T00:00:00.000Z';
    const oldFeed = {
      id: 'f1',
      url: 'http://127.0.0.1:9/feed.xml',
      title: 'Harbour Watch',
      addedBy: { userId: '4000000000000000001', guildId: GUILD, channelId: GENERAL },
      addedAt: at,
      etag: null,
      lastModified: null,
      lastFetchAt: at,
      lastOk: at,
      lastError: null,
      consecutiveErrors: 0,
      nextFetchAt: '2999-01-01T00:00:00.000Z',
      itemsSeen: 1,
      seen: [],
    };
    writeFileSync(join(dataDir, 'feeds.json'), JSON.stringify({ version: 1, feeds: [oldFeed] }));
    mkdirSync(join(dataDir, 'feed-articles'));
    const id = 'feed-127-0-0-1-0123456789ab';
    writeFileSync(
      join(dataDir, 'feed-articles', `${id}.md`),
      '---\ntitle: Zanzibar lighthouse keepers strike\n---\nThe Zanzibar lighthouse keepers went on strike over unpaid wages, the harbour office said.\n',
    );
    mkdirSync(join(dataDir, 'alerts'));
    writeFileSync(join(dataDir, 'alerts', 'processed.json'), JSON.stringify({ version: 1, ids: ['000_02b1b7e6bf94f65a', id] }));
    // A topic subscribed after the article was matched: the article must not alert for it now.
    const subscription = {
      id: 's1',
      guildId: GUILD,
      channelId: GENERAL,
      topic: 'Zanzibar lighthouse',
      minScore: 0.7,
      createdBy: '1',
      createdAt: at,
      lastFiredAt: null,
      alertsSent: 0,
      paused: null,
    };
    writeFileSync(
      join(dataDir, 'alerts', `guild-${GUILD}.json`),
      JSON.stringify({ version: 1, subscriptions: [subscription], deliveries: [] }),
    );

    const harness = await startHarness({ DATA_DIR: dataDir }, fast, { guilds });
    const { fake } = harness;
    const list = await fake.sendCommand('feed', [{ type: 1, name: 'list', options: [] }], victim).waitForReply();
    expect(text(list)).toContain('127.0.0.1:9/feed.xml');
    expect(text(await fake.sendCommand('feed', [{ type: 1, name: 'list', options: [] }], attacker()).waitForReply())).not.toContain(
      'feed.xml',
    );
    const question = 'Why did the Zanzibar lighthouse keepers strike?';
    expect(text(await fake.sendCommand('ask', { question }).waitForReply())).toContain('unpaid wages');
    expect(text(await fake.sendCommand('ask', { question }, attacker('0')).waitForReply())).not.toContain('unpaid wages');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fake.channelMessages(GENERAL)).toEqual([]);
  });
});
