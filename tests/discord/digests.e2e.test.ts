import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDiscord, type RunningBot } from '../../src/discord/runDiscord';
import { createLogger } from '../../src/log';
import { GENERAL, GUILD, type Harness, MANAGE_CHANNELS, NEWS, startHarness } from '../helpers/bot';
import { expectWithinDiscordRules } from '../helpers/discordRules';
import { article, CHANNEL_POST, events } from '../faults/helpers';

let harness: Harness | undefined;
let extraBot: RunningBot | undefined;
afterEach(async () => {
  await extraBot?.stop();
  extraBot = undefined;
  harness = undefined;
});

/** The injected clock: tests move it; nothing waits for real hours. */
let clock = new Date('2024-05-01T10:00:00Z');
const setClock = (iso: string) => void (clock = new Date(iso));
const options = { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, now: () => clock };

const strait = (id: string, day: string) =>
  article(
    id,
    `Taiwan Strait patrol ${id}`,
    `Chinese warships sailed through the Taiwan Strait on ${day}, the defence ministry said.\n\nOfficials in Taipei called the move a provocation.`,
  );

async function subscribed(mode: string, channelId: string = GENERAL): Promise<Harness> {
  harness ??= await startHarness({}, options);
  const reply = await harness.fake
    .sendCommand('subscribe', { topic: 'Taiwan Strait', mode }, { channelId, permissions: MANAGE_CHANNELS })
    .waitForReply();
  expect(reply.data.embeds![0]!.title).toBe('Subscribed: “Taiwan Strait”');
  return harness;
}

/** Drops articles into the folder and waits until the service has collected them for the digest. */
async function collect(h: Harness, files: Record<string, string>, channelId: string = GENERAL): Promise<void> {
  const [before] = await h.bot.app.services.alerts.list({ guildId: GUILD, channelId });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(h.config.articlesDir, name), text);
  await vi.waitFor(
    async () => {
      const [row] = await h.bot.app.services.alerts.list({ guildId: GUILD, channelId });
      expect(row!.collected).toBe(before!.collected + Object.keys(files).length);
    },
    { timeout: 15_000 },
  );
}

/** Moves the clock and waits for one whole run of the delivery loop after it (the loop also ticks every 100 ms). */
async function advanceTo(h: Harness, iso: string): Promise<void> {
  // A post in flight is recorded at the time it is answered: let it finish at the old time.
  await h.bot.app.services.alerts.idle();
  setClock(iso);
  h.bot.app.services.alerts.kick();
  await h.bot.app.services.alerts.idle();
}

const posts = (h: Harness, channelId: string) =>
  h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
const alertsFile = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'alerts', `guild-${GUILD}.json`), 'utf8'));
const text = (embed: APIEmbed) => `${embed.title}\n${embed.description}\n${embed.footer?.text}`;

