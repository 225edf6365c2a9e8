/**
 * Progress on stderr while the benchmark runs: one line rewritten in place on a terminal, a line
 * every few seconds otherwise (CI logs), so a long run never looks hung.
 */
const LOG_EVERY_MS = 5_000;

export class Progress {
  private readonly tty = Boolean(process.stderr.isTTY);
  private lastLogged = 0;
  private open = false;

  /** A finished step or a headline: always printed on its own line. */
  line(text: string): void {
    this.clear();
    process.stderr.write(`${text}\n`);
  }

  /** The state of a running step; cheap to call often. */
  update(text: string): void {
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K${text}`);
      this.open = true;
      return;
    }
    const now = Date.now();
    if (now - this.lastLogged >= LOG_EVERY_MS) {
      this.lastLogged = now;
      process.stderr.write(`${text}\n`);
    }
  }

  clear(): void {
    if (this.open) process.stderr.write('\r\x1b[2K');
    this.open = false;
  }
}

/** Runs `total` jobs with at most `concurrency` in flight; `onDone` after each. */
export async function runPool(total: number, concurrency: number, job: (index: number) => Promise<void>, onDone?: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      await job(index);
      done++;
      onDone?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
}
