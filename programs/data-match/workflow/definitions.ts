/**
 * The contract between the batch workflow of the monthly data match and those who start and read
 * it (API, worker, tests): its type, id, input, query. The input names the batch only: the rows,
 * with their ID numbers, stay in PostgreSQL and the activities read them by reference.
 */
import { defineQuery } from '@temporalio/workflow';

export const LIFE_EVENT_BATCH_WORKFLOW_TYPE = 'lifeEventBatch';

export function lifeEventBatchWorkflowId(batchId: string): string {
  return `life-event-batch-${batchId}`;
}

export interface LifeEventBatchInput {
  batchId: string;
  /** Rows numbered 1 through `rows` (the unreadable ones were never stored, and are skipped). */
  rows: number;
}

/** Rows one activity matches and applies: a few minutes of work at most, with heartbeats. */
export const ROWS_PER_CHUNK = 500;
/** Chunks in flight at once per batch: the items' workflows and PostgreSQL see a bounded load. */
export const CHUNKS_AT_ONCE = 2;

export interface ChunkInput {
  batchId: string;
  fromRow: number;
  toRow: number;
}

/** What a chunk settled: counts only, never a name or an ID number. */
export interface ChunkTally {
  settled: number;
}

export interface BatchProgress {
  chunksDone: number;
  chunks: number;
}

export const batchProgressQuery = defineQuery<BatchProgress>('batchProgress');
