/**
 * The project's Temporal client sends an Update again when the server rejected it because the
 * worker completed a workflow task without answering it (`UnprocessedUpdate`). The SDK's worker
 * drops such a message only in a rare race (seen once in CI: a case continuing as new under many
 * concurrent Updates), so these tests play the worker by hand against the real server: they poll
 * the task queue and answer each workflow task as a worker that dropped the message, or refused it.
 */
import { randomUUID } from 'node:crypto';
import { Client, type Connection } from '@temporalio/client';
import { google, temporal } from '@temporalio/proto';
import { isUnprocessedUpdate } from '../../temporal/resend-unprocessed-updates';
import { testClient, testConnection, testDataConverter, testNamespace, uniqueId, uniqueTaskQueue } from '../support/stack';
import { updateFailureOf } from '../support/update-failure';

const REQUEST_TYPE_URL = 'type.googleapis.com/temporal.api.update.v1.Request';
const REJECTION_TYPE_URL = 'type.googleapis.com/temporal.api.update.v1.Rejection';
const PROBE_UPDATE = 'probe';

let connection: Connection;
let client: Client;
beforeAll(async () => {
  connection = await testConnection();
  client = await testClient();
});

type WorkflowTask = temporal.api.workflowservice.v1.IPollWorkflowTaskQueueResponse;

/** A hand-driven worker on one task queue: it takes workflow tasks and answers them as told. */
function handWorker(taskQueue: string) {
  const identity = `hand-worker-${randomUUID()}`;
  const service = connection.workflowService;
  return {
    /** The next workflow task, or undefined when none comes within `withinMs` (the server wants a long poll to allow it a few seconds). */
    async next(withinMs = 20_000): Promise<WorkflowTask | undefined> {
      const task = await connection
        .withDeadline(Date.now() + withinMs, () => service.pollWorkflowTaskQueue({ namespace: testNamespace(), taskQueue: { name: taskQueue }, identity }))
        .catch((error: unknown) => {
          if (error instanceof Error && /deadline/i.test(error.message)) return undefined;
          throw error;
        });
      return task?.taskToken?.length ? task : undefined;
    },
    /** Completes the task with nothing: no command, and no answer to any Update it carried. */
    async completeSilently(task: WorkflowTask): Promise<void> {
      await service.respondWorkflowTaskCompleted({ namespace: testNamespace(), taskToken: task.taskToken, identity, commands: [], messages: [] });
    },
    /** Completes the task refusing every Update it carried, as a validator would. */
    async refuseUpdates(task: WorkflowTask, type: string): Promise<void> {
      const messages = updateRequests(task).map(({ message, request }) => ({
        id: `${message.protocolInstanceId}/refused`,
        protocolInstanceId: message.protocolInstanceId,
        body: google.protobuf.Any.create({
          type_url: REJECTION_TYPE_URL,
          value: temporal.api.update.v1.Rejection.encode({
            rejectedRequestMessageId: message.id,
            rejectedRequestSequencingEventId: message.eventId,
            rejectedRequest: request,
            failure: { message: 'refused by the hand worker', source: 'TypeScriptSDK', applicationFailureInfo: { type, nonRetryable: true } },
          }).finish(),
        }),
      }));
      await service.respondWorkflowTaskCompleted({ namespace: testNamespace(), taskToken: task.taskToken, identity, commands: [], messages });
    },
  };
}

function updateRequests(task: WorkflowTask) {
  return (task.messages ?? [])
    .filter((message) => message.body?.type_url === REQUEST_TYPE_URL)
    .map((message) => ({ message, request: temporal.api.update.v1.Request.decode(message.body!.value!) }));
}

/** A workflow no SDK worker runs, past its first task, waiting: Updates to it reach the hand worker. */
async function waitingWorkflow() {
  const taskQueue = uniqueTaskQueue();
  const worker = handWorker(taskQueue);
  const handle = await client.workflow.start('handDrivenProbe', { taskQueue, workflowId: uniqueId('unprocessed-update'), args: [] });
  const first = await worker.next();
  expect(first).toBeDefined();
  await worker.completeSilently(first!);
  return { handle, worker };
}

async function nextWithUpdate(worker: ReturnType<typeof handWorker>) {
  const task = await worker.next();
  expect(task).toBeDefined();
  const requests = updateRequests(task!);
  expect(requests.map(({ request }) => request.input?.name)).toEqual([PROBE_UPDATE]);
  return { task: task!, updateId: requests[0]!.request.meta!.updateId! };
}

test('an Update the worker left unanswered is sent again, under the same update id, and its real answer reaches the caller', async () => {
  const { handle, worker } = await waitingWorkflow();
  try {
    const answer = handle.executeUpdate(PROBE_UPDATE, { args: [], updateId: 'probe-1' });
    answer.catch(() => undefined); // awaited below, after the tasks are answered
    const dropped = await nextWithUpdate(worker);
    await worker.completeSilently(dropped.task);
    const resent = await nextWithUpdate(worker);
    expect(resent.updateId).toBe('probe-1');
    await worker.refuseUpdates(resent.task, 'ProbeRefusal');
    expect((await updateFailureOf(answer)).type).toBe('ProbeRefusal');
  } finally {
    await handle.terminate('test over');
  }
});

test('a refusal is answered as it is, not sent again', async () => {
  const { handle, worker } = await waitingWorkflow();
  try {
    const answer = handle.executeUpdate(PROBE_UPDATE, { args: [] });
    answer.catch(() => undefined);
    await worker.refuseUpdates((await nextWithUpdate(worker)).task, 'ProbeRefusal');
    expect((await updateFailureOf(answer)).type).toBe('ProbeRefusal');
    expect(await worker.next(5_000)).toBeUndefined();
  } finally {
    await handle.terminate('test over');
  }
});

test('a client without the resend sees the server reject an unanswered Update as UnprocessedUpdate (what the resend looks for)', async () => {
  const plain = new Client({ connection, namespace: testNamespace(), dataConverter: testDataConverter() });
  const { handle, worker } = await waitingWorkflow();
  try {
    const answer = plain.workflow.getHandle(handle.workflowId).executeUpdate(PROBE_UPDATE, { args: [] });
    answer.catch(() => undefined);
    await worker.completeSilently((await nextWithUpdate(worker)).task);
    const failure = await updateFailureOf(answer);
    expect(failure.type).toBe('UnprocessedUpdate');
    expect(isUnprocessedUpdate({ failure: { source: 'Server', applicationFailureInfo: { type: failure.type } } })).toBe(true);
  } finally {
    await handle.terminate('test over');
  }
});

test('an Update left unanswered every time reaches the caller as UnprocessedUpdate after the last resend', async () => {
  const { handle, worker } = await waitingWorkflow();
  try {
    const answer = handle.executeUpdate(PROBE_UPDATE, { args: [] });
    answer.catch(() => undefined);
    for (let send = 1; send <= 4; send++) await worker.completeSilently((await nextWithUpdate(worker)).task);
    expect((await updateFailureOf(answer)).type).toBe('UnprocessedUpdate');
    expect(await worker.next(5_000)).toBeUndefined();
  } finally {
    await handle.terminate('test over');
  }
});
