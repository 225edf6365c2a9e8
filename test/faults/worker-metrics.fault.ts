/**
 * The worker's own metrics: with WORKER_METRICS_ADDRESS set, a real worker process serves the
 * Temporal SDK's Prometheus metrics, and they move when it works (a case driven to rehabilitation
 * completes workflow tasks and activities on that worker).
 */
import net from 'node:net';
import type { Client } from '@temporalio/client';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { connectClient, makeCases, toRehabilitation } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

let database: OwnDatabase;
let client: Client;
let worker: ChildProcessHandle | undefined;

beforeAll(async () => {
  database = await createOwnDatabase('worker-metrics');
  client = await connectClient(testTemporalAddress());
});
afterAll(async () => {
  await worker?.kill();
  await client?.connection.close();
  await database?.close();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A metric's summed value over all its label sets, from Prometheus text; undefined if absent. */
function total(text: string, name: string): number | undefined {
  const values = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0);
}

test('a worker with WORKER_METRICS_ADDRESS serves the SDK metrics, and they count its work', async () => {
  const port = await freePort();
  const taskQueue = uniqueTaskQueue();
  worker = await startWorkerProcess('worker-metrics', {
    temporalAddress: testTemporalAddress(),
    databaseUrl: database.url,
    taskQueue,
    dataDir: faultDataDir('worker-metrics'),
    extra: { WORKER_METRICS_ADDRESS: `127.0.0.1:${port}` },
  });
  expect(worker.output()).toContain(`"metrics":"127.0.0.1:${port}"`);

  const [faultCase] = makeCases(1, 'metrics');
  await Promise.race([toRehabilitation(client, taskQueue, faultCase!), worker.crashed()]);

  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  // Counted on this worker: the case's workflow tasks, and the activities that stored its events.
  expect(total(text, 'temporal_workflow_task_execution_latency_count')).toBeGreaterThan(0);
  expect(text).toMatch(/^temporal_workflow_task_schedule_to_start_latency_(bucket|count)/m);
  expect(text).toContain(`task_queue="${taskQueue}"`);
});
