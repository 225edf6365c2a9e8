/**
 * Worker Versioning. A worker of build 1.0 makes itself the deployment's current build and runs a
 * case. A worker of build 2.0 that is started but not made current does not run that case's next
 * task, even with build 1.0 gone: the task waits. Once 2.0 is made current, the case (AUTO_UPGRADE)
 * moves to it and settles there.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { caseWorkflowId } from '../../programs/surgery/domain/ids';
import { promoteDeployment } from '../../worker/deployment';
import { testNamespace, testTemporalAddress, uniqueId, uniqueTaskQueue } from '../support/stack';
import { connectClient, discharge, makeCases, toRehabilitation, waitUntilClosed } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle, type WorkerEnv } from './support/child-processes';
import { checkInvariants } from './support/invariants';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

let database: OwnDatabase;
let client: Client;
const workers: ChildProcessHandle[] = [];

beforeAll(async () => {
  database = await createOwnDatabase('worker-versioning');
  client = await connectClient(testTemporalAddress());
});
afterAll(async () => {
  await Promise.allSettled(workers.map((worker) => worker.kill()));
  await client?.connection.close();
  await database?.close();
});

async function versioningOf(workflowId: string): Promise<{ buildId: string | undefined; behavior: number | undefined }> {
  const described = await client.workflowService.describeWorkflowExecution({ namespace: testNamespace(), execution: { workflowId } });
  const info = described.workflowExecutionInfo?.versioningInfo;
  return { buildId: info?.deploymentVersion?.buildId ?? undefined, behavior: info?.behavior ?? undefined };
}

test('a build that is not current never runs a case; made current, it takes the case over', async () => {
  const deployment = uniqueId('assistance');
  const env: WorkerEnv = { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue: uniqueTaskQueue(), dataDir: faultDataDir('worker-versioning') };
  const first = await startWorkerProcess('worker-1.0', { ...env, extra: { WORKER_DEPLOYMENT: deployment, WORKER_BUILD_ID: '1.0', WORKER_PROMOTE: 'true' } });
  workers.push(first);
  await first.waitForOutput(/build is the current version of the deployment/, 60_000);

  const [faultCase] = makeCases(1, 'versioning');
  const workflowId = caseWorkflowId(faultCase!.caseId);
  await Promise.race([toRehabilitation(client, env.taskQueue, faultCase!), first.crashed()]);
  expect(await versioningOf(workflowId)).toEqual({ buildId: '1.0', behavior: temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_AUTO_UPGRADE });

  // Build 2.0 polls, but is not current; build 1.0 goes away.
  const second = await startWorkerProcess('worker-2.0', { ...env, extra: { WORKER_DEPLOYMENT: deployment, WORKER_BUILD_ID: '2.0' } });
  workers.push(second);
  await first.kill();
  const discharged = discharge(client, faultCase!);
  discharged.catch(() => undefined); // awaited below
  const outcome = await Promise.race([discharged.then(() => 'ran'), sleep(8_000).then(() => 'waiting'), second.crashed()]);
  expect(outcome).toBe('waiting');

  await promoteDeployment({ address: testTemporalAddress(), tls: undefined }, testNamespace(), { name: deployment, buildId: '2.0' }, { identity: 'test' });
  await Promise.race([discharged, second.crashed()]);
  await Promise.race([waitUntilClosed(database.db, [faultCase!.caseId], 120_000), second.crashed()]);
  expect((await versioningOf(workflowId)).buildId).toBe('2.0');
  expect((await checkInvariants(database.db, [faultCase!])).problems).toEqual([]);
});
