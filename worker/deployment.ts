/**
 * Worker Versioning. A versioned worker polls as one build of the deployment; the server sends a
 * workflow's tasks only to the build the deployment routes it to, so a worker of another build
 * (an old one still draining, a new one started early) never runs them by accident. Every workflow
 * here is AUTO_UPGRADE: cases wait for weeks and enrolments live for years, far too long to keep
 * old builds running for them, so a running workflow moves to the new current build, and what keeps
 * that move safe is `patched()` and the recorded histories replayed in CI.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { toCanonicalString, type WorkerDeploymentVersion } from '@temporalio/common';
import type { WorkerOptions } from '@temporalio/worker';
import type { TemporalTls } from '../config/temporal-tls';

export interface WorkerDeployment {
  name: string;
  buildId: string;
}

export function versionOf(deployment: WorkerDeployment): WorkerDeploymentVersion {
  return { deploymentName: deployment.name, buildId: deployment.buildId };
}

/** The worker options of a versioned worker (none for an unversioned one). */
export function deploymentOptions(deployment: WorkerDeployment | undefined): Pick<WorkerOptions, 'workerDeploymentOptions'> {
  if (deployment === undefined) return {};
  return { workerDeploymentOptions: { useWorkerVersioning: true, version: versionOf(deployment), defaultVersioningBehavior: 'AUTO_UPGRADE' } };
}

/**
 * Makes this worker's build the deployment's current one, once the server has seen it poll: what
 * `temporal worker deployment set-current-version` does, for setups with one build at a time (the
 * compose file, `npm start`). A rollout that ramps a new build up does it by hand instead.
 */
export async function promoteDeployment(
  connectionOptions: { address: string; tls: TemporalTls | undefined },
  namespace: string,
  deployment: WorkerDeployment,
  { timeoutMs = 60_000, identity = 'worker' }: { timeoutMs?: number; identity?: string } = {},
): Promise<void> {
  const connection = await Connection.connect({ address: connectionOptions.address, tls: connectionOptions.tls });
  const version = toCanonicalString(versionOf(deployment));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const described = await connection.workflowService.describeWorkerDeployment({ namespace, deploymentName: deployment.name }).catch(() => undefined);
      const info = described?.workerDeploymentInfo;
      if (info?.routingConfig?.currentDeploymentVersion?.buildId === deployment.buildId) return;
      if (described && info?.versionSummaries?.some((summary) => summary.version === version)) {
        await connection.workflowService.setWorkerDeploymentCurrentVersion({ namespace, deploymentName: deployment.name, version, conflictToken: described.conflictToken, identity });
        return;
      }
      if (Date.now() > deadline) throw new Error(`the server has not seen build ${deployment.buildId} of ${deployment.name} poll within ${timeoutMs / 1000} s`);
      await sleep(250);
    }
  } finally {
    await connection.close();
  }
}
