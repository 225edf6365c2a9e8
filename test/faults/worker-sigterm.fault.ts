/**
 * A worker stopped with SIGTERM (a deploy, `npm start` stopping) while payer calls hang on a
 * payer that answers in a minute. The SDK tells running activities of the shutdown through their
 * cancellation signal, which the payer call passes on to the payer adapter: the worker exits at
 * once and cleanly instead of waiting out the payer, and a new worker settles every case, each
 * payer decided once.
 */
import type { Client } from '@temporalio/client';
import { putSandboxPayerSetting } from '../../programs/surgery/store/sandbox-payers';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { connectClient, discharge, eventually, inParallel, makeCases, toRehabilitation, waitUntilClosed } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { checkInvariants } from './support/invariants';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

const CASES = 5;
/** The sandbox's longest latency: a payer call that would outlast any reasonable shutdown. */
const HANGING_PAYER_MS = 60_000;

let database: OwnDatabase;
let client: Client;
const workers: ChildProcessHandle[] = [];

beforeAll(async () => {
  database = await createOwnDatabase('worker-sigterm');
  client = await connectClient(testTemporalAddress());
});
afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.kill()));
  await client?.connection.close();
  await database?.close();
});

test('SIGTERM during hanging payer calls: the worker exits without waiting for the payer, a new one settles every case', async () => {
  const dataDir = faultDataDir('worker-sigterm');
  const taskQueue = uniqueTaskQueue();
  const { db } = database;
  await putSandboxPayerSetting(db, 'BASIC_MEDICAL_INSURANCE', { mode: 'up', failureRate: 0, latencyMs: HANGING_PAYER_MS });
  const env = { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir };

  const first = await startWorkerProcess('worker-1', env);
  workers.push(first);
  const cases = makeCases(CASES, 'sigterm');
  const caseIds = cases.map((c) => c.caseId);
  await inParallel(cases, CASES, async (c) => {
    await toRehabilitation(client, taskQueue, c);
    await discharge(client, c);
  });
  // Every case is inside its first payer call (its claim is stored before the payer is called).
  const inProgress = () => db.selectFrom('claims').select('case_id').where('case_id', 'in', caseIds).where('payer', '=', 'BASIC_MEDICAL_INSURANCE').where('status', '=', 'IN_PROGRESS').execute();
  await Promise.race([
    eventually(async () => ((await inProgress()).length === CASES ? true : undefined), 60_000, async () => `${(await inProgress()).length} claims in progress`),
    first.crashed(),
  ]);

  const stopping = Date.now();
  await first.stop(HANGING_PAYER_MS * 2);
  const stoppedInMs = Date.now() - stopping;
  expect((await first.exited).code).toBe(0);
  // Well before the payer would have answered: the calls were cancelled, not waited for.
  expect(stoppedInMs).toBeLessThan(HANGING_PAYER_MS - 15_000);
  expect(await db.selectFrom('sandbox_claims').select('idempotency_key').where('case_id', 'in', caseIds).execute()).toEqual([]);

  await putSandboxPayerSetting(db, 'BASIC_MEDICAL_INSURANCE', { mode: 'up', failureRate: 0, latencyMs: 0 });
  const second = await startWorkerProcess('worker-2', env);
  workers.push(second);
  await Promise.race([waitUntilClosed(db, caseIds, 120_000), second.crashed()]);

  const report = await checkInvariants(db, cases);
  expect(report.problems).toEqual([]);
  console.log(`worker SIGTERM: stopped in ${(stoppedInMs / 1000).toFixed(1)} s with ${CASES} payer calls hanging; all settled by a new worker`);
});
