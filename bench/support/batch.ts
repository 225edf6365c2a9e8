/**
 * Runs cases through one flow, C at a time, with progress. cases/s is completed cases over the
 * wall time from the first opening to the last settled case; a variant run in several rounds
 * adds its rounds' wall times. A failing case is counted, not retried; past a few failures no
 * new case is started (something is broken and waiting helps nobody).
 */
import type { Progress } from './progress';
import { runPool } from './progress';
import { summarize, type LatencySummary } from './stats';

export interface BatchResult {
  cases: number;
  concurrency: number;
  completed: number;
  failed: number;
  wallMs: number;
  casesPerSecond: number;
  /** Opening to settled, per case. */
  settleMs: LatencySummary;
  firstErrors: string[];
}

/** One round's raw figures, to be merged with the variant's other rounds. */
export interface BatchRound {
  cases: number;
  concurrency: number;
  wallMs: number;
  settle: number[];
  failed: number;
  errors: string[];
}

export async function runRound(
  progress: Progress,
  label: string,
  indices: { from: number; count: number },
  concurrency: number,
  flow: (index: number) => Promise<number>,
): Promise<BatchRound> {
  const { from, count } = indices;
  const settle: number[] = [];
  const errors: string[] = [];
  let failed = 0;
  const maxFailures = Math.max(5, Math.ceil(count * 0.02));
  const started = performance.now();
  await runPool(
    count,
    concurrency,
    async (i) => {
      if (failed >= maxFailures) {
        failed++;
        return;
      }
      try {
        settle.push(await flow(from + i));
      } catch (error) {
        failed++;
        if (errors.length < 5) errors.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
      }
    },
    (done) => {
      const seconds = (performance.now() - started) / 1000;
      progress.update(`  ${label}: ${done}/${count} cases, ${(settle.length / seconds).toFixed(1)} cases/s${failed ? `, ${failed} failed` : ''}`);
    },
  );
  const wallMs = performance.now() - started;
  progress.line(
    `  ${label}: ${settle.length}/${count} settled in ${(wallMs / 1000).toFixed(1)} s, ${((settle.length / wallMs) * 1000).toFixed(2)} cases/s` +
      `${failed ? `, ${failed} FAILED: ${errors[0] ?? 'stopped after too many failures'}` : ''}`,
  );
  return { cases: count, concurrency, wallMs, settle, failed, errors };
}

export function mergeRounds(rounds: readonly BatchRound[]): BatchResult {
  const settle = rounds.flatMap((r) => r.settle);
  const wallMs = rounds.reduce((sum, r) => sum + r.wallMs, 0);
  const cases = rounds.reduce((sum, r) => sum + r.cases, 0);
  return {
    cases,
    concurrency: rounds[0]?.concurrency ?? 0,
    completed: settle.length,
    failed: cases - settle.length,
    wallMs: Math.round(wallMs),
    casesPerSecond: Number(((settle.length / wallMs) * 1000).toFixed(2)),
    settleMs: summarize(settle),
    firstErrors: rounds.flatMap((r) => r.errors).slice(0, 5),
  };
}

export async function runBatch(progress: Progress, label: string, count: number, concurrency: number, flow: (index: number) => Promise<number>): Promise<BatchResult> {
  return mergeRounds([await runRound(progress, label, { from: 0, count }, concurrency, flow)]);
}
