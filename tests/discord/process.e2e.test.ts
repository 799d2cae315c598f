import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord';
import { articlesDir, GENERAL, TEST_TOKEN } from '../helpers/bot';
import { botEnv } from '../helpers/botEnv';
import { ROOT } from '../helpers/runScript';

let fake: FakeDiscord | undefined;
const children: ChildProcess[] = [];
// A bot process started through tsx compiles the sources first: on a loaded 2-core machine that alone took over 15 s.
const PROCESS_START_MS = 45_000;

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await fake?.close();
  fake = undefined;
});

function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: botEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Up means logged in, alerts and the folder watcher started.
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', () => stderr.includes('"event":"ready"') && resolve());
    void exited.then(() => reject(new Error(`the bot exited before it was ready: ${stderr}`)));
  });
  // Only tests that wait for readiness care; for the others an early exit is the point.
  ready.catch(() => undefined);
  return { child, exited, ready, stderr: () => stderr };
}

describe('the bot process', () => {
  it('serves, stops cleanly on SIGTERM (exit 0), and has the channel history after a restart', { timeout: 180_000 }, async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500 });
    const env = {
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      ARTICLES_DIR: articlesDir(),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pd-proc-')),
    };
    const first = startBot(env);
    await fake.waitForIdentify(1, PROCESS_START_MS);
    const answer = await fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply(10_000);
    expect(answer.data.embeds![0]!.description).toContain('Kishida promised');
    first.child.kill('SIGTERM');
    const code = await first.exited;
    if (code !== 0) console.error(first.stderr());
    expect(code).toBe(0);
    expect(first.stderr()).toMatch(/"event":"stopped"/);
    expect(first.stderr()).not.toContain(TEST_TOKEN);

    const second = startBot(env);
    await fake.waitForIdentify(2, PROCESS_START_MS);
    const history = await fake.sendCommand('history', [{ type: 1, name: 'show', options: [] }]).waitForReply(10_000);
    expect(history.data.embeds![0]!.description).toContain('What did Kishida promise?');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('sends an alert exactly once when the bot is killed (SIGKILL) after posting it but before recording it', {
    timeout: 180_000,
  }, async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500 });
    const articles = articlesDir();
    const env = {
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      ARTICLES_DIR: articles,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pd-proc-')),
    };
    const first = startBot(env);
    await first.ready;
    await fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: String(1 << 4) }).waitForReply(10_000);
    // Discord takes the post but the answer never reaches the bot before it dies.
    fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, { holdAnswerMs: 30_000 });
    writeFileSync(
      join(articles, 'strait.md'),
      '---\ntitle: Strait tensions\n---\nChinese warships sailed through the Taiwan Strait on Monday, the ministry said.\n',
    );
    await fake.waitForChannelMessages(GENERAL, 1, PROCESS_START_MS);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = startBot(env);
    await fake.waitForIdentify(2, PROCESS_START_MS);
    await fake.waitForRequest({ method: 'POST', path: /^\/channels\/\d+\/messages$/ }, PROCESS_START_MS);
    const posts = () => fake!.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));
    await vi.waitFor(() => expect(posts()).toHaveLength(2), { timeout: 10_000 });
    expect((posts()[0]!.body as { nonce: string }).nonce).toBe((posts()[1]!.body as { nonce: string }).nonce);
    await vi.waitFor(
      async () => {
        const listed = await fake!.sendCommand('subscriptions').waitForReply(10_000);
        expect(listed.data.embeds![0]!.description).toContain('1 alert sent');
      },
      { timeout: 10_000 },
    );
    expect(fake.channelMessages(GENERAL)).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('stops with one clear line when a setting is malformed', async () => {
    const bot = startBot({ DISCORD_TOKEN: 'not-a-token' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim()).toBe(
      'Policy Desk cannot start: DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it from the Bot page of the developer portal',
    );
  });
});
