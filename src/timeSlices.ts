import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How long a long pass may hold the event loop before it lets others run.
 * While it holds the loop no other command is acknowledged (Discord allows
 * 3 s), gateway heartbeats wait and alerts stall; a few ms of work between
 * turns costs the pass little and keeps every other reply prompt.
 */
export const SLICE_MS = 8;

/**
 * Long work written once as a generator that yields at points where it may
 * pause: `finish` runs it in one go (tests, scripts), `inSlices` runs it
 * giving the event loop a turn whenever a slice is spent. Both give the same
 * result, as the work is the same code.
 */
export type Steps<T> = Generator<void, T, void>;

export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function inSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  const slice = new TimeSlice(sliceMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    // Checked before awaiting: most steps are short, and an await per step would cost a turn of the microtask queue each.
    if (slice.spent()) await slice.pause();
  }
}

/** For a loop in async code: `await slice.pause()` gives the event loop a turn once `sliceMs` of work has run since the last one. */
export class TimeSlice {
  private started = performance.now();

  constructor(private readonly sliceMs = SLICE_MS) {}

  spent(): boolean {
    return performance.now() - this.started >= this.sliceMs;
  }

  async pause(): Promise<void> {
    if (!this.spent()) return;
    await nextTurn();
    this.started = performance.now();
  }
}
