/**
 * Long work in the API process (reading a 50,000-row upload, checking a roster) shares the event
 * loop with everyone else's requests, so it gives a turn back every few milliseconds. Measured in
 * time, not counted in rows: a row costs ten times more in cold code than in optimized code, and more
 * again on a busy machine, where a fixed count of rows held the loop for over 100 ms.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Work between two turns of the event loop: other requests wait at most about this long. */
export const TURN_MS = 4;

export class EventLoopTurns {
  #since: number;

  constructor(
    private readonly everyMs: number = TURN_MS,
    /** Milliseconds from some fixed point; a test passes a clock of its own. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#since = now();
  }

  /** True once this much work has run since the last turn: check it between two units of work. */
  get due(): boolean {
    return this.now() - this.#since >= this.everyMs;
  }

  /** Lets I/O and timers run (a setImmediate), then starts a new stretch of work. */
  async take(): Promise<void> {
    await nextTurn();
    this.#since = this.now();
  }
}
