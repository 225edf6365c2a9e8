/**
 * the Temporal dev server is killed (SIGKILL) in the middle of a run and started
 * again on the same SQLite file. The worker keeps running across the outage; every case finishes,
 * no event is lost or doubled. This test has its own server: it never stops the shared one.
 */
import type { Client } from '@temporalio/client';
import { putSandboxPayerSetting } from '../../programs/surgery/store/sandbox-payers';
import { PAYERS } from '../../programs/surgery/domain/stages';
import { uniqueTaskQueue } from '../support/stack';
import { connectClient, decidedClaimCount, eventually, inParallel, makeCases, openAndDischarge, projectedStages, waitUntilClosed } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { checkInvariants } from './support/invariants';
import { createOwnDatabase, faultDataDir, startOwnTemporal, type OwnDatabase, type OwnTemporal } from './support/servers';

const CASES = 30;

let database: OwnDatabase;
let temporal: OwnTemporal;
let client: Client;
let worker: ChildProcessHandle | undefined;

afterAll(async () => {
  await worker?.kill();
  await client?.connection.close();
  await temporal?.stop();
  await database?.close();
});

test('the Temporal server killed and restarted on its database file: every case finishes, nothing lost or doubled', async () => {
  const started = Date.now();
  const dataDir = faultDataDir('temporal-restart');
  database = await createOwnDatabase('temporal-restart');
  temporal = await startOwnTemporal(dataDir);
  client = await connectClient(temporal.address);
  const taskQueue = uniqueTaskQueue();
  const { db } = database;
  for (const payer of PAYERS) await putSandboxPayerSetting(db, payer, { mode: 'up', failureRate: 0, latencyMs: 500 });

  worker = await startWorkerProcess('worker', { temporalAddress: temporal.address, databaseUrl: database.url, taskQueue, dataDir });
  const cases = makeCases(CASES, 'temporal-restart');
  const caseIds = cases.map((c) => c.caseId);
  await inParallel(cases, 15, (c) => openAndDischarge(client, taskQueue, c));
  await eventually(async () => ((await decidedClaimCount(db, caseIds)) >= CASES ? true : undefined), 60_000, async () => `${await decidedClaimCount(db, caseIds)} claims decided`);

  await temporal.kill();
  const settledAtKill = [...(await projectedStages(db, caseIds)).values()].filter((stage) => stage === 'SETTLED').length;
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  await temporal.restart();

  await Promise.race([waitUntilClosed(db, caseIds, 180_000), worker.crashed()]);
  const report = await checkInvariants(db, cases);
  expect(report.problems).toEqual([]);
  // The same worker process did it: it rode out the outage instead of exiting.
  expect(await Promise.race([worker.exited.then(() => 'exited'), Promise.resolve('running')])).toBe('running');
  console.log(`Temporal restart: ${settledAtKill}/${CASES} settled when the server was killed; all settled ${((Date.now() - started) / 1000).toFixed(0)} s after the start`);
});
