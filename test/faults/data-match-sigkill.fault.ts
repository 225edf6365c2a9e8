/**
 * The monthly data match when its worker dies (an API in this process over real HTTP, workers as
 * child processes, their own database): a worker killed with SIGKILL while a 3,000-row batch is
 * being applied; a new worker finishes it, and every row is applied exactly once (one life event per
 * person, by the row's event id).
 */
import { findBatch } from '../../store/life-event-batches';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { startInProcessApi, type InProcessApi } from './support/api';
import { eventually } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';
import { lifeEventsOfBatch, listOf, seedPersons, upload } from './support/data-match';

let database: OwnDatabase;
let api: InProcessApi | undefined;
let env: { temporalAddress: string; databaseUrl: string; taskQueue: string; dataDir: string };
const workers: ChildProcessHandle[] = [];

beforeAll(async () => {
  const dataDir = faultDataDir('data-match-sigkill');
  database = await createOwnDatabase('data-match-sigkill');
  env = { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue: uniqueTaskQueue(), dataDir };
  workers.push(await startWorkerProcess('worker-1', env));
  api = await startInProcessApi({ db: database.db, databaseUrl: database.url, temporalAddress: testTemporalAddress(), taskQueue: env.taskQueue, dataDir });
}, 120_000);
afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.kill()));
  await api?.close();
  await database?.close();
});

test('a worker killed during a batch: a new worker finishes it and every row is applied once', async () => {
  const { db } = database;
  const persons = await seedPersons(db, 3_000);
  const answer = upload(listOf(persons.map((person) => ({ idNumber: person.idNumber, name: '测试人员' })), '2026-11-02'), { baseUrl: api!.baseUrl, token: api!.tokens.officer });
  // Killed once the first rows are settled, long before the last.
  const batchId = await Promise.race([
    eventually(
      async () => {
        const [batch] = await db.selectFrom('life_event_batches').select(['batch_id', 'done']).where('rows', '=', 3_000).execute();
        return batch && batch.done >= 100 ? batch.batch_id : undefined;
      },
      60_000,
      () => 'no progress',
    ),
    workers[0]!.crashed(),
  ]);
  await workers[0]!.kill();
  const atKill = (await findBatch(db, batchId))!;
  expect(atKill.status).toBe('RUNNING');
  expect(atKill.done).toBeLessThan(3_000);
  const second = await startWorkerProcess('worker-2', env);
  workers.push(second);
  // The import waited its 20 s for a batch that could not finish: its progress so far.
  const answered = await answer;
  expect(answered.status).toBe(202);
  expect(JSON.parse(answered.body)).toMatchObject({ batchId, status: 'RUNNING', progress: { total: 3_000 } });
  // The dead worker's chunks are tried again once their heartbeats time out (30 s).
  await Promise.race([
    eventually(async () => ((await findBatch(db, batchId))?.status === 'DONE' ? true : undefined), 120_000, async () => `batch ${JSON.stringify(await findBatch(db, batchId))}`),
    second.crashed(),
  ]);
  const result = await fetch(`${api!.baseUrl}/v1/persons/life-events/imports/${batchId}`, { headers: { authorization: `Bearer ${api!.tokens.officer}` } }).then((r) => r.json());
  expect(result).toMatchObject({ status: 'DONE', rows: 3_000, applied: 3_000, alreadyApplied: 0, notInRegistry: 0, queued: 0 });
  expect(await lifeEventsOfBatch(db, batchId)).toEqual({ events: 3_000, persons: 3_000 });
  const deceased = await db.selectFrom('persons').select((eb) => eb.fn.countAll<string>().as('n')).where('person_id', 'in', persons.map((p) => p.personId)).where('status', '=', 'DECEASED').executeTakeFirstOrThrow();
  expect(Number(deceased.n)).toBe(3_000);
  console.log(`data match SIGKILL: killed with ${atKill.done}/3000 rows settled; DONE with every row applied once`);
}, 240_000);
