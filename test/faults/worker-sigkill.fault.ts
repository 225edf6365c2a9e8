/**
 * the worker is killed with SIGKILL while 50 cases are in the middle of the payer
 * cascade (every sandbox payer answering slowly). A new worker must finish every case: SETTLED,
 * each payer decided once — including the calls the dead worker had made and never reported —
 * and every sum exact to the fen.
 */
import type { Client } from '@temporalio/client';
import { putSandboxPayerSetting } from '../../programs/surgery/store/sandbox-payers';
import { PAYERS } from '../../programs/surgery/domain/stages';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { connectClient, decidedClaimCount, discharge, eventually, inParallel, makeCases, projectedStages, toRehabilitation, waitUntilClosed } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { checkInvariants } from './support/invariants';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

const CASES = 50;
const PAYER_LATENCY_MS = 1_000;

let database: OwnDatabase;
let client: Client;
const workers: ChildProcessHandle[] = [];

beforeAll(async () => {
  database = await createOwnDatabase('worker-sigkill');
  client = await connectClient(testTemporalAddress());
});
afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.kill()));
  await client?.connection.close();
  await database?.close();
});

test('a worker killed mid-cascade: a new worker settles all 50 cases, each payer decided once, sums exact', async () => {
  const started = Date.now();
  const dataDir = faultDataDir('worker-sigkill');
  const taskQueue = uniqueTaskQueue();
  const { db } = database;
  for (const payer of PAYERS) await putSandboxPayerSetting(db, payer, { mode: 'up', failureRate: 0, latencyMs: PAYER_LATENCY_MS });
  const env = { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir };

  const first = await startWorkerProcess('worker-1', env);
  workers.push(first);
  const cases = makeCases(CASES, 'sigkill');
  const caseIds = cases.map((c) => c.caseId);
  await inParallel(cases, 10, (c) => toRehabilitation(client, taskQueue, c));
  await inParallel(cases, 25, async (c) => {
    await discharge(client, c);
  });

  // About one payer decided per case: every cascade is under way, none can be finished.
  await eventually(async () => ((await decidedClaimCount(db, caseIds)) >= CASES ? true : undefined), 60_000, async () => `${await decidedClaimCount(db, caseIds)} claims decided`);
  await first.kill();
  const decidedAtKill = await decidedClaimCount(db, caseIds);
  const settledAtKill = [...(await projectedStages(db, caseIds)).values()].filter((stage) => stage === 'SETTLED').length;
  const payerCallsAtKill = (await db.selectFrom('sandbox_claims').select('idempotency_key').where('case_id', 'in', caseIds).execute()).length;
  expect(settledAtKill).toBeLessThan(CASES);

  const second = await startWorkerProcess('worker-2', env);
  workers.push(second);
  // The dead worker's payer calls are retried only when their start-to-close timeout (1 min) expires.
  await waitUntilClosed(db, caseIds, 180_000);

  const report = await checkInvariants(db, cases);
  expect(report.problems).toEqual([]);
  console.log(
    `worker SIGKILL: killed with ${decidedAtKill} claims recorded, ${payerCallsAtKill - decidedAtKill} decided by a payer but not yet recorded, ` +
      `${settledAtKill}/${CASES} settled; all ${CASES} settled ${((Date.now() - started) / 1000).toFixed(0)} s after the start`,
  );
});

