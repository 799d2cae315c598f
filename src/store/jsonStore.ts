import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { TextFile } from 'lowdb/node';
import type { Logger } from '../log';

/** The store could not be read or written (read-only or full disk, a folder in the way); the message says which file. */
export class StoreWriteError extends Error {}

/**
 * One lowdb file. lowdb's TextFile writes through steno (temporary file +
 * rename), so a crash leaves the old or the new file. What lowdb does not do
 * is survive a file that is not ours to read: that is moved aside, loudly,
 * and a fresh one started, so a bad file never stops the bot.
 *
 * The file adapter is used directly, never JSONFilePreset, which under vitest
 * (NODE_ENV=test) silently swaps in an in-memory adapter.
 */
export class JsonStore<T> {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: Low<T>, readonly file: string) {}

  static async open<T>(file: string, empty: () => T, isValid: (data: unknown) => data is T, log: Logger): Promise<JsonStore<T>> {
    const text = new TextFile(file);
    let data = empty();
    let raw: string | null;
    try {
      await mkdir(dirname(file), { recursive: true });
      raw = await text.read();
    } catch (error) {
      throw new StoreWriteError(`could not open ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (raw !== null) {
      let parsed: unknown;
      let problem: string | null = null;
      try {
        parsed = JSON.parse(raw);
        if (!isValid(parsed)) problem = 'not the expected shape';
      } catch {
        problem = 'not valid JSON';
      }
      if (problem === null) {
        data = parsed as T;
      } else {
        const aside = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        try {
          await rename(file, aside);
        } catch (error) {
          throw new StoreWriteError(`${file} is ${problem} and could not be moved aside (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
        log.error('store_file_moved_aside', { file, movedTo: aside, problem, action: 'started a fresh file; the old one is kept for inspection' });
      }
    }
    const db = new Low<T>({ read: async () => data, write: (value: T) => text.write(JSON.stringify(value)) }, data);
    await db.read();
    return new JsonStore(db, file);
  }

  get data(): T {
    return this.db.data;
  }

  /**
   * Applies a change and writes the file; resolves once the change is on disk.
   * Changes are serialised so each write sees the ones before it.
   */
  update<R>(change: (data: T) => R): Promise<R> {
    const run = this.queue.then(async () => {
      const result = change(this.db.data);
      try {
        await this.db.write();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw new StoreWriteError(`could not save ${this.file} (${code})`);
      }
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every change made so far has been written (or failed). */
  flush(): Promise<void> {
    return this.queue.then(() => undefined);
  }
}
