import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { threadName } from '../../src/discord/threadName';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_GUILD_ID, Perm, type FakeGuild } from '../fakeDiscord';
import { GENERAL, GUILD, type Harness, MANAGE_CHANNELS, NEWS, startHarness } from '../helpers/bot';

const WITH_THREADS = (BigInt(DEFAULT_BOT_PERMISSIONS) | Perm.CreatePublicThreads).toString();
const guild = (botPermissions = WITH_THREADS): FakeGuild[] => [
  {
    id: DEFAULT_GUILD_ID,
    name: 'Test Guild',
    botPermissions,
    channels: [
      { id: GENERAL, name: 'general' },
      { id: NEWS, name: 'news' },
    ],
  },
];
const article = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-05-01\nsource: Wire\n---\n${body}\n`;
const taiwan = article(
  'Strait tensions rise',
  'Chinese warships sailed through the Taiwan Strait on Monday, the defence ministry said.\n\nOfficials in Taipei called the move a provocation and raised the alert level.',
);
const start = (botPermissions?: string) =>
  startHarness({}, { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100 }, { guilds: guild(botPermissions) });
const subscribe = (h: Harness, options: Record<string, string | boolean>) =>
  h.fake.sendCommand('subscribe', options, { permissions: MANAGE_CHANNELS }).waitForReply();
const threadPosts = (h: Harness) =>
  h.fake.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages\/\d+\/threads$/.test(r.path));

describe('alerts in threads', () => {
  it('opens a public thread named after the article on each alert, and says so in /subscribe and /subscriptions', async () => {
    const harness = await start();
    const ok = await subscribe(harness, { topic: 'Taiwan Strait', thread: true });
    expect(ok.data.embeds![0]!.description).toContain('Each alert opens a public thread named after the article');
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    const [alert] = await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    await vi.waitFor(() => expect(harness!.fake.threads(GENERAL)).toHaveLength(1), { timeout: 10_000 });
    expect(harness.fake.threads(GENERAL)[0]).toMatchObject({ messageId: alert!.id, name: 'Strait tensions rise' });
    await harness.bot.app.services.alerts.idle();
    const file = await harness.bot.app.services.alerts.list({ guildId: GUILD, channelId: GENERAL });
    expect(file[0]!.subscription).toMatchObject({ thread: true, alertsSent: 1 });
    // The delivery record keeps the thread it opened (a thread started from a message has the message's id).
    const stored = JSON.parse(readFileSync(join(harness.config.dataDir, 'alerts', `guild-${GUILD}.json`), 'utf8')) as {
      deliveries: { status: string; threadId?: string }[];
    };
    expect(stored.deliveries).toEqual([expect.objectContaining({ status: 'sent', threadId: alert!.id })]);
    const listed = await harness.fake.sendCommand('subscriptions').waitForReply();
    expect(listed.data.embeds![0]!.description).toContain('alerts open a thread');

    // Subscribing again without thread: keeps the choice; thread:false turns it off.
    await subscribe(harness, { topic: 'Taiwan Strait', min_score: 'strict' });
    expect((await harness.fake.sendCommand('subscriptions').waitForReply()).data.embeds![0]!.description).toContain('alerts open a thread');
    await subscribe(harness, { topic: 'Taiwan Strait', thread: false });
    expect((await harness.fake.sendCommand('subscriptions').waitForReply()).data.embeds![0]!.description).not.toContain('thread');
  });

  it('answers /ask inside an alert thread from that thread’s article first, and from the library when it does not answer', async () => {
    const harness = await start();
    await subscribe(harness, { topic: 'Taiwan Strait', thread: true });
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    const [alert] = await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    await vi.waitFor(() => expect(harness!.fake.threads(GENERAL)).toHaveLength(1), { timeout: 10_000 });
    await harness.bot.app.services.alerts.idle();
    const thread = alert!.id;
    const text = (reply: { data: { embeds?: { description?: string; footer?: { text?: string } }[] } }) =>
      reply.data.embeds!.map((e) => `${e.description ?? ''} ${e.footer?.text ?? ''}`).join('\n');
    const inThread = await harness.fake
      .sendCommand('ask', { question: 'What did officials call the move?' }, { channelId: thread })
      .waitForReply();
    expect(text(inThread)).toContain('From the article this thread is about');
    expect(text(inThread)).toContain('called the move a provocation');
    // Outside the thread the same question reads the whole library, without that note.
    const outside = await harness.fake
      .sendCommand('ask', { question: 'What did officials call the move?' }, { channelId: NEWS })
      .waitForReply();
    expect(text(outside)).not.toContain('From the article this thread is about');
    // A question the thread's article does not answer is answered from the library.
    const elsewhere = await harness.fake
      .sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }, { channelId: thread })
      .waitForReply();
    expect(text(elsewhere)).not.toContain('From the article this thread is about');
    expect(text(elsewhere)).toContain('Tokyo chairs the CPTPP');
  });

  it('without Create Public Threads, says so at subscribe time and posts without a thread', async () => {
    const harness = await start(DEFAULT_BOT_PERMISSIONS);
    const ok = await subscribe(harness, { topic: 'Taiwan Strait', thread: true });
    expect(ok.data.embeds![0]!.description).toContain(
      'Alerts are posted without a thread: the bot lacks the Create Public Threads permission in this channel. Give the bot that permission here, then run /subscribe again with thread:true.',
    );
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    await harness.bot.app.services.alerts.idle();
    expect(threadPosts(harness)).toEqual([]);
    const listed = await harness.fake.sendCommand('subscriptions').waitForReply();
    expect(listed.data.embeds![0]!.description).toContain('no thread: the bot lacks the Create Public Threads permission in this channel');
  });

  it('a thread that fails to open never makes the alert post again; the next alert tries again', async () => {
    const harness = await start();
    await subscribe(harness, { topic: 'Taiwan Strait', thread: true });
    harness.fake.failNext(
      { method: 'POST', path: /\/threads$/ },
      { status: 403, body: { message: 'Missing Permissions', code: 50013 } },
      1,
    );
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    await vi.waitFor(() => expect(harness!.logs.some((l) => l.event === 'alert_thread_failed')).toBe(true), { timeout: 10_000 });
    await harness.bot.app.services.alerts.idle();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.fake.channelMessages(GENERAL)).toHaveLength(1);
    expect(harness.fake.threads()).toEqual([]);
    const listed = await harness.fake.sendCommand('subscriptions').waitForReply();
    expect(listed.data.embeds![0]!.description).toContain(
      'alerts open a thread (the last alert’s thread could not be opened: the bot lacks Create Public Threads in this channel)',
    );

    writeFileSync(
      join(harness.config.articlesDir, 'strait-2.md'),
      article('More warships in the Taiwan Strait', 'More warships crossed the Taiwan Strait on Wednesday, officials said.'),
    );
    await harness.fake.waitForChannelMessages(GENERAL, 2, 10_000);
    await vi.waitFor(() => expect(harness!.fake.threads(GENERAL).map((t) => t.name)).toEqual(['More warships in the Taiwan Strait']), {
      timeout: 10_000,
    });
  });

  it('names the thread within Discord’s 100 characters, on one line, with no mention', async () => {
    const harness = await start();
    await subscribe(harness, { topic: 'Taiwan Strait', thread: true });
    const title = `@everyone Taiwan Strait ${'very '.repeat(40)}long headline`;
    // Quoted in the front matter: YAML reserves a leading "@".
    writeFileSync(
      join(harness.config.articlesDir, 'long.md'),
      article(
        JSON.stringify(title),
        'Chinese warships sailed through the Taiwan Strait on Monday.\n\nThe Taiwan Strait crossing was the third this month.',
      ),
    );
    await vi.waitFor(() => expect(harness!.fake.threads(GENERAL)).toHaveLength(1), { timeout: 10_000 });
    const { name } = harness.fake.threads(GENERAL)[0]!;
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).toMatch(/^@\u200beveryone Taiwan Strait very .*…$/);
    expect(threadName('Line one\n\nline\ttwo\u0007')).toBe('Line one line two');
    expect(threadName(' \n ')).toBe('New article');
  });
});
