import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startConsole, type ConsoleProcess } from '../helpers/consoleProcess';

let started: ConsoleProcess | undefined;
let tree: number[] = [];
afterEach(() => {
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
  }
  started?.feeder?.kill('SIGKILL');
  started = undefined;
  tree = [];
});

/** The pid and every descendant of it, from ps. */
function processTree(root: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, ppid] of rows) if (ppid === found[i]) found.push(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('stopping npm start', () => {
  it('SIGTERM to the npm process stops the bot: every process it started is gone within seconds', { timeout: 90_000 }, async () => {
    started = startConsole({ DATA_DIR: mkdtempSync(join(tmpdir(), 'pd-signals-')) }, 'npm', true);
    await started.ready;
    tree = processTree(started.child.pid!);
    // npm and the bot's node (at least); nothing is left to be re-parented to init.
    expect(tree.length).toBeGreaterThanOrEqual(2);
    started.child.kill('SIGTERM');
    await vi.waitFor(() => expect(tree.filter(alive)).toEqual([]), { timeout: 20_000, interval: 100 });
  });
});
