import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERAL, startHarness } from '../helpers/bot';
import { runScript } from '../helpers/runScript';

const taiwan = `---\ntitle: Strait tensions rise\ndate: 2024-05-01\n---\nChinese warships sailed through the Taiwan Strait on Monday, the defence ministry said.\n`;

describe('the console’s state stays out of Discord mode', () => {
  it('a topic subscribed in the console does not fire when the same data folder runs the bot on Discord', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-data-'));
    const consoleRun = await runScript('src/main.ts', [], {
      input: '/subscribe topic:"Taiwan Strait"\n/ask What did Kishida promise?\n',
      env: { DATA_DIR: dataDir },
      timeoutMs: 60_000,
    });
    expect(consoleRun.code).toBe(0);
    expect(consoleRun.stdout).toContain('Taiwan Strait');

    const harness = await startHarness({ DATA_DIR: dataDir });
    await harness.fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: (1n << 4n).toString() }).waitForReply();
    writeFileSync(join(harness.config.articlesDir, 'strait.md'), taiwan);
    await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    await harness.bot.app.services.alerts.idle();
    expect(harness.fake.requests.filter((r) => r.path.includes('/channels/console'))).toEqual([]);
    expect(harness.logs.filter((l) => l.event === 'subscriptions_paused')).toEqual([]);
    // Nor does the console's history show on Discord: the DM history file is not the console's.
    const history = await harness.fake.sendCommand('history', [{ type: 1, name: 'show', options: [] }]).waitForReply();
    expect(history.data.embeds![0]!.description).not.toContain('Kishida');
  });
});
