import { describe, expect, it } from 'vitest';
import { GENERAL, MANAGE_CHANNELS, MANAGE_GUILD, OTHER_CHANNEL, OTHER_GUILD, startHarness, twoServers } from '../helpers/bot';
import { rss, serve, type Item } from '../feeds/helpers';

const guilds = twoServers();
const other = (permissions = MANAGE_GUILD) => ({ guildId: OTHER_GUILD, channelId: OTHER_CHANNEL, permissions });
const fast = { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, feedIntervalMs: 150, feedTickMs: 50 };
const text = (reply: { data: unknown }) => JSON.stringify(reply.data);
const sub = (name: string, options: { type: number; name: string; value: string | boolean; focused?: boolean }[]) => [
  { type: 1, name, options },
];

const memo =
  '---\ntitle: Port authority memo\ndate: 2024-05-03\n---\nThe port authority will close the Zanzibar ferry terminal for repairs in June.\n\nOfficials said the closure would last three weeks.\n';

describe('/article add and /article remove', () => {
  it('adds an attachment or a text file by address to this server only, refuses without Manage Server or a bad file, and removes it', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/memo.md')
        res
          .writeHead(200, { 'content-type': 'text/markdown' })
          .end(memo.replace('Port authority memo', 'Fetched memo').replace('Zanzibar ferry', 'Pemba ferry'));
      else if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Not an article.</p>');
      else res.writeHead(404).end();
    });
    const harness = await startHarness({ FEEDS_ALLOW_PRIVATE: 'true' }, fast, { guilds });
    const { fake } = harness;
    await fake.sendCommand('subscribe', { topic: 'Zanzibar ferry' }, { permissions: MANAGE_CHANNELS }).waitForReply();

    const upload = fake.uploadAttachment('Port Memo.md', memo);
    const refused = await fake.sendCommand('article', sub('add', [{ type: 11, name: 'file', value: upload }])).waitForReply();
    expect(refused.data.embeds![0]!.description).toMatch(/need the Manage Server permission/);
    const added = await fake
      .sendCommand('article', sub('add', [{ type: 11, name: 'file', value: upload }]), { permissions: MANAGE_GUILD })
      .waitForReply();
    expect(added.data.embeds![0]!.title).toBe('Added: Port authority memo');
    expect(text(added)).toContain('port-memo');
    // A new article of this server alerts this server's topics.
    const [alert] = await fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(alert!.embeds[0]!.title).toBe('Port authority memo');

    const question = 'When will the Zanzibar ferry terminal close?';
    expect(text(await fake.sendCommand('ask', { question }).waitForReply())).toContain('for repairs in June');
    expect(text(await fake.sendCommand('ask', { question }, other('0')).waitForReply())).not.toContain('for repairs in June');

    const byUrl = await fake
      .sendCommand('article', sub('add', [{ type: 3, name: 'url', value: `${server.base}/memo.md` }]), { permissions: MANAGE_GUILD })
      .waitForReply();
    expect(byUrl.data.embeds![0]!.title).toBe('Added: Fetched memo');

    const bad = [
      sub('add', [{ type: 11, name: 'file', value: fake.uploadAttachment('photo.png', 'PNG', 'image/png') }]),
      sub('add', [{ type: 11, name: 'file', value: fake.uploadAttachment('empty.txt', '') }]),
      sub('add', [{ type: 3, name: 'url', value: `${server.base}/page` }]),
      sub('add', [{ type: 3, name: 'url', value: `${server.base}/missing.md` }]),
      sub('add', []),
    ];
    for (const options of bad) {
      const reply = await fake.sendCommand('article', options, { permissions: MANAGE_GUILD }).waitForReply();
      expect(reply.data.embeds![0]!.description, JSON.stringify(options)).toMatch(
        /Only \.md and \.txt|not an article I can use|web page|could not fetch|Give the article to add: file: \(a \.md or \.txt attachment\) or url:/,
      );
    }

    // Removal: only this server's own articles, offered only to whom may remove them.
    const choices = await fake
      .sendAutocomplete('article', sub('remove', [{ type: 3, name: 'id', value: '', focused: true }]), { permissions: MANAGE_GUILD })
      .waitForCallback();
    expect((choices.data?.choices ?? []).map((c) => c.value).sort()).toEqual(['memo', 'port-memo']);
    const otherChoices = await fake
      .sendAutocomplete('article', sub('remove', [{ type: 3, name: 'id', value: '', focused: true }]), other())
      .waitForCallback();
    expect(otherChoices.data?.choices).toEqual([]);
    const shared = await fake
      .sendCommand('article', sub('remove', [{ type: 3, name: 'id', value: '000_02b1b7e6bf94f65a' }]), { permissions: MANAGE_GUILD })
      .waitForReply();
    expect(shared.data.embeds![0]!.description).toContain('no article of its own');
    const fromOther = await fake
      .sendCommand('article', sub('remove', [{ type: 3, name: 'id', value: 'port-memo' }]), other())
      .waitForReply();
    expect(fromOther.data.embeds![0]!.description).toContain('no article of its own');
    const removed = await fake
      .sendCommand('article', sub('remove', [{ type: 3, name: 'id', value: 'port-memo' }]), { permissions: MANAGE_GUILD })
      .waitForReply();
    expect(removed.data.embeds![0]!.description).toContain('Removed “Port authority memo”');

    // After a restart: the removed one is gone, the other is still this server's alone.
    await harness.restart();
    expect(text(await fake.sendCommand('ask', { question }).waitForReply())).not.toContain('for repairs in June');
    const pemba = 'When will the Pemba ferry terminal close?';
    expect(text(await fake.sendCommand('ask', { question: pemba }).waitForReply())).toContain('for repairs in June');
    expect(text(await fake.sendCommand('ask', { question: pemba }, other('0')).waitForReply())).not.toContain('for repairs in June');
    expect(text(await fake.sendCommand('article', sub('read', [{ type: 3, name: 'id', value: 'memo' }])).waitForReply())).toContain(
      'Fetched memo',
    );
  });

  it('/feed add backfill:true imports what the feed holds without alerting it', async () => {
    const item = (n: number): Item => ({
      guid: `b-${n}`,
      title: `Ferry notice ${n}`,
      link: `https://news.example.org/ferry/${n}`,
      date: `2024-05-0${n}T09:00:00Z`,
      description: `<p>The Zanzibar ferry terminal notice number ${n} was published today.</p>`,
    });
    const server = await serve(
      (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Ferry News', [item(2), item(1)])),
    );
    const harness = await startHarness({ FEEDS_ALLOW_PRIVATE: 'true' }, fast, { guilds });
    const { fake } = harness;
    await fake.sendCommand('subscribe', { topic: 'Zanzibar ferry' }, { permissions: MANAGE_CHANNELS }).waitForReply();
    const added = await fake
      .sendCommand(
        'feed',
        sub('add', [
          { type: 3, name: 'url', value: `${server.base}/feed.xml` },
          { type: 5, name: 'backfill', value: true },
        ]),
        { permissions: MANAGE_GUILD },
      )
      .waitForReply();
    expect(added.data.embeds![0]!.description).toContain('2 of them became articles');
    const list = await fake.sendCommand('articles').waitForReply();
    expect(text(list)).toContain('Ferry notice 2');
    expect(text(await fake.sendCommand('articles', {}, other('0')).waitForReply())).not.toContain('Ferry notice');
    // No alert now, nor after a restart (they are recorded as matched).
    await harness.restart();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fake.channelMessages(GENERAL)).toEqual([]);
    expect(text(await fake.sendCommand('articles').waitForReply())).toContain('Ferry notice 1');
  });
});
