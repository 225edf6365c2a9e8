/**
 * Runs `temporal server start-dev` as a child process and waits until it really answers
 * (namespace described, custom search attributes listed). Used by `npm run infra`, `npm start`
 * and the shared test stack.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { registeredSearchAttributes } from '../programs/catalogue';
import { killProcessGroup, tailOfFile, waitForExit } from './processes';

export interface TemporalServerOptions {
  /** Absolute path of the Temporal CLI (see dev/temporal-cli.ts). */
  cliPath: string;
  port: number;
  /** Web UI port; without it the server runs headless. */
  uiPort?: number;
  /** Codec server the Web UI sends payloads to for display (the API's /codec); none: the UI shows ciphertext. */
  uiCodecEndpoint?: string;
  namespace?: string;
  /** SQLite file to persist to; in memory when omitted. */
  dbFile?: string;
  /** Server output goes here, never to the terminal. */
  logFile: string;
  searchAttributes?: Record<string, string>;
  readyTimeoutMs?: number;
}

export interface TemporalServer {
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  pid: number;
  /** Resolves when the process exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the whole process group and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

export function temporalServerArgs(options: TemporalServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(options.port), '--namespace', options.namespace ?? 'default'];
  if (options.uiPort !== undefined) args.push('--ui-port', String(options.uiPort), '--ui-disable-news-fetch');
  else args.push('--headless');
  if (options.uiPort !== undefined && options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  if (options.dbFile) {
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }
  for (const [name, type] of Object.entries(options.searchAttributes ?? registeredSearchAttributes())) {
    args.push('--search-attribute', `${name}=${type}`);
  }
  // Flag a workflow whose task failed once (default 5) in TemporalReportedProblems, so the stuck
  // report sees WORKFLOW_TASK_FAILING within seconds (docker-compose sets the same).
  args.push('--dynamic-config-value', 'system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute=1');
  args.push('--log-format', 'json', '--log-level', 'warn');
  return args;
}

export async function startTemporalServer(options: TemporalServerOptions): Promise<TemporalServer> {
  const namespace = options.namespace ?? 'default';
  const address = `${HOST}:${options.port}`;
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    // Own process group: stop() can kill the server and anything it spawned in one call.
    child = spawn(options.cliPath, temporalServerArgs(options), { detached: true, stdio: ['ignore', log, log] });
  } finally {
    fs.closeSync(log);
  }
  const pid = child.pid;
  if (pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new Error(`could not start the Temporal dev server (${options.cliPath}): ${error.message}`);
  }
  const exited = waitForExit(child);
  // If this process dies without calling stop(), do not leave the server behind.
  const killOnExit = () => killProcessGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await killProcessGroup(pid, 'SIGTERM', exited, 15_000);
      process.removeListener('exit', killOnExit);
    })();
    return stopping;
  };

  try {
    await waitUntilAnswering({
      address,
      namespace,
      searchAttributes: Object.keys(options.searchAttributes ?? registeredSearchAttributes()),
      exited,
      timeoutMs: options.readyTimeoutMs ?? 60_000,
    });
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Temporal dev server on ${address} did not come up: ${reason}\n--- last lines of ${options.logFile} ---\n${tailOfFile(options.logFile, 20)}`);
  }
  return { address, namespace, uiUrl: options.uiPort !== undefined ? `http://localhost:${options.uiPort}` : undefined, pid, exited, stop };
}

function acceptsTcp(address: string): Promise<boolean> {
  const [host, port] = address.split(':') as [string, string];
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    socket.setTimeout(1_000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

interface WaitOptions {
  address: string;
  namespace: string;
  searchAttributes: string[];
  exited: TemporalServer['exited'];
  timeoutMs: number;
}

/** Polls real gRPC calls until the namespace answers and every search attribute is registered. */
async function waitUntilAnswering(options: WaitOptions): Promise<void> {
  let exitedWith: string | undefined;
  void options.exited.then(({ code, signal }) => {
    exitedWith = `the process exited (${signal ?? `code ${code}`})`;
  });
  const deadline = Date.now() + options.timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitedWith) throw new Error(exitedWith);
    if (!(await acceptsTcp(options.address))) {
      lastProblem = 'port not open yet';
    } else {
      // lazy() + close() in finally: a failed Connection.connect() would leave its channel open.
      const connection = Connection.lazy({ address: options.address, connectTimeout: 2_000 });
      try {
        await connection.ensureConnected();
        await connection.workflowService.describeNamespace({ namespace: options.namespace });
        const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: options.namespace });
        const missing = options.searchAttributes.filter((name) => !(name in (customAttributes ?? {})));
        if (missing.length === 0) return;
        lastProblem = `search attributes not registered yet: ${missing.join(', ')}`;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      } finally {
        await connection.close().catch(() => undefined);
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not answering after ${options.timeoutMs / 1000} s (${lastProblem})`);
}
