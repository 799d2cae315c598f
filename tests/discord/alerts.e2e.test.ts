import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { GENERAL, GUILD, type Harness, MANAGE_CHANNELS, NEWS, startHarness } from '../helpers/bot';

const article = (title: string, body: string) =>
  `---\ntitle: ${title}\ndate: 2024-05-01\nsource: Wire\nurl: https://example.org/${encodeURIComponent(title)}\n---\n${body}\n`;
const taiwan = article(
  'Strait tensions rise',
  'Chinese warships sailed through the Taiwan Strait on Monday, the defence ministry said.\n\nOfficials in Taipei called the move a provocation and raised the alert level.',
);

async function subscribe(h: Harness, topic: string, channelId: string = GENERAL) {
  return h.fake.sendCommand('subscribe', { topic }, { channelId, permissions: MANAGE_CHANNELS }).waitForReply();
}

describe('topic alerts through Discord', () => {
  it('needs Manage Channels, previews existing matches, then alerts once in that channel only when an article lands in the folder', async () => {
    const harness = await startHarness();
    const refused = await harness.fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }).waitForReply();
    expect(refused.data.embeds![0]!.description).toMatch(/need the Manage Channels permission/);
    const ok = await subscribe(harness, 'Taiwan Strait');
    // The preview is one synchronous pass over the library: Discord gets the deferral before it starts.
    expect(ok.deferredAtMs).not.toBeNull();
    expect(ok.type).toBe('editReply');
    const embed = ok.data.embeds![0]!;
    expect(embed.title).toBe('Subscribed: “Taiwan Strait”');
    // The seed article names the strait once, in its twelfth paragraph: a passing mention, not what it is about.
    expect(embed.description).toContain('would have matched 0 of the 1 articles');

    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    const [alert] = await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(alert!.embeds[0]!.title).toBe('Strait tensions rise');
    expect(alert!.embeds[0]!.url).toBe('https://example.org/Strait%20tensions%20rise');
    expect(alert!.embeds[0]!.description).toContain('> Chinese warships sailed through the Taiwan Strait on Monday');
    // "Strait" in the headline is the Taiwan Strait: the story names it in full (MATCHING.md, 3b, multi-word names).
    expect(alert!.embeds[0]!.description).toContain(
      'New article on “Taiwan Strait”: the topic is in the headline, in the lead, in 1 of 2 sentences',
    );
    expect(harness.fake.channelMessages(NEWS)).toEqual([]);
    const post = harness.fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${GENERAL}/messages`)!;
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true, nonce: expect.any(String) });

    // Changing the file re-indexes it but does not alert again; the article is searchable at once.
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan.replace('Monday', 'Tuesday'));
    await vi.waitFor(() => expect(harness!.logs.filter((l) => l.event === 'article_loaded')).toHaveLength(2), { timeout: 10_000 });
    await harness.bot.app.services.alerts.idle();
    const answer = await harness.fake
      .sendCommand('ask', { question: 'When did Chinese warships sail through the Taiwan Strait?' })
      .waitForReply();
    expect(answer.data.embeds![0]!.description).toContain('on Tuesday');
    expect(harness.fake.channelMessages(GENERAL)).toHaveLength(1);

    const listed = await harness.fake.sendCommand('subscriptions').waitForReply();
    expect(listed.data.embeds![0]!.description).toMatch(/“Taiwan Strait” \(min 70%\) · last alert <t:\d+:f> · 1 alert sent/);

    // A removed file leaves the index.
    rmSync(join(harness.config.articlesDir, 'strait.md'));
    await vi.waitFor(() => expect(harness!.bot.app.services.library.get('strait')).toBeUndefined(), { timeout: 10_000 });
  });

  it('previews which articles already in the library would have fired, and why', async () => {
    const harness = await startHarness();
    const ok = await subscribe(harness, 'Hayashi Blinken');
    const description = ok.data.embeds![0]!.description!;
    expect(description).toContain('would have matched 1 of the 1 articles');
    expect(description).toMatch(/> .*Hayashi/);
    expect(description).toMatch(/the topic is in the headline, in the lead, in \d+ of \d+ sentences/);
  });

  it('alerts at start for an article that landed while the bot was down, but never floods on a first start', async () => {
    const harness = await startHarness();
    await subscribe(harness, 'Taiwan Strait');
    await harness.bot.stop();
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    await harness.restart();
    const [alert] = await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(alert!.embeds[0]!.title).toBe('Strait tensions rise');
    await harness.restart();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.fake.channelMessages(GENERAL)).toHaveLength(1);
  });

  it('pauses the subscriptions of a deleted channel with the reason, instead of retrying forever', async () => {
    const harness = await startHarness();
    await subscribe(harness, 'Taiwan Strait', NEWS);
    harness.fake.deleteChannel(NEWS);
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    await vi.waitFor(() => expect(harness!.logs.some((l) => l.event === 'subscriptions_paused')).toBe(true), { timeout: 10_000 });
    const rows = await harness.bot.app.services.alerts.list({ guildId: GUILD, channelId: NEWS });
    expect(rows[0]!.subscription.paused?.reason).toBe('the channel no longer exists');
    const posts = harness.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${NEWS}/messages`);
    expect(posts).toHaveLength(1);
  });

  it('holds alerts over the hourly limit instead of dropping them, and says so in /subscriptions', async () => {
    const harness = await startHarness({ ALERTS_PER_HOUR: '1' });
    await subscribe(harness, 'Taiwan Strait');
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    writeFileSync(
      join(harness.config.articlesDir, 'strait-2.md'),
      article('More strait news', 'More warships crossed the Taiwan Strait on Wednesday, officials said.'),
    );
    await vi.waitFor(
      async () => {
        const listed = await harness!.fake.sendCommand('subscriptions').waitForReply();
        expect(listed.data.embeds![0]!.description).toContain('1 waiting (waiting for the hourly alert limit (1) of this channel)');
      },
      { timeout: 10_000 },
    );
    expect(harness.fake.channelMessages(GENERAL)).toHaveLength(1);
  });

  it('retries an alert that Discord failed to take (500s), and posts it once', async () => {
    const harness = await startHarness();
    await subscribe(harness, 'Taiwan Strait');
    harness.fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, { status: 500, body: { message: 'oops', code: 0 } }, 8);
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    await harness.fake.waitForChannelMessages(GENERAL, 1, 15_000);
    expect(harness.logs.some((l) => l.event === 'alert_retry')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.fake.channelMessages(GENERAL)).toHaveLength(1);
  });
});
