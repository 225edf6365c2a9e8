import { NativeConnection, Runtime } from '@temporalio/worker';
import { ConfigError, loadConfig } from '../config/config';
import { hospitalLevelsInUse, loadHospitalRegistry } from '../config/hospitals';
import { loadPolicyFile } from '../domain/policy/policy.file';
import { databaseUrl } from '../config/secrets';
import { createDb } from '../db/connection';
import { createCaseWorker } from './create-worker';
import { createWorkerLoggers } from './logger';

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
  Runtime.install({ logger: sdk });

  const db = createDb(databaseUrl(config), { applicationName: 'assistance-cases-worker', max: 20 });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createCaseWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    policyFile: config.policyFile,
    hospitalsFile: config.hospitalsFile,
    tuning: { maxCachedWorkflows: config.workerMaxCachedWorkflows },
  });
  log.info({ taskQueue: config.temporal.taskQueue, maxCachedWorkflows: config.workerMaxCachedWorkflows, temporal: config.temporal.address }, 'worker started');
  // The runtime turns SIGINT/SIGTERM into a graceful shutdown: running tasks finish, then run() resolves.
  await worker.run();
  await connection.close();
  await db.destroy();
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'worker failed', error: (error as Error).message }));
  process.exit(1);
});
