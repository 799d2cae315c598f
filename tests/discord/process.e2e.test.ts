import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord';
import { articlesDir, TEST_TOKEN } from '../helpers/bot';
import { ROOT } from '../helpers/runScript';

let fake: FakeDiscord | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await fake?.close();
  fake = undefined;
});

function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('the bot process', () => {
  it('serves, stops cleanly on SIGTERM (exit 0), and has the channel history after a restart', async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500 });
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiUrl, ARTICLES_DIR: articlesDir(), DATA_DIR: mkdtempSync(join(tmpdir(), 'pd-proc-')) };
    const first = startBot(env);
    await fake.waitForIdentify(1, 15_000);
    const answer = await fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply(10_000);
    expect(answer.data.embeds![0]!.description).toContain('Kishida promised');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toMatch(/"event":"stopped"/);
    expect(first.stderr()).not.toContain(TEST_TOKEN);

    const second = startBot(env);
    await fake.waitForIdentify(2, 15_000);
    const history = await fake.sendCommand('history', [{ type: 1, name: 'show', options: [] }]).waitForReply(10_000);
    expect(history.data.embeds![0]!.description).toContain('What did Kishida promise?');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('stops with one clear line when a setting is malformed', async () => {
    const bot = startBot({ DISCORD_TOKEN: 'not-a-token' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim()).toBe('Policy Desk cannot start: DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it from the Bot page of the developer portal');
  });
});