describe('daily and weekly digests through Discord', () => {
  it('daily: collects matches instead of alerting, posts one digest at DIGEST_HOUR with title, link and quote of each, and nothing for an empty day', async () => {
    setClock('2024-05-01T10:00:00Z');
    const h = await subscribed('daily');
    const confirm = await h.fake.sendCommand('subscriptions').waitForReply();
    expect(confirm.data.embeds![0]!.description).toContain('daily digest at 08:00 UTC');
    await collect(h, { 'strait-1.md': strait('strait-1', 'Monday'), 'strait-2.md': strait('strait-2', 'Tuesday') });
    await advanceTo(h, '2024-05-02T07:59:59Z');
    expect(h.fake.channelMessages(GENERAL)).toEqual([]);

    const listed = await h.fake.sendCommand('subscriptions').waitForReply();
    const line = listed.data.embeds![0]!.description!;
    expect(line).toContain(
      `“Taiwan Strait” (min 70%, daily digest at 08:00 UTC) · next digest <t:${Date.parse('2024-05-02T08:00:00Z') / 1000}:f> · 0 digests sent · 2 articles collected`,
    );

    await advanceTo(h, '2024-05-02T08:00:00Z');
    const [digest] = await h.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    const embed = digest!.embeds[0]!;
    expect(embed.title).toBe('Daily digest: “Taiwan Strait”');
    expect(embed.description).toContain('2 articles matched this topic from 2024-05-01 08:00 UTC to 2024-05-02 08:00 UTC.');
    for (const id of ['strait-1', 'strait-2']) {
      expect(embed.description).toContain(`[Taiwan Strait patrol ${id} — 2024-05-01 — Wire](https://example.org/${id})`);
    }
    expect(embed.description).toContain('> Chinese warships sailed through the Taiwan Strait on Monday, the defence ministry said.');
    expect(embed.description).toContain('> Chinese warships sailed through the Taiwan Strait on Tuesday, the defence ministry said.');
    expect(posts(h, GENERAL)[0]!.body).toMatchObject({ enforce_nonce: true, nonce: expect.stringMatching(/-1$/) });
    expect(events(h, 'alert_sent')).toEqual([]);

    // The rest of the day, and the next due time with nothing collected: no more posts.
    await advanceTo(h, '2024-05-02T20:00:00Z');
    await advanceTo(h, '2024-05-03T08:00:00Z');
    expect(h.fake.channelMessages(GENERAL)).toHaveLength(1);
    const after = await h.fake.sendCommand('subscriptions').waitForReply();
    expect(after.data.embeds![0]!.description).toContain('1 digest sent · 0 articles collected · last 2024-05-02 08:00 UTC');
    expect(after.data.embeds![0]!.description).toContain(`next digest <t:${Date.parse('2024-05-04T08:00:00Z') / 1000}:f>`);

    // A match on the third day goes into the digest of the fourth, alone.
    await collect(h, { 'strait-3.md': strait('strait-3', 'Friday') });
    await advanceTo(h, '2024-05-04T08:00:00Z');
    const messages = await h.fake.waitForChannelMessages(GENERAL, 2, 10_000);
    expect(messages[1]!.embeds[0]!.description).toContain(
      '1 article matched this topic from 2024-05-03 08:00 UTC to 2024-05-04 08:00 UTC.',
    );
    expect(messages[1]!.embeds[0]!.description).not.toContain('strait-1');
  });

  it('weekly: nothing until Monday at DIGEST_HOUR, then one digest of the week; other channels and instant topics are unaffected', async () => {
    setClock('2024-05-01T10:00:00Z'); // a Wednesday
    const h = await subscribed('weekly');
    await subscribed('instant', NEWS);
    await collect(h, { 'strait-1.md': strait('strait-1', 'Wednesday') });
    // The instant topic in the other channel alerts at once, as before.
    const [alert] = await h.fake.waitForChannelMessages(NEWS, 1, 10_000);
    expect(alert!.embeds[0]!.title).toBe('Taiwan Strait patrol strait-1');
    await advanceTo(h, '2024-05-02T08:00:00Z');
    await advanceTo(h, '2024-05-06T07:59:00Z');
    expect(h.fake.channelMessages(GENERAL)).toEqual([]);
    await advanceTo(h, '2024-05-06T08:00:00Z');
    const [digest] = await h.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(digest!.embeds[0]!.title).toBe('Weekly digest: “Taiwan Strait”');
    expect(digest!.embeds[0]!.description).toContain('1 article matched this topic from 2024-04-29 08:00 UTC to 2024-05-06 08:00 UTC.');
    await advanceTo(h, '2024-05-07T08:00:00Z');
    expect(h.fake.channelMessages(GENERAL)).toHaveLength(1);
    expect(h.fake.channelMessages(NEWS)).toHaveLength(1);
  });

  it('a digest that fell due while the bot was down is posted at the next start, once', async () => {
    setClock('2024-05-01T10:00:00Z');
    const h = await subscribed('daily');
    await collect(h, { 'strait-1.md': strait('strait-1', 'Monday') });
    await h.bot.stop();
    setClock('2024-05-02T09:30:00Z');
    await h.restart();
    const [digest] = await h.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(digest!.embeds[0]!.title).toBe('Daily digest: “Taiwan Strait”');
    await h.bot.app.services.alerts.idle();
    await h.restart();
    await advanceTo(h, '2024-05-02T10:00:00Z');
    expect(h.fake.channelMessages(GENERAL)).toHaveLength(1);
    expect(alertsFile(h.config.dataDir).digests).toMatchObject([{ status: 'sent', posted: 1, dueAt: '2024-05-02T08:00:00.000Z' }]);
  });

  it('a restart between the outbox write and the post’s answer: the page is posted again with its nonce and shown once', async () => {
    setClock('2024-05-01T10:00:00Z');
    const h = await subscribed('daily');
    await collect(h, { 'strait-1.md': strait('strait-1', 'Monday') });
    // Discord takes the post but holds its answer: the bot has recorded the digest, not yet that it was posted.
    h.fake.failNext({ method: 'POST', path: CHANNEL_POST }, { holdAnswerMs: 1500 }, 1);
    setClock('2024-05-02T08:00:00Z');
    await h.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    // The data folder as a crash at this moment would leave it (the lock is this process's own, so it goes).
    const crashed = mkdtempSync(join(tmpdir(), 'pd-crashed-'));
    cpSync(h.config.dataDir, crashed, { recursive: true });
    rmSync(join(crashed, 'policy-desk.lock'), { force: true });
    expect(alertsFile(crashed).digests).toMatchObject([{ status: 'pending', posted: 0 }]);
    await h.bot.stop();
    h.bot.stop = async () => undefined; // already stopped; the harness's close must not stop it twice
    extraBot = await startDiscord({ ...h.config, dataDir: crashed }, createLogger('silent'), options);
    await vi.waitFor(() => expect(alertsFile(crashed).digests).toMatchObject([{ status: 'sent', posted: 1 }]), { timeout: 10_000 });
    const sent = posts(h, GENERAL);
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((r) => (r.body as { nonce: string }).nonce)).size).toBe(1);
    expect(h.fake.channelMessages(GENERAL)).toHaveLength(1);
  });

  it('pages a long digest over several messages, each within Discord’s limits, best match first, the rest counted', async () => {
    setClock('2024-05-01T10:00:00Z');
    const h = await subscribed('daily');
    // Long sentences full of markup and long links: the heaviest entries an article can make.
    const filler = `${' *_~|` @everyone <@123456789012345678> [x](https://evil.example)'.repeat(3)} ${'*_~|'.repeat(60)}`;
    const files: Record<string, string> = {};
    for (let i = 1; i <= 14; i++) {
      const id = `strait-${String(i).padStart(2, '0')}`;
      files[`${id}.md`] =
        `---\ntitle: "Taiwan Strait patrol ${id} ${'*_[]'.repeat(40)}"\ndate: 2024-05-01\nsource: Wire\nurl: https://example.org/${id}/${'()'.repeat(150)}\n---\nChinese warships sailed through the Taiwan Strait on day ${i}${filler}.\n\nOfficials in Taipei called the move a provocation.\n`;
    }
    await collect(h, files);
    await advanceTo(h, '2024-05-02T08:00:00Z');
    await vi.waitFor(() => expect(alertsFile(h.config.dataDir).digests).toMatchObject([{ status: 'sent' }]), { timeout: 15_000 });
    const [digest] = alertsFile(h.config.dataDir).digests as { pages: string[][]; more: number; nonce: string }[];
    expect(digest!.pages.length).toBeGreaterThan(1);
    const messages = h.fake.channelMessages(GENERAL);
    expect(messages).toHaveLength(digest!.pages.length);
    for (const request of posts(h, GENERAL)) expectWithinDiscordRules(request.body as Parameters<typeof expectWithinDiscordRules>[0]);
    expect(posts(h, GENERAL).map((r) => (r.body as { nonce: string }).nonce)).toEqual(
      digest!.pages.map((_, i) => `${digest!.nonce}-${i + 1}`),
    );
    // Every article listed is shown whole (its citation present) exactly once across the pages; the rest are counted on the last.
    const shown = messages.map((m) => text(m.embeds[0]!)).join('\n');
    const listed = digest!.pages.flat().length;
    for (let i = 1; i <= 14; i++) {
      const count = shown.split(`patrol strait-${String(i).padStart(2, '0')}`).length - 1;
      expect(count).toBeLessThanOrEqual(1);
    }
    expect(shown.match(/patrol strait-\d\d/g)).toHaveLength(listed);
    expect(listed + digest!.more).toBe(14);
    messages.forEach((m, i) => {
      expect(m.embeds[0]!.title).toBe(`Daily digest: “Taiwan Strait” (${i + 1} of ${messages.length})`);
    });
    if (digest!.more > 0) expect(messages.at(-1)!.embeds[0]!.footer!.text).toContain(`and ${digest!.more} more`);
  });

  it('subscribing again with mode:instant posts what was collected as alerts; without mode: it keeps the mode', async () => {
    setClock('2024-05-01T10:00:00Z');
    const h = await subscribed('daily');
    await collect(h, { 'strait-1.md': strait('strait-1', 'Monday') });
    const kept = await h.fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: MANAGE_CHANNELS }).waitForReply();
    expect(kept.data.embeds![0]!.description).toContain('This channel gets a daily digest at 08:00 UTC');
    expect(h.fake.channelMessages(GENERAL)).toEqual([]);
    await subscribed('instant');
    const [alert] = await h.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(alert!.embeds[0]!.title).toBe('Taiwan Strait patrol strait-1');
    await advanceTo(h, '2024-05-02T08:00:00Z');
    expect(h.fake.channelMessages(GENERAL)).toHaveLength(1);
  });

  it('/unsubscribe drops what a digest topic collected; a digest to a deleted channel pauses its topics with the reason', async () => {
    setClock('2024-05-01T10:00:00Z');
    const h = await subscribed('daily');
    await subscribed('weekly', NEWS);
    await collect(h, { 'strait-1.md': strait('strait-1', 'Monday') });
    await vi.waitFor(
      async () => expect((await h.bot.app.services.alerts.list({ guildId: GUILD, channelId: NEWS }))[0]!.collected).toBe(1),
      { timeout: 10_000 },
    );
    const gone = await h.fake.sendCommand('unsubscribe', { topic: 'Taiwan Strait' }, { permissions: MANAGE_CHANNELS }).waitForReply();
    expect(gone.data.embeds![0]!.description).toContain('no longer follows');
    h.fake.deleteChannel(NEWS);
    await advanceTo(h, '2024-05-06T08:00:00Z');
    await vi.waitFor(
      () => expect(events(h, 'subscriptions_paused')).toMatchObject([{ channel: NEWS, reason: 'the channel no longer exists' }]),
      { timeout: 10_000 },
    );
    expect(h.fake.channelMessages(GENERAL)).toEqual([]);
    expect(
      alertsFile(h.config.dataDir)
        .deliveries.map((d: { channelId: string; status: string }) => [d.channelId, d.status])
        .sort(),
    ).toEqual([
      [GENERAL, 'skipped'],
      [NEWS, 'failed'],
    ]);
  });

  it('a digest counts against the channel’s alert limit: at the limit it waits, says so in /subscriptions, then posts once', async () => {
    setClock('2024-05-01T10:00:00Z');
    harness = await startHarness({ ALERTS_PER_HOUR: '1' }, options);
    const h = await subscribed('daily');
    const instant = await h.fake
      .sendCommand('subscribe', { topic: 'Chinese warships', min_score: 'broad' }, { permissions: MANAGE_CHANNELS })
      .waitForReply();
    expect(instant.data.embeds![0]!.title).toBe('Subscribed: “Chinese warships”');
    await collect(h, { 'strait-1.md': strait('strait-1', 'Monday') });
    await h.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    await h.bot.app.services.alerts.idle(); // the alert is recorded as sent on day 1, not at the new time
    setClock('2024-05-02T07:45:00Z');
    await collect(h, { 'strait-2.md': strait('strait-2', 'Tuesday') });
    await h.fake.waitForChannelMessages(GENERAL, 2, 10_000);
    await advanceTo(h, '2024-05-02T08:00:00Z');
    expect(h.fake.channelMessages(GENERAL)).toHaveLength(2);
    const listed = await h.fake.sendCommand('subscriptions').waitForReply();
    expect(listed.data.embeds![0]!.description).toContain('a digest waits (waiting for the hourly alert limit (1) of this channel)');
    await advanceTo(h, '2024-05-02T08:45:00Z');
    const messages = await h.fake.waitForChannelMessages(GENERAL, 3, 10_000);
    expect(messages[2]!.embeds[0]!.description).toContain('2 articles matched this topic');
    await advanceTo(h, '2024-05-02T09:50:00Z');
    expect(h.fake.channelMessages(GENERAL)).toHaveLength(3);
  });
});
