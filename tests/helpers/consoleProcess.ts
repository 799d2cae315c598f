import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { botEnv } from './botEnv';
import { shippedSeedsDir } from './seed';
import { ROOT } from './runScript';

export interface ConsoleProcess {
  child: ChildProcess;
  /** With `stdinHeldElsewhere`: the process whose output is the console's stdin. */
  feeder?: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves when the console has said it is up; rejects if the process exits first. */
  ready: Promise<void>;
  stderr(): string;
  stdout(): string;
}

/**
 * The bot's console as a long-running process (stdin kept open, so it waits
 * for input), started with node directly or through `npm start`.
 *
 * `stdinHeldElsewhere` feeds stdin from another process (as `cmd | npm start`
 * would), so that it stays open when the spawned process ends: Node closes a
 * child's stdin pipe when the child exits, which would end the console by
 * end of input and hide a bot left running.
 */
export function startConsole(
  env: Record<string, string>,
  how: 'node' | 'npm' = 'node',
  stdinHeldElsewhere = false,
  cwd = ROOT,
): ConsoleProcess {
  const [command, args] =
    how === 'npm' ? ['npm', ['start', '--silent']] : [process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')]];
  const feeder = stdinHeldElsewhere ? spawn('sleep', ['120'], { stdio: ['ignore', 'pipe', 'ignore'] }) : undefined;
  const child = spawn(command, args, {
    cwd,
    env: botEnv({ ARTICLES_DIR: shippedSeedsDir(), ...env }),
    stdio: [feeder ? feeder.stdout! : 'pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', () => stderr.includes('No DISCORD_TOKEN set') && resolve());
    void exited.then(() => reject(new Error(`the console exited before it was up: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, feeder, exited, ready, stderr: () => stderr, stdout: () => stdout };
}
