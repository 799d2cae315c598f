import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { childLockEnv, LOCK_FILE, LOCK_HOLDER_ENV, lockDataDir } from '../../src/store/dataLock';
import { CONSOLE_DATA_SUBDIR } from '../../src/app';
import { startConsole, type ConsoleProcess } from '../helpers/consoleProcess';

const running: ConsoleProcess[] = [];
afterEach(() => {
  for (const process of running.splice(0)) process.child.kill('SIGKILL');
});
const start = (env: Record<string, string>) => {
  const started = startConsole(env);
  running.push(started);
  return started;
};
const tempDir = () => mkdtempSync(join(tmpdir(), 'pd-lock-'));

/** A pid that surely belongs to no running process: one that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('one process per data folder', () => {
  it('refuses a second process on the same data folder with a clear message naming the first one’s pid; takes over once the first is killed', {
    timeout: 90_000,
  }, async () => {
    const dataDir = tempDir();
    const lockFile = join(dataDir, CONSOLE_DATA_SUBDIR, LOCK_FILE);
    const first = start({ DATA_DIR: dataDir });
    await first.ready;
    const second = start({ DATA_DIR: dataDir });
    expect(await Promise.race([second.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 45_000))])).toBe(1);
    expect(second.stderr()).toContain(
      `Policy Desk cannot start: the data folder ${join(dataDir, CONSOLE_DATA_SUBDIR)} is in use by another Policy Desk process (pid ${first.child.pid},`,
    );
    expect(second.stderr()).not.toMatch(/at .*\.ts:\d+/);
    // The first goes on serving.
    first.child.stdin!.write('/articles\n');
    await vi.waitFor(() => expect(first.stdout()).toContain('000_02b1b7e6bf94f65a'), { timeout: 20_000 });
    // Killed, it leaves its lock behind; the next process sees that pid is gone and takes the folder.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(first.child.pid);
    const third = start({ DATA_DIR: dataDir });
    await third.ready;
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(third.child.pid);
    // Ending normally, it removes its lock.
    third.child.stdin!.end();
    expect(await third.exited).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('lets a manager hold the lock for its children, and refuses a child whose parent does not hold it', { timeout: 90_000 }, async () => {
    const dataDir = tempDir();
    // This test process plays the manager, holding the console's folder.
    const lock = await lockDataDir(join(dataDir, CONSOLE_DATA_SUBDIR));
    try {
      const child = start({ DATA_DIR: dataDir, ...childLockEnv() });
      await child.ready;
      const stranger = start({ DATA_DIR: dataDir, [LOCK_HOLDER_ENV]: String(await deadPid()) });
      expect(await stranger.exited).toBe(1);
      expect(stranger.stderr()).toMatch(/Policy Desk cannot start: POLICY_DESK_LOCK_HOLDER=\d+ says the parent process holds the lock/);
    } finally {
      await lock.release();
    }
  });

  it('takes over a lock file naming a dead pid, a pid reused by another program or its own pid, and refuses one naming a live node process', async () => {
    const dataDir = tempDir();
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: await deadPid(), host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00.000Z' }),
    );
    const lock = await lockDataDir(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    // A pid reused by another program, or this process's own pid (a container restarted as pid 1), is not a bot holding the folder.
    for (const pid of [process.pid, ...(process.platform === 'linux' ? [spawn('sleep', ['30']).pid!] : [])]) {
      writeFileSync(
        join(dataDir, LOCK_FILE),
        JSON.stringify({ pid, host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00.000Z' }),
      );
      const taken = await lockDataDir(dataDir);
      expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      await taken.release();
      if (pid !== process.pid) process.kill(pid, 'SIGKILL');
    }

    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(
        join(dataDir, LOCK_FILE),
        JSON.stringify({ pid: other.pid, host: (await import('node:os')).hostname(), since: '2026-01-01T00:00:00.000Z' }),
      );
      await expect(lockDataDir(dataDir)).rejects.toThrow(`in use by another Policy Desk process (pid ${other.pid}`);
    } finally {
      other.kill('SIGKILL');
    }
  });
});
