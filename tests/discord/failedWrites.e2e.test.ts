import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { GENERAL, GUILD, type Harness, MANAGE_CHANNELS, MANAGE_MESSAGES, startHarness } from '../helpers/bot';

const taiwan = `---\ntitle: Strait tensions rise\ndate: 2024-05-01\n---\nChinese warships sailed through the Taiwan Strait on Monday, the defence ministry said.\n`;

/**
 * A folder where the store's temporary file goes makes every write of that
 * file fail (EISDIR), even for root, for whom a read-only folder is no obstacle.
 */
function blockWrites(h: Harness, folder: 'alerts' | 'history'): () => void {
  const blocker = join(h.config.dataDir, folder, `.guild-${GUILD}.json.tmp`);
  mkdirSync(blocker, { recursive: true });
  return () => rmSync(blocker, { recursive: true });
}

const onDisk = (h: Harness, folder: 'alerts' | 'history') =>
  JSON.parse(readFileSync(join(h.config.dataDir, folder, `guild-${GUILD}.json`), 'utf8'));

describe('a write that fails changes nothing, in memory as on disk', () => {
  it('/subscribe that could not be saved is not listed by /subscriptions, before or after a restart', async () => {
    const harness = await startHarness();
    await harness.fake.sendCommand('subscribe', { topic: 'CPTPP accession' }, { permissions: MANAGE_CHANNELS }).waitForReply();
    const unblock = blockWrites(harness, 'alerts');
    const refused = await harness.fake
      .sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: MANAGE_CHANNELS })
      .waitForReply();
    expect(refused.data.embeds![0]!.description).toMatch(/could not save/);
    const listed = await harness.fake.sendCommand('subscriptions').waitForReply();
    expect(listed.data.embeds![0]!.description).toContain('CPTPP accession');
    expect(listed.data.embeds![0]!.description).not.toContain('Taiwan Strait');
    expect(onDisk(harness, 'alerts').subscriptions.map((s: { topic: string }) => s.topic)).toEqual(['CPTPP accession']);
    unblock();
    await harness.restart();
    const after = await harness.fake.sendCommand('subscriptions').waitForReply();
    expect(after.data.embeds![0]!.description).not.toContain('Taiwan Strait');
  });

  it('/history clear that could not be saved leaves the history shown', async () => {
    const harness = await startHarness();
    await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    blockWrites(harness, 'history');
    await harness.fake.sendCommand('history', [{ type: 1, name: 'clear', options: [] }], { permissions: MANAGE_MESSAGES }).waitForReply();
    const done = await harness.fake.clickButton('history:confirm-clear', { permissions: MANAGE_MESSAGES }).waitForReply();
    expect(done.data.embeds![0]!.description).toMatch(/not writable/);
    const shown = await harness.fake.sendCommand('history', [{ type: 1, name: 'show', options: [] }]).waitForReply();
    expect(shown.data.embeds![0]!.description).toContain('What did Kishida promise?');
    expect(onDisk(harness, 'history').channels[GENERAL]).toHaveLength(1);
  });

  it('/ask whose history entry could not be saved says so, and /history does not show it, before or after a restart', async () => {
    const harness = await startHarness();
    await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    const unblock = blockWrites(harness, 'history');
    const answered = await harness.fake.sendCommand('ask', { question: 'What is the Taiwan Strait?' }).waitForReply();
    expect(JSON.stringify(answered.data)).toContain('could not be saved to the channel history');
    const shown = await harness.fake.sendCommand('history', [{ type: 1, name: 'show', options: [] }]).waitForReply();
    expect(shown.data.embeds![0]!.description).toContain('What did Kishida promise?');
    expect(shown.data.embeds![0]!.description).not.toContain('What is the Taiwan Strait?');
    expect(onDisk(harness, 'history').channels[GENERAL]).toHaveLength(1);
    unblock();
    await harness.restart();
    const after = await harness.fake.sendCommand('history', [{ type: 1, name: 'show', options: [] }]).waitForReply();
    expect(after.data.embeds![0]!.description).toContain('What did Kishida promise?');
    expect(after.data.embeds![0]!.description).not.toContain('What is the Taiwan Strait?');
  });

  it('an alert whose outbox row could not be written is not posted; after a restart it is posted once', async () => {
    const harness = await startHarness();
    await harness.fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: MANAGE_CHANNELS }).waitForReply();
    const unblock = blockWrites(harness, 'alerts');
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    await vi.waitFor(() => expect(harness!.bot.app.services.library.get('strait')).toBeDefined(), { timeout: 10_000 });
    await vi.waitFor(
      () =>
        expect(harness!.logs.find((l) => l.event === 'article_not_handled')).toMatchObject({
          id: 'strait',
          reason: expect.stringContaining('could not save'),
        }),
      { timeout: 10_000 },
    );
    // Give a wrongly queued alert every chance to go out (the test harness ticks every 100 ms).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await harness.bot.app.services.alerts.idle();
    expect(harness.fake.channelMessages(GENERAL)).toEqual([]);
    expect(onDisk(harness, 'alerts').deliveries).toEqual([]);
    unblock();
    await harness.restart();
    await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    await harness.restart();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.fake.channelMessages(GENERAL)).toHaveLength(1);
  });
});

describe('temporary files left by a crash', () => {
  it('are removed at start; a folder of the same name is left alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-data-'));
    const stray = [
      join('history', `.guild-${GUILD}.json.tmp`),
      join('alerts', '.dm.json.tmp'),
      '.feeds.json.tmp',
      'search-index.bin.4242.tmp',
      join('feed-articles', '.feed-x.md.4242.ab12cd34.tmp'),
    ];
    for (const file of stray) {
      mkdirSync(join(dataDir, file, '..'), { recursive: true });
      writeFileSync(join(dataDir, file), '{"version":1,"chan');
    }
    mkdirSync(join(dataDir, 'history', '.dm.json.tmp'));
    const harness = await startHarness({ DATA_DIR: dataDir });
    for (const file of stray) expect(existsSync(join(dataDir, file)), file).toBe(false);
    expect(existsSync(join(dataDir, 'history', '.dm.json.tmp'))).toBe(true);
    expect(harness.logs.find((l) => l.event === 'temp_files_removed')).toMatchObject({ files: expect.arrayContaining(stray) });
  });
});
