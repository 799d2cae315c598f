import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
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
 *
 * Memory never runs ahead of the disk: a change is made to a copy, and the
 * copy replaces the data only once it is written. A failed write (full disk,
 * read-only file) leaves both as they were, so what the bot shows is what a
 * restart would show.
 */
export class JsonStore<T> {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private current: T,
    private readonly text: TextFile,
    readonly file: string,
    private readonly copy: (data: T) => T,
  ) {}

  /**
   * `copy` makes the draft a change works on. The default copies everything;
   * a store whose changes only ever replace parts (never edit them in place)
   * can pass a shallow copy and save the cost of copying a large file per write.
   */
  static async open<T>(
    file: string,
    empty: () => T,
    isValid: (data: unknown) => data is T,
    log: Logger,
    copy: (data: T) => T = structuredClone,
  ): Promise<JsonStore<T>> {
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
          throw new StoreWriteError(
            `${file} is ${problem} and could not be moved aside (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          );
        }
        log.error('store_file_moved_aside', {
          file,
          movedTo: aside,
          problem,
          action: 'started a fresh file; the old one is kept for inspection',
        });
      }
    }
    return new JsonStore(data, text, file, copy);
  }

  /** The data as it is on disk. Read it, never change it: changes go through update(). */
  get data(): T {
    return this.current;
  }

  /**
   * Applies a change to a copy of the data, writes the copy, and makes it the
   * data once it is on disk; resolves then. If the change throws or the write
   * fails, the data stays as it was. Changes are serialised so each sees the
   * ones before it. The change must reach the data through its argument: an
   * object held from `data` is not the one being written.
   */
  update<R>(change: (draft: T) => R): Promise<R> {
    const run = this.queue.then(async () => {
      const draft = this.copy(this.current);
      const result = change(draft);
      try {
        await this.text.write(JSON.stringify(draft));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw new StoreWriteError(`could not save ${this.file} (${code})`);
      }
      this.current = draft;
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
