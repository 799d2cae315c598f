import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { ROOT } from './runScript';
import { botEnv } from './botEnv';
import { shippedSeedsDir } from './seed';

export interface ManagerProcess {
  manager: ChildProcess;
  exited: Promise<number | null>;
  /** The manager's and its children's log lines, parsed, as they came. */
  lines: Record<string, unknown>[];
  /** Waits until `count` lines of `event` have come (failing at once if the manager exits). */
  waitForLog(event: string, count?: number, timeout?: number): Promise<Record<string, unknown>[]>;
  stderr(): string;
}

/** The processes a test started, to kill after it: managers, and children should their manager die without stopping them. */
export const started = { managers: [] as ChildProcess[], childPids: [] as number[] };

/** Kills what `startManager` started (SIGKILL also ends a child stopped with SIGSTOP). */
export function killStarted(): void {
  for (const manager of started.managers.splice(0)) manager.kill('SIGKILL');
  for (const pid of started.childPids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** `npm start`'s command (node --import tsx src/main.ts) with SHARD_PROCESSES=2: the manager, whose children log to the same stderr. */
export function startManager(env: Record<string, string>): ManagerProcess {
  const manager = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: botEnv({ SHARD_PROCESSES: '2', ARTICLES_DIR: shippedSeedsDir(), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.managers.push(manager);
  let stderr = '';
  const lines: Record<string, unknown>[] = [];
  manager.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk;
    const complete = stderr.split('\n');
    for (const line of complete.slice(lines.length, -1)) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ text: line });
      }
    }
    for (const l of lines)
      if (l.event === 'shard_process_started' && typeof l.pid === 'number' && !started.childPids.includes(l.pid))
        started.childPids.push(l.pid);
  });
  const exited = new Promise<number | null>((resolve) => manager.on('exit', (code) => resolve(code)));
  const waitForLog = (event: string, count = 1, timeout = 60_000) =>
    vi.waitFor(
      () => {
        if (manager.exitCode !== null) throw new Error(`the manager exited (${manager.exitCode}): ${stderr}`);
        const found = lines.filter((l) => l.event === event);
        expect(found.length, `${event} in ${stderr.slice(-3000)}`).toBeGreaterThanOrEqual(count);
        return found;
      },
      { timeout, interval: 100 },
    );
  return { manager, exited, lines, waitForLog, stderr: () => stderr };
}
