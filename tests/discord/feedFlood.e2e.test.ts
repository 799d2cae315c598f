import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord';
import { articlesDir, GENERAL, GUILD, MANAGE_CHANNELS, MANAGE_GUILD, startHarness, TEST_TOKEN } from '../helpers/bot';
import { botEnv } from '../helpers/botEnv';
import { ROOT } from '../helpers/runScript';
import { rss, serve, storedFeed, type Item } from '../feeds/helpers';

let fake: FakeDiscord | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await fake?.close();
  fake = undefined;
});

const report = (n: number): Item => ({
  guid: `report-${n}`,
  title: `Strait report ${n}`,
  link: `https://news.example.org/report/${n}`,
  date: new Date(Date.UTC(2024, 4, 1) + n * 60_000).toISOString(),
  description: `<p>Warships crossed the Taiwan Strait for the ${n}th time, the ministry said.</p>`,
});

describe('a flooding feed', () => {
  it('a burst of matching items reaches a channel as one digest, not a queue of alerts behind the hourly limit', async () => {
    let items: Item[] = [report(0)];
    const server = await serve(
      (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Strait Watch', items)),
    );
    const harness = await startHarness(
      { FEEDS_ALLOW_PRIVATE: 'true' },
      { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, feedIntervalMs: 150, feedTickMs: 50 },
    );
    await harness.fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: MANAGE_CHANNELS }).waitForReply();
    await harness.fake
      .sendCommand('feed', [{ type: 1, name: 'add', options: [{ type: 3, name: 'url', value: `${server.base}/feed.xml` }] }], {
        permissions: MANAGE_GUILD,
      })
      .waitForReply();
    items = Array.from({ length: 30 }, (_, i) => report(30 - i));
    const [digest] = await harness.fake.waitForChannelMessages(GENERAL, 1, 15_000);
    expect(digest!.embeds[0]!.title).toBe('30 new articles on this channel’s topics');
    expect(digest!.embeds[0]!.description).toContain('Strait report 1 ');
    expect(digest!.embeds[0]!.footer?.text).toContain('and 15 more');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(harness.fake.channelMessages(GENERAL)).toHaveLength(1);
    const listed = await harness.fake.sendCommand('subscriptions').waitForReply();
    expect(listed.data.embeds![0]!.description).not.toMatch(/waiting/);
  }, 40_000);

  it('SIGTERM during the poll of a 20,000-item feed stops the process promptly', { timeout: 150_000 }, async () => {
    const bulk = Array.from(
      { length: 20_000 },
      (_, i) =>
        `<item><guid>bulk-${i}</guid><title>Bulk item number ${i} about the Taiwan Strait</title><description>Warships crossed the Taiwan Strait again, report ${i} said.</description></item>`,
    ).join('');
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Bulk</title>${bulk}</channel></rss>`;
    let served = 0;
    const server = await serve((_req, res) => {
      served++;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    });
    fake = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500 });
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-flood-'));
    const feed = storedFeed(new Date(0).toISOString(), {
      owner: GUILD,
      url: `${server.base}/feed.xml`,
      title: 'Bulk',
      addedBy: { userId: '1', guildId: GUILD, channelId: GENERAL },
    });
    writeFileSync(join(dataDir, 'feeds.json'), JSON.stringify({ version: 1, feeds: [feed] }));
    const env = {
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      ARTICLES_DIR: articlesDir(),
      DATA_DIR: dataDir,
      FEEDS_ALLOW_PRIVATE: 'true',
      FEED_MAX_ITEMS: '10000',
      FEED_MAX_BYTES: '20000000',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: botEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = Date.now() + 60_000;
    while (served === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(served).toBe(1);
    // Into the work on the items (the document is read by then on a loaded machine too).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 45_000))]);
    if (code !== 0) console.error(stderr.slice(-2000));
    expect(code).toBe(0);
    // Generous for a loaded machine; before the fix the process went on for minutes.
    expect(Date.now() - signalled).toBeLessThan(45_000);
  });
});
