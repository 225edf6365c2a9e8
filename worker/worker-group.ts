import type { State, Worker } from '@temporalio/worker';

/**
 * Workers of one process that start, run and stop together: what the rest of the code (the
 * worker's main, the tests' harnesses) does with a worker, done to each of them.
 */
export class WorkerGroup {
  constructor(private readonly workers: readonly [Worker, ...Worker[]]) {}

  /** Runs every worker; resolves when all have stopped, rejects with the first failure (after asking the others to stop). */
  async run(): Promise<void> {
    const runs = this.workers.map((worker) => worker.run());
    try {
      await Promise.all(runs);
    } catch (error) {
      this.shutdown();
      await Promise.allSettled(runs);
      throw error;
    }
  }

  /** Asks every worker still running to stop; their runs resolve once their tasks are done. */
  shutdown(): void {
    for (const worker of this.workers) {
      if (worker.getState() === 'RUNNING') worker.shutdown();
    }
  }

  /** The state of the main worker, the one that runs the workflows. */
  getState(): State {
    return this.workers[0].getState();
  }

  getStatus(): Array<ReturnType<Worker['getStatus']>> {
    return this.workers.map((worker) => worker.getStatus());
  }
}
