/**
 * Workers and API servers as real child processes (`tsx worker/main.ts`, `tsx api/main.ts`), each
 * leading its own process group so that SIGKILL reaches tsx and the node process it runs at once:
 * nothing gets a chance to finish, flush or say goodbye.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tailOfFile, waitForExit, type ExitInfo } from '../../../dev/processes';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

export interface ChildProcessHandle {
  name: string;
  pid: number;
  logFile: string;
  exited: Promise<ExitInfo>;
  /** Resolves once `pattern` appears in the process's output; rejects if it exits first. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** SIGKILL to the whole process group; resolves once the leader has exited. */
  kill(): Promise<void>;
  /** SIGTERM to the leader (a graceful stop), SIGKILL to the group after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /**
   * Rejects, with the end of the process's log, if it exits without `kill()` or `stop()`; never
   * resolves. Race a long wait with it, so that a crash fails the test at once with its cause.
   */
  crashed(): Promise<never>;
  output(): string;
}

export interface SpawnOptions {
  name: string;
  script: string;
  env: Record<string, string>;
  logDir: string;
}

export function spawnTsx({ name, script, env, logDir }: SpawnOptions): ChildProcessHandle {
  const logFile = path.join(logDir, `${name}.log`);
  const fd = fs.openSync(logFile, 'a');
  // Only what the child needs: the test process's own stack variables must not leak into it. The
  // payload keys must: a worker or an API child reads and writes the same histories as the test.
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', NODE_ENV: 'test', PAYLOAD_KEYS: process.env.PAYLOAD_KEYS, ...env };
  let child;
  try {
    child = spawn(TSX, [script], { cwd: PROJECT_ROOT, env: childEnv, detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  const pid = child.pid!;
  const exited = waitForExit(child);
  const killGroup = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  // A failed test must not leave a worker polling behind it.
  process.once('exit', killGroup);
  void exited.then(() => process.removeListener('exit', killGroup));

  const output = () => {
    try {
      return fs.readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  let exitInfo: ExitInfo | undefined;
  void exited.then((info) => (exitInfo = info));
  let stopRequested = false;
  const crashed = new Promise<never>((_, reject) => {
    void exited.then((info) => {
      if (!stopRequested) reject(new Error(`${name} exited on its own (${info.signal ?? info.code}):\n${tailOfFile(logFile, 40)}`));
    });
  });
  crashed.catch(() => undefined); // reported only to whoever races with it

  return {
    name,
    pid,
    logFile,
    exited,
    output,
    async waitForOutput(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (pattern.test(output())) return;
        if (exitInfo) throw new Error(`${name} exited (${exitInfo.signal ?? exitInfo.code}) before printing ${pattern}:\n${tailOfFile(logFile, 30)}`);
        if (Date.now() > deadline) throw new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${tailOfFile(logFile, 30)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    crashed: () => crashed,
    async kill() {
      stopRequested = true;
      killGroup();
      await exited;
    },
    async stop(graceMs = 15_000) {
      stopRequested = true;
      if (exitInfo) return killGroup();
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(killGroup, graceMs);
      await exited;
      clearTimeout(timer);
      killGroup();
    },
  };
}

export interface WorkerEnv {
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  dataDir: string;
  /** More variables for the child (a worker's metrics address). */
  extra?: Record<string, string>;
}

/** `tsx worker/main.ts` on the given servers and task queue, resolved once it polls. */
export async function startWorkerProcess(name: string, env: WorkerEnv): Promise<ChildProcessHandle> {
  const worker = spawnTsx({
    name,
    script: 'worker/main.ts',
    logDir: env.dataDir,
    env: { TEMPORAL_ADDRESS: env.temporalAddress, DATABASE_URL: env.databaseUrl, TASK_QUEUE: env.taskQueue, DATA_DIR: env.dataDir, ...env.extra },
  });
  try {
    // The worker bundles the workflow code at start: slow on a loaded 2-core machine.
    await worker.waitForOutput(/"msg":"worker started"/, 90_000);
  } catch (error) {
    await worker.kill();
    throw error;
  }
  return worker;
}

export interface ApiEnv extends WorkerEnv {
  port: number;
  authSecret: string;
  extra?: Record<string, string>;
}

/** `tsx api/main.ts` listening on `port`, resolved once /readyz answers 200. */
export async function startApiProcess(name: string, env: ApiEnv): Promise<ChildProcessHandle> {
  const api = spawnTsx({
    name,
    script: 'api/main.ts',
    logDir: env.dataDir,
    env: {
      TEMPORAL_ADDRESS: env.temporalAddress,
      DATABASE_URL: env.databaseUrl,
      TASK_QUEUE: env.taskQueue,
      DATA_DIR: env.dataDir,
      PORT: String(env.port),
      AUTH_SECRET: env.authSecret,
      ...env.extra,
    },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${env.port}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return api;
    const exitedEarly = await Promise.race([api.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200))]);
    if (exitedEarly || Date.now() > deadline) {
      await api.kill();
      throw new Error(`${name} did not become ready on port ${env.port}:\n${tailOfFile(api.logFile, 30)}`);
    }
  }
}
