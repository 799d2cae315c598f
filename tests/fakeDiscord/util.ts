import { performance } from 'node:perf_hooks';

/** Discord epoch (2015-01-01T00:00:00Z); real snowflakes encode milliseconds since it. */
const DISCORD_EPOCH = 1420070400000n;

/**
 * Produces snowflake-like ids that are strictly increasing, so tests can sort by id the way
 * the real API allows, and so discord.js' `createdTimestamp` getters return plausible dates.
 */
export class SnowflakeGenerator {
  #last = 0n;

  next(): string {
    const fromClock = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    this.#last = fromClock > this.#last ? fromClock : this.#last + 1n;
    return this.#last.toString();
  }
}

/** Milliseconds on a monotonic clock; wall-clock jumps must not break latency assertions. */
export function nowMs(): number {
  return performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}

export type Check<T> = () => T | undefined;

interface PendingWait {
  check: () => boolean;
  fail: (error: Error) => void;
}

/**
 * One place to park "wait until the fake reaches state X" promises. Every mutation of the
 * fake's state calls `notify()`, which re-runs the predicates. Predicates (instead of
 * per-event listeners) mean a wait that starts after the event still resolves at once,
 * which removes a whole class of ordering races from tests.
 */
export class StateWaiters {
  #pending = new Set<PendingWait>();
  #closed = false;

  waitFor<T>(check: Check<T>, timeoutMs: number, describe: () => string): Promise<T> {
    const immediate = check();
    if (immediate !== undefined) return Promise.resolve(immediate);
    if (this.#closed) return Promise.reject(new Error(`fake Discord is closed; ${describe()}`));
    return new Promise<T>((resolve, reject) => {
      const entry: PendingWait = {
        check: () => {
          const value = check();
          if (value === undefined) return false;
          clearTimeout(timer);
          resolve(value);
          return true;
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#pending.delete(entry);
        reject(new Error(`Timed out after ${timeoutMs}ms: ${describe()}`));
      }, timeoutMs);
      this.#pending.add(entry);
    });
  }

  notify(): void {
    for (const entry of [...this.#pending]) {
      if (entry.check()) this.#pending.delete(entry);
    }
  }

  close(): void {
    this.#closed = true;
    for (const entry of this.#pending) entry.fail(new Error('fake Discord was closed while waiting'));
    this.#pending.clear();
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
