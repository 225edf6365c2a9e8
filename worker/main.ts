import { GracefulShutdownPeriodExpiredError, NativeConnection, Runtime } from '@temporalio/worker';
import { ConfigError, loadConfig } from '../config/config';
import { hospitalLevelsInUse, loadHospitalRegistry } from '../config/hospitals';
import { loadPolicyFile } from '../programs/surgery/domain/policy/policy.file';
import { databaseUrl } from '../config/secrets';
import { loadSubsidyPolicy } from '../programs/subsidy/policy-file';
import { dataConverterFor } from '../codec/data-converter';
import { fieldSealer } from '../store/sealed-columns';
import { createDb } from '../store/connection';
import { Connection } from '@temporalio/client';
import { projectClient } from '../temporal/client';
import { ensurePayrollSchedules } from '../programs/subsidy/api/payroll-schedules';
import { createCaseWorker } from './create-worker';
import { createWorkerLoggers } from './logger';
import { promoteDeployment } from './deployment';
import { lifeEventPath } from '../api/services/life-event-path';

/**
 * How long a shutdown waits for running tasks before it cancels them (a cancelled payer call is
 * retried by another worker; its heartbeat lets the server notice at once). Inside `npm start`'s
 * 20 s grace and a container's usual 30 s, and it bounds a drain that would otherwise wait on
 * polls the server never ends (seen on this machine's test runs).
 */
const SHUTDOWN_FORCE_TIME = '15s';

async function main(): Promise<void> {
  const config = loadConfig();
  const { log, sdk } = createWorkerLoggers(config.logLevel);
  // A bad registry or policy file stops the worker now, not at some case's first discharge.
  const levels = hospitalLevelsInUse(loadHospitalRegistry(config.hospitalsFile));
  try {
    loadPolicyFile(config.policyFile, levels);
  } catch (error) {
    throw new ConfigError('POLICY_FILE', (error as Error).message);
  }
  try {
    loadSubsidyPolicy(config.subsidy.policyFile);
  } catch (error) {
    throw new ConfigError('SUBSIDY_POLICY_FILE', (error as Error).message);
  }
  const dataConverter = dataConverterFor(config); // a bad key file stops the worker here, before it connects
  fieldSealer(); // and a bad BLIND_INDEX_KEY_ID too
  Runtime.install({
    logger: sdk,
    // The SDK's own metrics; the API's (prom-client, /metrics) say nothing of what the worker waits for.
    ...(config.workerMetricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: config.workerMetricsAddress } } } } : {}),
  });

  const db = createDb(databaseUrl(config), { applicationName: 'assistance-cases-worker', max: 20 });
  const connection = await NativeConnection.connect({ address: config.temporal.address, tls: config.temporal.tls });
  // The monthly data match applies its rows as the API applies one life event: through Updates to the items' workflows.
  const lifeEventConnection = await Connection.connect({ address: config.temporal.address, tls: config.temporal.tls });
  const lifeEventClient = projectClient({ connection: lifeEventConnection, namespace: config.temporal.namespace, dataConverter });
  const worker = await createCaseWorker({
    lifeEvents: lifeEventPath({ config, db, temporal: lifeEventClient }),
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter,
    db,
    policyFile: config.policyFile,
    hospitalsFile: config.hospitalsFile,
    subsidyPolicyFile: config.subsidy.policyFile,
    payerRateLimit: config.payerRateLimit,
    deployment: config.workerDeployment,
    tuning: { maxCachedWorkflows: config.workerMaxCachedWorkflows, shutdownForceTime: SHUTDOWN_FORCE_TIME },
  });
  // Each subsidy's monthly payroll schedule, created once (one already there is left as it is).
  const clientConnection = await Connection.connect({ address: config.temporal.address, tls: config.temporal.tls });
  const scheduled = await ensurePayrollSchedules(projectClient({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter }), {
    taskQueue: config.temporal.taskQueue,
    cron: config.subsidy.payrollSchedule,
    batchSize: config.subsidy.payrollBatchSize,
  });
  await clientConnection.close();
  log.info({ created: scheduled, cron: config.subsidy.payrollSchedule }, 'payroll schedules in place');
  log.info(
    { taskQueue: config.temporal.taskQueue, maxCachedWorkflows: config.workerMaxCachedWorkflows, temporal: config.temporal.address, metrics: config.workerMetricsAddress ?? null, deployment: config.workerDeployment ?? null },
    'worker started',
  );
  const deployment = config.workerDeployment;
  if (deployment?.promote) {
    // Once the worker polls, its build becomes the deployment's current one; until then the server
    // holds new workflow tasks (an unversioned worker would have taken them).
    promoteDeployment(config.temporal, config.temporal.namespace, deployment).then(
      () => log.info({ deployment: deployment.name, buildId: deployment.buildId }, 'build is the current version of the deployment'),
      (error: unknown) => log.error({ deployment: deployment.name, buildId: deployment.buildId, error: (error as Error).message }, 'could not make this build current: set it with `temporal worker deployment set-current-version`'),
    );
  }
  // The runtime turns SIGINT/SIGTERM into a graceful shutdown: running tasks finish, then run() resolves.
  // It stops listening after the first signal; a second SIGTERM (a supervisor or a wrapper such as
  // tsx relaying it again) would then take Node's default and kill the drain half-way (exit 143).
  // The drain is bounded by SHUTDOWN_FORCE_TIME, so a repeat is only noted.
  process.on('SIGTERM', () => log.info('SIGTERM again: the shutdown is already under way'));
  try {
    await worker.run();
  } catch (error) {
    if (!(error instanceof GracefulShutdownPeriodExpiredError)) throw error;
    log.warn({ shutdownForceTime: SHUTDOWN_FORCE_TIME, status: worker.getStatus() }, 'shutdown did not drain in time; what was running is cancelled and retried elsewhere');
    // What still runs may hold database clients the pool would wait for: leave now.
    process.exit(0);
  }
  await connection.close();
  await lifeEventConnection.close();
  await db.destroy();
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'worker failed', error: (error as Error).message }));
  process.exit(1);
});
