/**
 * Payer calls on their own task queue: a case reimbursing since the payer-queue patch schedules
 * each claim there, and the server holds the calls to the configured rate across the queue.
 */
import type { temporal } from '@temporalio/proto';
import { payerTaskQueue } from '../../programs/surgery/domain/ids';
import { CLAIM_ACTIVITY } from '../../programs/surgery/workflow/definitions';
import { createCaseHarness, toReimbursing, type CaseHarness } from './case-harness';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Handle = Awaited<ReturnType<CaseHarness['startCase']>>;

/** The task queue of each claim the case scheduled, in order. */
async function claimQueues(handle: Handle): Promise<string[]> {
  const events: HistoryEvent[] = (await handle.fetchHistory()).events ?? [];
  return events
    .map((event) => event.activityTaskScheduledEventAttributes)
    .filter((scheduled) => scheduled?.activityType?.name === CLAIM_ACTIVITY)
    .map((scheduled) => scheduled!.taskQueue!.name!);
}

describe('payer calls on the payer task queue', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await createCaseHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('schedules every claim of a new case on the payer queue, and the case settles', async () => {
    const handle = await h.startCase();
    await toReimbursing(handle);
    expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
    const queues = await claimQueues(handle);
    // The worked example's cascade: all five payers are called.
    expect(queues).toHaveLength(5);
    expect(new Set(queues)).toEqual(new Set([payerTaskQueue(h.taskQueue)]));
  });
});

describe('the payer rate', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await createCaseHarness({ payerRateLimit: 1 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('holds the claims of two cases reimbursing at once to one a second', async () => {
    const handles = await Promise.all([h.startCase(), h.startCase()]);
    await Promise.all(handles.map((handle) => toReimbursing(handle)));
    const started = Date.now();
    await Promise.all(handles.map((handle) => handle.result()));
    const elapsedMs = Date.now() - started;
    // Ten claims at one a second take nine seconds from the first to the last; eight allows for a
    // burst the server may grant. A lower bound, which a slow machine cannot break; without the
    // limit the sandbox answers the ten in about a second.
    expect(elapsedMs).toBeGreaterThanOrEqual(8_000);
  });
});
