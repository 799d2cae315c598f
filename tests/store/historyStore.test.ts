import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/log';
import { HistoryStore } from '../../src/store/historyStore';
import { StoreWriteError } from '../../src/store/jsonStore';
import { ROOT } from '../helpers/runScript';

const tempDir = () => mkdtempSync(join(tmpdir(), 'pd-history-'));
const entry = (question: string, userId = 'u1') => ({ userId, question, answered: true, quotes: [{ articleId: 'a', start: 0, end: 5 }] });
const G = '2000000000000000001';

describe('HistoryStore', () => {
  it('writes one file per guild (and one for DMs) on disk, not in memory', async () => {
    const dir = tempDir();
    const store = new HistoryStore(dir, { maxEntries: 200, maxAgeDays: null }, silentLogger);
    await store.record({ guildId: G, channelId: 'c1' }, entry('first'));
    await store.record({ guildId: null, channelId: 'dm-1' }, entry('in a DM'));
    expect(readdirSync(join(dir, 'history')).sort()).toEqual(['dm.json', `guild-${G}.json`]);
    const onDisk = JSON.parse(readFileSync(join(dir, 'history', `guild-${G}.json`), 'utf8'));
    expect(onDisk.channels.c1[0]).toMatchObject({
      question: 'first',
      userId: 'u1',
      answered: true,
      quotes: [{ articleId: 'a', start: 0, end: 5 }],
    });
    // A second store on the same folder (a restart) reads it back.
    const again = new HistoryStore(dir, { maxEntries: 200, maxAgeDays: null }, silentLogger);
    expect((await again.recent({ guildId: G, channelId: 'c1' })).map((e) => e.question)).toEqual(['first']);
  });

  it('keeps channels apart and lists newest first', async () => {
    const store = new HistoryStore(tempDir(), { maxEntries: 200, maxAgeDays: null }, silentLogger);
    for (const q of ['one', 'two', 'three']) await store.record({ guildId: G, channelId: 'c1' }, entry(q));
    await store.record({ guildId: G, channelId: 'c2' }, entry('elsewhere'));
    expect((await store.recent({ guildId: G, channelId: 'c1' })).map((e) => e.question)).toEqual(['three', 'two', 'one']);
    expect((await store.recent({ guildId: G, channelId: 'c1' }, 2)).map((e) => e.question)).toEqual(['three', 'two']);
  });

  it('keeps at most N entries per channel and drops entries older than the age limit', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new HistoryStore(tempDir(), { maxEntries: 3, maxAgeDays: 7 }, silentLogger, () => now);
    for (const q of ['a', 'b', 'c', 'd']) await store.record({ guildId: G, channelId: 'c' }, entry(q));
    expect((await store.recent({ guildId: G, channelId: 'c' })).map((e) => e.question)).toEqual(['d', 'c', 'b']);
    now = new Date('2026-01-09T00:00:00Z');
    await store.record({ guildId: G, channelId: 'c' }, entry('e'));
    expect((await store.recent({ guildId: G, channelId: 'c' })).map((e) => e.question)).toEqual(['e']);
  });

  it('forgets one user everywhere in a guild, and clears one channel', async () => {
    const store = new HistoryStore(tempDir(), { maxEntries: 200, maxAgeDays: null }, silentLogger);
    await store.record({ guildId: G, channelId: 'c1' }, entry('mine', 'me'));
    await store.record({ guildId: G, channelId: 'c2' }, entry('mine too', 'me'));
    await store.record({ guildId: G, channelId: 'c2' }, entry('theirs', 'them'));
    expect(await store.forget(G, 'me')).toBe(2);
    expect((await store.recent({ guildId: G, channelId: 'c2' })).map((e) => e.question)).toEqual(['theirs']);
    expect(await store.clear({ guildId: G, channelId: 'c2' })).toBe(1);
    expect(await store.recent({ guildId: G, channelId: 'c2' })).toEqual([]);
  });

  it('keeps one vote per user on an entry, on disk, and forgets a user’s votes with their questions', async () => {
    const dir = tempDir();
    const store = new HistoryStore(dir, { maxEntries: 200, maxAgeDays: null }, silentLogger);
    const scope = { guildId: G, channelId: 'c1' };
    const theirs = await store.record(scope, entry('theirs', 'them'));
    const mine = await store.record(scope, entry('mine', 'me'));
    expect(await store.vote(scope, theirs.id, 'me', 'helpful')).toEqual({ previous: undefined });
    expect(await store.vote(scope, theirs.id, 'me', 'not-helpful')).toEqual({ previous: 'helpful' });
    expect(await store.vote(scope, theirs.id, 'them', 'helpful')).toEqual({ previous: undefined });
    expect(await store.vote(scope, mine.id, 'them', 'helpful')).toEqual({ previous: undefined });
    expect(await store.vote({ guildId: G, channelId: 'c2' }, theirs.id, 'me', 'helpful')).toBeNull();
    const again = new HistoryStore(dir, { maxEntries: 200, maxAgeDays: null }, silentLogger);
    expect((await again.get(scope, theirs.id))!.votes).toEqual({ me: 'not-helpful', them: 'helpful' });
    expect(await again.forgetUser(G, 'me')).toEqual({ questions: 1, votes: 1 });
    expect((await again.recent(scope)).map((e) => [e.question, e.votes])).toEqual([['theirs', { them: 'helpful' }]]);
  });

  it('lists a guild’s entries of a period across channels, oldest first', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new HistoryStore(tempDir(), { maxEntries: 200, maxAgeDays: null }, silentLogger, () => now);
    await store.record({ guildId: G, channelId: 'c2' }, entry('old'));
    now = new Date('2026-01-10T00:00:00Z');
    await store.record({ guildId: G, channelId: 'c2' }, entry('second'));
    now = new Date('2026-01-09T00:00:00Z');
    await store.record({ guildId: G, channelId: 'c1' }, entry('first'));
    const since = await store.entriesSince(G, new Date('2026-01-05T00:00:00Z'));
    expect(since.map((e) => [e.channelId, e.entry.question])).toEqual([
      ['c1', 'first'],
      ['c2', 'second'],
    ]);
  });

  it.each([
    ['truncated JSON', '{"version":1,"channels":{"c":[{"id":"x","quest'],
    ['the wrong shape', '{"version":1,"channels":{"c":"not a list"}}'],
    ['hand-edited nonsense', 'hello'],
  ])('moves a file holding %s aside with a loud log line and starts fresh', async (_name, content) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'history'));
    writeFileSync(join(dir, 'history', `guild-${G}.json`), content);
    const lines: Record<string, unknown>[] = [];
    const store = new HistoryStore(
      dir,
      { maxEntries: 200, maxAgeDays: null },
      createLogger('info', (l) => lines.push(JSON.parse(l))),
    );
    expect(await store.recent({ guildId: G, channelId: 'c' })).toEqual([]);
    await store.record({ guildId: G, channelId: 'c' }, entry('after'));
    const aside = readdirSync(join(dir, 'history')).find((f) => f.includes('.broken-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, 'history', aside!), 'utf8')).toBe(content);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', event: 'store_file_moved_aside', movedTo: expect.stringContaining('.broken-') }),
    ]);
  });

  it('gives a clear StoreWriteError when the file cannot be written, and works again once it can', async () => {
    const dir = tempDir();
    const store = new HistoryStore(dir, { maxEntries: 200, maxAgeDays: null }, silentLogger);
    await store.record({ guildId: G, channelId: 'c' }, entry('before'));
    // A directory where steno puts its temporary file makes every write fail (as root, permission bits would not).
    const temp = join(dir, 'history', `.guild-${G}.json.tmp`);
    mkdirSync(temp);
    await expect(store.record({ guildId: G, channelId: 'c' }, entry('blocked'))).rejects.toBeInstanceOf(StoreWriteError);
    await expect(store.record({ guildId: G, channelId: 'c' }, entry('blocked'))).rejects.toThrow(
      /could not save .*guild-.*\.json \(EISDIR\)/,
    );
    const { rmSync } = await import('node:fs');
    rmSync(temp, { recursive: true });
    await store.record({ guildId: G, channelId: 'c' }, entry('after'));
    const onDisk = JSON.parse(readFileSync(join(dir, 'history', `guild-${G}.json`), 'utf8'));
    expect(onDisk.channels.c.map((e: { question: string }) => e.question)).toContain('after');
  });

  it('loses no acknowledged write when the process is killed (SIGKILL) in the middle of a burst', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/store/burstWriter.ts'), dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked: number[] = [];
    await new Promise<void>((resolve) => {
      let buffer = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) acked.push(Number(line.slice(4)));
        if (acked.length >= 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const store = new HistoryStore(dir, { maxEntries: 100_000, maxAgeDays: null }, silentLogger);
    const found = new Set<number>();
    for (const guildId of [null, G]) {
      for (const channelId of ['c0', 'c1', 'c2', 'c3']) {
        for (const e of await store.recent({ guildId, channelId })) found.add(e.quotes[0]!.start);
      }
    }
    expect(existsSync(join(dir, 'history', 'dm.json'))).toBe(true);
    for (const file of readdirSync(join(dir, 'history')).filter((f) => f.endsWith('.json'))) {
      expect(() => JSON.parse(readFileSync(join(dir, 'history', file), 'utf8'))).not.toThrow();
    }
    const lost = acked.filter((i) => !found.has(i));
    expect(lost).toEqual([]);
    expect(found.size).toBeGreaterThanOrEqual(acked.length);
  });
});
