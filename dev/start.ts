/**
 * `npm start`: the embedded infrastructure and migrations (dev/embedded-stack.ts), then the
 * worker and the API as child processes. Ctrl-C (SIGINT) or SIGTERM stops the children first
 * (the worker drains), then both servers. If a child dies, everything stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import readline from 'node:readline';
import { Connection } from '@temporalio/client';
import type { Config } from '../config/config';
import { describeStack, startEmbeddedStack, type EmbeddedStack } from './embedded-stack';
import { describeStartupError, exitWith, loadConfigOrExit, onShutdownSignal } from './cli-support';
import { killProcessGroup, terminateGroupLeader, waitForExit, type ExitInfo } from './processes';

const ROOT = path.resolve(__dirname, '..');
// Children run as `node --import tsx <script>`: one process each, no tsx CLI wrapper in between
// (the wrapper relays signals by its own rules and may SIGKILL a child that is still draining).
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
const READY_TIMEOUT_MS = 60_000;

interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  exited: Promise<ExitInfo>;
}

/**
 * Each child runs in its own process group: Ctrl-C reaches only this process, which then stops
 * the children in order (the worker drains first), and a group kill catches anything they spawned.
 */
function spawnChild(name: string, script: string, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, script)], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start the ${name} (${script})`);
  const prefix = `[${name}]`.padEnd(9);
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`${prefix}${line}`));
  }
  const pid = child.pid;
  process.once('exit', () => killProcessGroup(pid, 'SIGKILL'));
  return { name, process: child, pid, exited: waitForExit(child) };
}

/** True once shutdown has begun: the readiness waits stop at once instead of holding it up. */
let stopRequested = false;

async function waitForApi(config: Config, children: Child[]): Promise<void> {
  const url = `http://127.0.0.1:${config.port}/readyz`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (stopRequested || children.some((c) => c.process.exitCode !== null || c.process.signalCode !== null)) return; // reported by the exit watcher
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `HTTP ${response.status} ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API did not become ready at ${url} within ${READY_TIMEOUT_MS / 1000} s (${last})`);
}

/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW (wire value; @temporalio/proto is not a direct dependency). */
const TASK_QUEUE_TYPE_WORKFLOW = 1;

/** The worker is ready once it polls its task queue (it bundles the workflow code first). */
async function waitForWorker(config: Config, address: string, children: Child[]): Promise<void> {
  const connection = await Connection.connect({ address, tls: config.temporal.tls });
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (stopRequested || children.some((c) => c.process.exitCode !== null || c.process.signalCode !== null)) return;
      const pollers = await connection.workflowService
        .describeTaskQueue({ namespace: config.temporal.namespace, taskQueue: { name: config.temporal.taskQueue }, taskQueueType: TASK_QUEUE_TYPE_WORKFLOW })
        .then((r) => r.pollers ?? [], () => []); // a transient error is just "not yet"
      if (pollers.length > 0) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the worker did not poll task queue ${config.temporal.taskQueue} within ${READY_TIMEOUT_MS / 1000} s`);
  } finally {
    await connection.close();
  }
}

function printBanner(config: Config, stack: EmbeddedStack): void {
  const api = `http://localhost:${config.port}`;
  const lines = [
    '',
    'Liangzhou assistance cases is running',
    `  API                  ${api}`,
    `  API docs             ${api}/docs`,
    `  Console              ${api}/`,
    ...describeStack(config, stack).map((l) => `  ${l}`),
    `  Data                 ${config.dataDir}`,
    '',
    '  Get a token:   npm run token -- --role officer   (or --role admin, --role hospital --hospital <id>)',
    `  Then:          TOKEN=$(npm run -s token -- --role officer); curl -H "Authorization: Bearer $TOKEN" ${api}/v1/cases`,
    '  Stop:          Ctrl-C',
    '',
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const children: Child[] = [];
  let stack: EmbeddedStack | undefined;
  let startup: Promise<unknown> = Promise.resolve();
  let shuttingDown = false;

  const shutdown = async (reason: string, code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    stopRequested = true;
    console.log(`${reason}; stopping…`);
    // Waits for the servers to be up (so they are stopped, not orphaned); readiness waits end at once.
    await startup.catch(() => undefined);
    // Worker and API first (the worker drains its tasks), then the servers they use.
    await Promise.all(children.map((c) => terminateGroupLeader(c.pid, c.exited, 20_000)));
    await stack?.stop();
    console.log('stopped');
    process.exit(code);
  };
  onShutdownSignal(
    (signal) => void shutdown(`received ${signal}`, 0),
    () => {
      for (const c of children) killProcessGroup(c.pid, 'SIGKILL');
      exitWith('stopping forcefully', 130);
    },
  );

  startup = (async () => {
    for (const script of ['worker/main.ts', 'api/main.ts']) {
      if (!fs.existsSync(path.join(ROOT, script))) throw new Error(`${script} does not exist: cannot start the ${script.split('/')[0]}`);
    }
    stack = await startEmbeddedStack(config, { otherPorts: [{ variable: 'PORT', port: config.port }] });
    if (shuttingDown) return;
    // The children find the servers through the same default configuration (TEMPORAL_PORT,
    // PG_PORT, the secrets in DATA_DIR), or the TEMPORAL_ADDRESS / DATABASE_URL given to us.
    // The console's development sign-in is offered by this one-terminal stack only (set
    // DEV_TOKEN_ENDPOINT=0 to do without it); never in production.
    const devSignIn = config.production ? {} : { DEV_TOKEN_ENDPOINT: process.env.DEV_TOKEN_ENDPOINT ?? '1' };
    const env = { ...process.env, DATA_DIR: config.dataDir, ...devSignIn };
    children.push(spawnChild('worker', 'worker/main.ts', env), spawnChild('api', 'api/main.ts', env));
    for (const child of children) {
      void child.exited.then(({ code, signal }) => shutdown(`the ${child.name} exited (${signal ?? `code ${code}`})`, 1));
    }
    void stack.unexpectedExit.then((reason) => shutdown(reason, 1));
    await Promise.all([waitForApi(config, children), waitForWorker(config, stack.temporalAddress, children)]);
  })();

  try {
    await startup;
  } catch (error) {
    if (shuttingDown) return;
    // Nothing started (bad port, no CLI): one line is the whole story.
    if (!stack && children.length === 0) exitWith(describeStartupError(error));
    console.error(describeStartupError(error));
    await shutdown('startup failed', 1);
    return;
  }
  if (!shuttingDown) printBanner(config, stack!);
}

main().catch((error: unknown) => exitWith(describeStartupError(error)));
