/**
 * The floor workflow's own worker process (its own task queue and bundle), run by the benchmark
 * as a child like the case worker, with the same SDK defaults and the same forced tuning.
 * Environment: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TASK_QUEUE, DATA_DIR or PAYLOAD_KEYS, BENCH_WORKER_TUNING,
 * BENCH_WORKER_OPTIONS_FILE.
 */
import fs from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { dataConverterFor } from '../../codec/data-converter';
import { loadConfig } from '../../config/config';
import { createFloorActivities } from './activities';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  const taskQueue = process.env.TASK_QUEUE;
  if (!address || !taskQueue) throw new Error('TEMPORAL_ADDRESS and TASK_QUEUE are required');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const tuning = process.env.BENCH_WORKER_TUNING ? (JSON.parse(process.env.BENCH_WORKER_TUNING) as Record<string, number>) : {};
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue,
    // The case worker's converter (keys from DATA_DIR or PAYLOAD_KEYS), so the floor pays for encryption too.
    dataConverter: dataConverterFor(loadConfig()),
    workflowsPath: require.resolve('./workflows'),
    activities: createFloorActivities(),
    ...tuning,
  });
  const optionsFile = process.env.BENCH_WORKER_OPTIONS_FILE;
  if (optionsFile) {
    // The same description the case worker's probe writes; plain CommonJS because the probe is
    // preloaded with --require, before tsx could compile TypeScript.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { describeWorkerOptions } = require('../support/worker-options.cjs') as { describeWorkerOptions: (options: unknown, forced: unknown) => unknown };
    fs.writeFileSync(optionsFile, JSON.stringify(describeWorkerOptions(worker.options, tuning)));
  }
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'floor worker failed', error: (error as Error).message }));
  process.exit(1);
});
