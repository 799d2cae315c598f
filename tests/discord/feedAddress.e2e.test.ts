import { describe, expect, it } from 'vitest';
import { linkTarget } from '../../src/discord/sanitize';
import { MANAGE_GUILD, startHarness } from '../helpers/bot';
import { expectWithinDiscordRules } from '../helpers/discordRules';
import { rss, serve } from '../feeds/helpers';

const fast = { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, feedIntervalMs: 60_000, feedTickMs: 50 };
const sub = (name: string, options: { type: number; name: string; value: string }[]) => [{ type: 1, name, options }];
// What a reply shows where the bot neutralised an address (a refusal, an error): a zero-width space after the scheme's colon.
const asText = (url: string) => url.replace('://', ':\u200b//');
const memo = '---\ntitle: Port authority memo\ndate: 2024-05-03\n---\nThe port authority will close the ferry terminal in June.\n';

describe('a feed address the bot shows', () => {
  it('is a link when the bot checked it, and any shown form of it can be given back to /feed add, /feed remove and /article add', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/memo.md') res.writeHead(200, { 'content-type': 'text/markdown' }).end(memo);
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Strait Watch', []));
    });
    const harness = await startHarness({ FEEDS_ALLOW_PRIVATE: 'true' }, fast);
    const { fake } = harness;
    // An underscore is one of the characters a link percent-encodes, so the link's text differs from the stored address.
    const feedUrl = `${server.base}/strait_watch.xml`;
    const link = `<${linkTarget(feedUrl)}>`;
    expect(link).toContain('%5F');
    const feed = (name: string, option: string, value: string) =>
      fake.sendCommand('feed', sub(name, [{ type: 3, name: option, value }]), { permissions: MANAGE_GUILD }).waitForReply();

    const added = await feed('add', 'url', asText(feedUrl));
    expectWithinDiscordRules(added.data);
    expect(added.data.embeds![0]!.title).toBe('Following Strait Watch');
    expect(added.data.embeds![0]!.fields).toEqual([{ name: 'Address', value: link }]);
    const again = await feed('add', 'url', linkTarget(feedUrl)!);
    expect(again.data.embeds![0]!.description).toMatch(/already followed here/);

    const listed = await fake.sendCommand('feed', [{ type: 1, name: 'list', options: [] }], { permissions: MANAGE_GUILD }).waitForReply();
    expectWithinDiscordRules(listed.data);
    expect(listed.data.embeds![0]!.description).toMatch(
      new RegExp(`^• Strait Watch: ${link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · last success \\d`),
    );

    // Copied from the list: the link's text.
    const removed = await feed('remove', 'feed', linkTarget(feedUrl)!);
    expect(removed.data.embeds![0]!.description).toMatch(/^No longer following that feed/);
    await feed('add', 'url', feedUrl);
    // Copied from a reply that shows it as text.
    const removedText = await feed('remove', 'feed', asText(feedUrl));
    expect(removedText.data.embeds![0]!.description).toMatch(/^No longer following that feed/);

    const article = await fake
      .sendCommand('article', sub('add', [{ type: 3, name: 'url', value: asText(`${server.base}/memo.md`) }]), {
        permissions: MANAGE_GUILD,
      })
      .waitForReply();
    expect(article.data.embeds![0]!.title).toBe('Added: Port authority memo');
  });
});
