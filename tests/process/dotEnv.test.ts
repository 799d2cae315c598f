import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_TOKEN } from '../helpers/bot';
import { startConsole, type ConsoleProcess } from '../helpers/consoleProcess';
import { ROOT } from '../helpers/runScript';

let started: ConsoleProcess | undefined;
afterEach(() => {
  started?.child.kill('SIGKILL');
  started = undefined;
  vi.unstubAllEnvs();
});

/** A folder standing for the repository a newcomer runs the tests in, with their own .env (node_modules linked, so tsx loads). */
function folderWithDotEnv(lines: string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'pd-dotenv-'));
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  writeFileSync(join(folder, '.env'), `${lines.join('\n')}\n`);
  return folder;
}

describe('a bot process a test starts', () => {
  it("takes no setting from the user's .env or shell: no Discord login, no changed answers", async () => {
    const folder = folderWithDotEnv([`DISCORD_TOKEN=${TEST_TOKEN}`, 'DISCORD_API_URL=http://127.0.0.1:9', 'QUOTES=banana']);
    vi.stubEnv('MIN_CONFIDENCE', 'lots');
    started = startConsole({ DATA_DIR: join(folder, 'data') }, 'node', false, folder);
    await started.ready;
    // Up as the console, not as a Discord bot: the token in .env was not read.
    expect(started.stderr()).not.toMatch(/QUOTES|MIN_CONFIDENCE|cannot start/);
    started.child.stdin!.end('/quit\n');
    expect(await started.exited).toBe(0);
  });
});
