import type { Client } from '@temporalio/client';

/** Runs a Temporal call bounded by the update timeout and by the caller going away. */
export function withTemporalDeadline<T>(temporal: Client, timeoutMs: number, signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const deadline = signal ? AbortSignal.any([signal, timeout]) : timeout;
  // The client listens for an abort to come: one that already happened would leave the call unbounded.
  if (deadline.aborted) return Promise.reject(deadline.reason as Error);
  return temporal.withAbortSignal(deadline, call);
}
