/**
 * One imported list of life events: its rows matched and applied chunk by chunk, a bounded number
 * of chunks at a time, then the batch marked done. Each chunk settles only rows still PENDING and
 * applies each with an event id of its own row, so a chunk retried after a worker died applies
 * nothing twice. The history holds the batch id, row numbers and counts, never a person.
 */
import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { DataMatchActivities } from '../activities/index';
import { batchProgressQuery, CHUNKS_AT_ONCE, ROWS_PER_CHUNK, type LifeEventBatchInput } from './definitions';

const { matchLifeEventChunk } = proxyActivities<Pick<DataMatchActivities, 'matchLifeEventChunk'>>({
  startToCloseTimeout: '15m',
  // A row heartbeats as it settles; a worker that died is noticed within this, and its chunk retried.
  heartbeatTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
});

const { finishLifeEventBatch } = proxyActivities<Pick<DataMatchActivities, 'finishLifeEventBatch'>>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
});

export async function lifeEventBatch({ batchId, rows }: LifeEventBatchInput): Promise<void> {
  const chunks: Array<{ fromRow: number; toRow: number }> = [];
  for (let fromRow = 1; fromRow <= rows; fromRow += ROWS_PER_CHUNK) chunks.push({ fromRow, toRow: Math.min(rows, fromRow + ROWS_PER_CHUNK - 1) });
  let next = 0;
  let chunksDone = 0;
  setHandler(batchProgressQuery, () => ({ chunksDone, chunks: chunks.length }));
  const lane = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      await matchLifeEventChunk({ batchId, ...chunk });
      chunksDone++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHUNKS_AT_ONCE, chunks.length) }, lane));
  await finishLifeEventBatch({ batchId });
}
