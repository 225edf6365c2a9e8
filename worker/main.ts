import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/config';
import { loadHospitalRegistry } from '../config/hospitals';
import { databaseUrl } from '../config/secrets';
import { createDb } from '../db/connection';
import { createCaseWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  loadHospitalRegistry(config.hospitalsFile); // fail at start, not on the first discharge
  Runtime.install({ logger: new DefaultLogger(config.logLevel === 'silent' ? 'ERROR' : 'INFO') });

  const db = createDb(databaseUrl(config), { applicationName: 'assistance-cases-worker', max: 20 });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createCaseWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    policyFile: config.policyFile,
    hospitalsFile: config.hospitalsFile,
  });
  console.log(JSON.stringify({ level: 'info', msg: 'worker started', taskQueue: config.temporal.taskQueue, temporal: config.temporal.address }));
  // The runtime turns SIGINT/SIGTERM into a graceful shutdown: running tasks finish, then run() resolves.
  await worker.run();
  await connection.close();
  await db.destroy();
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'worker failed', error: (error as Error).message }));
  process.exit(1);
});
