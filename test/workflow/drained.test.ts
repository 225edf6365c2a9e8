/**
 * A run ends or continues as new only with every event it recorded stored. An event recorded in
 * the step in which the store answers (a stage's timer firing then) once travelled in the carried
 * state and never reached the database; `whenDrained` waits for it to be stored too.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { testClient, testDataConverter, testNamespace, testTemporalAddress, uniqueId, uniqueTaskQueue } from '../support/stack';
import type { Note } from './fixtures/late-event.workflows';

test('an event recorded as the store answers is stored before the run continues as new, behind a patch', async () => {
  const stored: Note[] = [];
  const taskQueue = uniqueTaskQueue();
  const connection = await NativeConnection.connect({ address: testTemporalAddress() });
  const worker = await Worker.create({
    connection,
    namespace: testNamespace(),
    taskQueue,
    dataConverter: testDataConverter(),
    workflowsPath: require.resolve('./fixtures/late-event.workflows'),
    activities: {
      async storeNotes(notes: Note[]) {
        stored.push(...notes);
      },
    },
  });
  const client = await testClient();
  try {
    await worker.runUntil(async () => {
      const handle = await client.workflow.start('lateNote', { taskQueue, workflowId: uniqueId('late-note'), args: [] });
      // The next run was carried the late note, and the database has it.
      expect(await handle.result()).toEqual({ seq: 2 });
      expect(stored.map((note) => [note.seq, note.text])).toEqual([
        [1, 'first'],
        [2, 'late'],
      ]);
      const first = await client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).fetchHistory();
      // The wait that stored it is behind a patch (the workflow has no other), and a run that
      // waited so replays as it ran.
      expect((first.events ?? []).filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_patch')).toHaveLength(1);
      await Worker.runReplayHistory({ workflowsPath: require.resolve('./fixtures/late-event.workflows'), dataConverter: testDataConverter() }, first, 'late-note');
    });
  } finally {
    await connection.close();
  }
});
