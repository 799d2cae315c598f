import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeDiscord } from '../fakeDiscord';
import { articlesDir, GUILD, TEST_TOKEN } from '../helpers/bot';
import { botEnv } from '../helpers/botEnv';
import { ROOT, runScript } from '../helpers/runScript';

// Built once into a temp folder (never the working tree's dist/), beside a link to
// node_modules so the bundle's package imports resolve as they would in a deployment.
let dist = '';
beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'pd-build-'));
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  dist = join(folder, 'dist');
  const built = await runScript('scripts/build.ts', ['--outdir', dist], { timeoutMs: 60_000 });
  expect(built.code, built.stderr).toBe(0);
}, 90_000);

const dataDir = () => mkdtempSync(join(tmpdir(), 'pd-compiled-'));
const compiled = (file: string) => relative(ROOT, join(dist, file));

describe('npm run build', () => {
  it('writes the entry points, one file per command and the word vectors', () => {
    const files = readdirSync(dist, { recursive: true }).map(String);
    expect(files).toEqual(
      expect.arrayContaining(['main.js', 'ask.js', 'deploy-commands.js', join('commands', 'ask.js'), join('commands', 'help.js')]),
    );
    expect(files.some((file) => file.endsWith('wordVectors.bin'))).toBe(true);
  });

  it('gives a console that answers piped input exactly as the sources do', { timeout: 120_000 }, async () => {
    const input = [
      'Who chairs the CPTPP working group?',
      '/press 1',
      '/lookup term:"Taiwan Strait"',
      '/articles',
      '/help',
      '/nope',
      '',
    ].join('\n');
    // One after the other: the machine running the tests is often busy enough already.
    const fromDist = await runScript(compiled('main.js'), [], { input, env: { DATA_DIR: dataDir() }, compiled: true });
    const fromSources = await runScript('src/main.ts', [], { input, env: { DATA_DIR: dataDir() } });
    expect(fromDist.code, fromDist.stderr).toBe(0);
    // Nothing on stderr but the console's own line: no word vectors missing, no command file ignored.
    expect(fromDist.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^No DISCORD_TOKEN set: local console on 1 article/)]);
    expect(fromDist.stdout).toContain('“Tokyo chairs the CPTPP London membership working group.”');
    expect(fromDist.stdout).toContain('/subscribe topic:');
    expect(fromDist.stdout).toBe(fromSources.stdout);
  });

  it('gives a one-shot ask and a deploy-commands that run on plain node', { timeout: 120_000 }, async () => {
    const asked = await runScript(compiled('ask.js'), ['What did Kishida promise?', '--json'], { compiled: true });
    expect(asked.code, asked.stderr).toBe(0);
    expect(JSON.parse(asked.stdout)).toMatchObject({ answered: true });

    const fake = await startFakeDiscord({ token: TEST_TOKEN });
    try {
      const deployed = await runScript(compiled('deploy-commands.js'), [], {
        compiled: true,
        env: { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: GUILD },
      });
      expect(deployed.code, deployed.stderr).toBe(0);
      const commandFiles = readdirSync(join(ROOT, 'commands')).filter((file) => file.endsWith('.ts'));
      expect(deployed.stdout).toBe(`Registered ${commandFiles.length} commands for guild ${GUILD}.\n`);
      expect(fake.guildCommands.get(GUILD)).toHaveLength(commandFiles.length);
    } finally {
      await fake.close();
    }
  });

  it('gives a Discord bot that answers, reports its health, and exits 0 on SIGTERM', { timeout: 120_000 }, async () => {
    const fake = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500 });
    const child = spawn(process.execPath, [join(dist, 'main.js')], {
      cwd: ROOT,
      env: botEnv({
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        ARTICLES_DIR: articlesDir(),
        DATA_DIR: dataDir(),
        METRICS_PORT: '0',
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await fake.waitForIdentify(1, 60_000);
      const answer = await fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply(20_000);
      expect(answer.data.embeds![0]!.description).toContain('Kishida promised');
      await vi.waitFor(() => expect(stderr).toContain('"event":"ready"'), { timeout: 30_000 });
      const ready = stderr
        .split('\n')
        .map((line) => (line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : {}))
        .find((line) => line.event === 'ready');
      const health = await fetch(`${String(ready?.metrics)}/healthz`);
      expect(health.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toMatch(/"event":"stopped"/);
    } finally {
      child.kill('SIGKILL');
      await fake.close();
    }
  });

  it('runs the shards in two processes with SHARD_PROCESSES=2 (children on plain node), answering in guilds on both', {
    timeout: 300_000,
  }, async () => {
    // The default guild is on shard 1 of 2, this one on shard 0.
    const other = { id: '2000000000004194304', channel: '3000000000000000101' };
    const fake = await startFakeDiscord({
      token: TEST_TOKEN,
      heartbeatIntervalMs: 500,
      shards: 2,
      guilds: [
        { id: GUILD, name: 'one', channels: [{ id: '3000000000000000001', name: 'general' }] },
        { id: other.id, name: 'zero', channels: [{ id: other.channel, name: 'general' }] },
      ],
    });
    const child = spawn(process.execPath, [join(dist, 'main.js')], {
      cwd: ROOT,
      env: botEnv({
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        ARTICLES_DIR: articlesDir(),
        DATA_DIR: dataDir(),
        METRICS_PORT: '0',
        SHARD_PROCESSES: '2',
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await vi.waitFor(() => expect(stderr).toContain('"event":"shards_ready"'), { timeout: 240_000, interval: 200 });
      for (const place of [
        { guildId: GUILD, channelId: '3000000000000000001' },
        { guildId: other.id, channelId: other.channel },
      ]) {
        const answer = await fake.sendCommand('ask', { question: 'What did Kishida promise?' }, place).waitForReply(20_000);
        expect(answer.data.embeds![0]!.description).toContain('Kishida promised');
      }
      const ready = stderr
        .split('\n')
        .map((line) => (line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : {}))
        .find((line) => line.event === 'shards_ready');
      expect((await fetch(`${String(ready?.metrics)}/healthz`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr.match(/"event":"stopped"/g)).toHaveLength(3);
    } finally {
      child.kill('SIGKILL');
      await fake.close();
    }
  });
});
