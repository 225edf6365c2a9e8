/**
 * two workers poll the same task queue; one of them is killed with SIGKILL while
 * both are running cascades. The survivor finishes every case with the same guarantees.
 */
import type { Client } from '@temporalio/client';
import { putSandboxPayerSetting } from '../../programs/surgery/store/sandbox-payers';
import { PAYERS } from '../../programs/surgery/domain/stages';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { connectClient, decidedClaimCount, eventually, inParallel, makeCases, openAndDischarge, waitUntilClosed } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { checkInvariants } from './support/invariants';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

const CASES = 30;

let database: OwnDatabase;
let client: Client;
const workers: ChildProcessHandle[] = [];

beforeAll(async () => {
  database = await createOwnDatabase('two-workers');
  client = await connectClient(testTemporalAddress());
});
afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.kill()));
  await client?.connection.close();
  await database?.close();
});

test('two workers on one task queue, one killed: the other settles every case, each payer decided once', async () => {
  const started = Date.now();
  const dataDir = faultDataDir('two-workers');
  const taskQueue = uniqueTaskQueue();
  const { db } = database;
  for (const payer of PAYERS) await putSandboxPayerSetting(db, payer, { mode: 'up', failureRate: 0, latencyMs: 800 });
  const env = { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir };

  const [doomed, survivor] = await Promise.all([startWorkerProcess('worker-doomed', env), startWorkerProcess('worker-survivor', env)]);
  workers.push(doomed, survivor);
  const cases = makeCases(CASES, 'two-workers');
  const caseIds = cases.map((c) => c.caseId);
  await inParallel(cases, 15, (c) => openAndDischarge(client, taskQueue, c));

  await eventually(async () => ((await decidedClaimCount(db, caseIds)) >= CASES ? true : undefined), 60_000, async () => `${await decidedClaimCount(db, caseIds)} claims decided`);
  // Both took a share of the payer calls before one of them dies.
  expect(doomed.output()).toContain('claim decided');
  expect(survivor.output()).toContain('claim decided');
  await doomed.kill();

  await waitUntilClosed(db, caseIds, 180_000);
  const report = await checkInvariants(db, cases);
  expect(report.problems).toEqual([]);
  console.log(`two workers, one killed: ${CASES} cases settled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
