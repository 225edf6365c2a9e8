/**
 * PostgreSQL is stopped for 20 s in the middle of a run, with cascades running and
 * a hospital's discharge arriving during the outage. Activities retry; afterwards `case_events` is
 * complete without gaps, the read models equal a rebuild, and the discharge accepted during the
 * outage is applied once. This test has its own PostgreSQL: it never stops the shared one.
 */
import type { Client } from '@temporalio/client';
import { putSandboxPayerSetting } from '../../programs/surgery/store/sandbox-payers';
import { PAYERS } from '../../programs/surgery/domain/stages';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { connectClient, decidedClaimCount, discharge, eventually, inParallel, makeCases, openAndDischarge, projectedStages, toRehabilitation, waitUntilClosed } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { checkInvariants } from './support/invariants';
import { faultDataDir, startOwnPostgres, type OwnPostgres } from './support/servers';

const CASES = 30;
const LATE_CASES = 5;
const OUTAGE_MS = 20_000;

let postgres: OwnPostgres;
let client: Client;
let worker: ChildProcessHandle | undefined;

afterAll(async () => {
  await worker?.kill();
  await client?.connection.close();
  await postgres?.close();
});

test('PostgreSQL stopped for 20 s mid-run: activities retry, no event missing, read models equal a rebuild', async () => {
  const started = Date.now();
  const dataDir = faultDataDir('postgres-outage');
  postgres = await startOwnPostgres(dataDir);
  client = await connectClient(testTemporalAddress());
  const taskQueue = uniqueTaskQueue();
  const { db } = postgres;
  for (const payer of PAYERS) await putSandboxPayerSetting(db, payer, { mode: 'up', failureRate: 0, latencyMs: 300 });

  worker = await startWorkerProcess('worker', { temporalAddress: testTemporalAddress(), databaseUrl: postgres.url, taskQueue, dataDir });
  const cases = makeCases(CASES, 'pg-outage');
  const late = makeCases(LATE_CASES, 'pg-outage-late');
  const caseIds = [...cases, ...late].map((c) => c.caseId);
  await inParallel(late, 5, (c) => toRehabilitation(client, taskQueue, c));
  await inParallel(cases, 15, (c) => openAndDischarge(client, taskQueue, c));
  await eventually(async () => ((await decidedClaimCount(db, caseIds)) >= CASES ? true : undefined), 60_000, async () => `${await decidedClaimCount(db, caseIds)} claims decided`);

  const settledAtStop = [...(await projectedStages(db, caseIds)).values()].filter((stage) => stage === 'SETTLED').length;
  expect(settledAtStop).toBeLessThan(CASES);
  await postgres.stopServer();
  const outageStarted = Date.now();
  // Hospitals keep calling during the outage: the Updates are accepted and wait for their events to be stored.
  const dischargedDuringOutage = Promise.all(late.map((c) => discharge(client, c)));
  let answeredDuringOutage = false;
  void dischargedDuringOutage.then(() => (answeredDuringOutage = Date.now() - outageStarted < OUTAGE_MS));
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  await postgres.startServer();

  // A worker that dies of the outage (as one did when a cut connection's 'error' went unheard)
  // fails the test at once, with its log, instead of leaving it waiting.
  const views = await Promise.race([dischargedDuringOutage, worker.crashed()]);
  expect(views.map((view) => view.stage)).toEqual(late.map(() => 'REIMBURSING'));
  // An Update answers only once its events are stored: none could have answered while PostgreSQL was down.
  expect(answeredDuringOutage).toBe(false);

  await Promise.race([waitUntilClosed(db, caseIds, 180_000), worker.crashed()]);
  const report = await checkInvariants(db, [...cases, ...late]);
  expect(report.problems).toEqual([]);
  console.log(`PostgreSQL outage: ${settledAtStop}/${CASES} settled when it stopped; ${CASES + LATE_CASES} cases settled ${((Date.now() - started) / 1000).toFixed(0)} s after the start (outage ${OUTAGE_MS / 1000} s)`);
});
