/** A task run under a concurrency limit. */
export type Limited = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Runs at most `limit` tasks at a time; the others wait, first come first served. A finishing
 * task hands its place straight to the next waiting one, so a newcomer cannot slip in between.
 */
export function concurrencyLimit(limit: number): Limited {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
