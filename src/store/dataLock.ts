import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One process owns a data folder: lowdb keeps each file in memory and writes
 * it whole, so two processes on one folder overwrite each other's writes.
 *
 * The lock is a file created with O_EXCL holding the owner's pid. A lock whose
 * pid is no longer running a bot (the owner crashed or was killed) is stale
 * and taken over. A pid, not a heartbeat on the file's mtime (proper-lockfile's
 * way), because a bot whose event loop is busy for a while must not lose its
 * lock, and a restart after a crash must not wait for a lock to age.
 *
 * A manager process that runs the bot in several child processes holds the
 * lock itself and starts each child with `childLockEnv()`: a child whose
 * parent holds the lock (checked: the pid in the file is its parent's and is
 * running) goes on without taking it. The manager must then give each file
 * to one child only (history and alerts are per guild, so per shard).
 */
export const LOCK_FILE = 'policy-desk.lock';
/** Set by a manager process for its children: the pid that holds the data folder's lock for them. */
export const LOCK_HOLDER_ENV = 'POLICY_DESK_LOCK_HOLDER';

export class DataDirLockedError extends Error {}

export interface DataLock {
  readonly file: string;
  /** Removes the lock file (when this process took it); safe to call twice. */
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
  since: string;
}

/** Locks this process holds, with how many opens share each (tests and tools open an app twice on one folder). */
const held = new Map<string, number>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the lock's pid may still be a bot. Not when it is this process's own
 * pid (a container restarted with the same pid, 1, finds its previous life's
 * lock), nor when the pid now belongs to a program other than node (pids are
 * reused; Linux tells which program a pid runs, other systems are trusted).
 */
async function mayBeOwner(pid: number): Promise<boolean> {
  if (pid === process.pid || !isRunning(pid)) return false;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return command === null || /node|tsx/i.test(command);
}

async function readOwner(file: string): Promise<Owner | null> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<Owner>;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? (owner as Owner) : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    return null;
  }
}

async function create(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() } satisfies Owner));
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function inUse(dataDir: string, file: string, owner: Owner): DataDirLockedError {
  const where = owner.host === hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.host}`;
  return new DataDirLockedError(
    `the data folder ${dataDir} is in use by another Policy Desk process (${where}, since ${owner.since}). Stop that one first, or give this one its own DATA_DIR. If no such process runs, delete ${file}.`,
  );
}

/**
 * Removes a stale lock and takes it, unless another process is doing the
 * same: a second O_EXCL file guards the take-over, so two processes that both
 * found the lock stale cannot both end up holding it.
 */
async function takeOver(file: string, stale: string): Promise<boolean> {
  const guard = `${file}.takeover`;
  if (!(await create(guard))) {
    // A guard left by a process that died mid-take-over is old: remove it and let the caller try again.
    const age = await stat(guard).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > 10_000) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    const now = await readFile(file, 'utf8').catch(() => null);
    if (now !== null && now !== stale) return false;
    await unlink(file).catch(() => undefined);
    return await create(file);
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/** Takes the data folder for this process, or throws DataDirLockedError saying who has it. */
export async function lockDataDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<DataLock> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const mine = held.get(file);
  if (mine) {
    held.set(file, mine + 1);
    return handle(file);
  }
  const holder = Number(env[LOCK_HOLDER_ENV]);
  if (Number.isInteger(holder) && holder > 0) {
    const owner = await readOwner(file).catch(() => null);
    if (owner?.pid === holder && holder === process.ppid && owner.host === hostname() && isRunning(holder))
      return { file, release: async () => undefined };
    throw new DataDirLockedError(
      `${LOCK_HOLDER_ENV}=${holder} says the parent process holds the lock on ${dataDir}, but ${file} does not name a running parent`,
    );
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await create(file)) return register(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const owner = await readOwner(file).catch(() => null);
    // Another machine's pid cannot be checked from here (a shared network folder): refuse rather than guess.
    if (owner && (owner.host !== hostname() || (await mayBeOwner(owner.pid)))) throw inUse(dataDir, file, owner);
    if (await takeOver(file, text)) return register(file);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const owner = await readOwner(file).catch(() => null);
  throw owner
    ? inUse(dataDir, file, owner)
    : new DataDirLockedError(`could not take the lock ${file}; another process may be starting on ${dataDir}`);
}

function register(file: string): DataLock {
  held.set(file, 1);
  return handle(file);
}

function handle(file: string): DataLock {
  let released = false;
  return {
    file,
    release: async () => {
      if (released) return;
      released = true;
      const count = (held.get(file) ?? 1) - 1;
      if (count > 0) return void held.set(file, count);
      held.delete(file);
      const owner = await readOwner(file).catch(() => null);
      if (owner?.pid === process.pid) await unlink(file).catch(() => undefined);
    },
  };
}

/** The environment a manager that holds the lock passes to its children (see above). */
export function childLockEnv(): Record<string, string> {
  return { [LOCK_HOLDER_ENV]: String(process.pid) };
}
