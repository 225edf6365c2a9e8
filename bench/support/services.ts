/**
 * The processes under measurement: the project's case worker (worker/main.ts, unchanged, with
 * the options probe preloaded), the floor worker (bench/floor/worker.ts) and the API
 * (api/main.ts), each a child with its own log file in the run's data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../dev/ports';
import type { BenchOptions } from '../options';
import { spawnChild, waitUntilReady, type ChildProcessHandle } from './children';
import type { BenchStack } from './stack';

export interface WorkerOptionsInForce {
  taskQueue: string;
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number | string | null;
  maxConcurrentActivityTaskExecutions: number | string | null;
  maxConcurrentLocalActivityExecutions: number | string | null;
  reuseV8Context: boolean;
  heapSizeLimitMiB: number;
  forcedByBench: Record<string, number>;
}

export interface RunningWorker {
  process: ChildProcessHandle;
  options: WorkerOptionsInForce;
}

export interface RunningApi {
  process: ChildProcessHandle;
  baseUrl: string;
}

const PROBE = path.join(__dirname, 'worker-probe.cjs');

export class BenchServices {
  readonly caseTaskQueue: string;
  readonly floorTaskQueue: string;
  private generation = 0;
  private readonly running = new Set<ChildProcessHandle>();

  constructor(
    private readonly stack: BenchStack,
    private readonly options: BenchOptions,
    runId: string,
  ) {
    // Own task queues: on a shared TEMPORAL_ADDRESS no other worker picks up the benchmark's tasks.
    this.caseTaskQueue = `bench-cases-${runId}`;
    this.floorTaskQueue = `bench-floor-${runId}`;
  }

  private env(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      DATA_DIR: this.stack.dataDir,
      TEMPORAL_ADDRESS: this.stack.temporalAddress,
      TEMPORAL_NAMESPACE: this.stack.namespace,
      DATABASE_URL: this.stack.appDatabaseUrl,
      BENCH_WORKER_TUNING: JSON.stringify(this.options.workerTuning),
      ...extra,
    };
  }

  private nodeArgs(role: string): string[] {
    if (!this.options.cpuProf) return [];
    const dir = path.join(this.stack.dataDir, 'profiles', role);
    fs.mkdirSync(dir, { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  }

  private track(child: ChildProcessHandle): ChildProcessHandle {
    this.running.add(child);
    void child.exited.then(() => this.running.delete(child));
    return child;
  }

  private async startWorker(role: 'case-worker' | 'floor-worker', script: string, taskQueue: string, preload: string[]): Promise<RunningWorker> {
    const generation = ++this.generation;
    const optionsFile = path.join(this.stack.dataDir, `${role}-${generation}.options.json`);
    const child = this.track(
      spawnChild({
        name: role,
        script,
        env: this.env({ TASK_QUEUE: taskQueue, BENCH_WORKER_OPTIONS_FILE: optionsFile }),
        logFile: path.join(this.stack.dataDir, `${role}-${generation}.log`),
        nodeArgs: [...this.nodeArgs(role), ...preload],
      }),
    );
    // Written right after Worker.create: the bundle is built and the worker is about to poll.
    await waitUntilReady(child, async () => fs.existsSync(optionsFile));
    return { process: child, options: JSON.parse(fs.readFileSync(optionsFile, 'utf8')) as WorkerOptionsInForce };
  }

  startCaseWorker(): Promise<RunningWorker> {
    return this.startWorker('case-worker', 'worker/main.ts', this.caseTaskQueue, ['--require', PROBE]);
  }

  startFloorWorker(): Promise<RunningWorker> {
    return this.startWorker('floor-worker', 'bench/floor/worker.ts', this.floorTaskQueue, []);
  }

  async startApi(): Promise<RunningApi> {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const child = this.track(
      spawnChild({
        name: 'api',
        script: 'api/main.ts',
        env: this.env({ PORT: String(port), TASK_QUEUE: this.caseTaskQueue }),
        logFile: path.join(this.stack.dataDir, 'api.log'),
        nodeArgs: this.nodeArgs('api'),
      }),
    );
    await waitUntilReady(child, async () => (await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(3_000) })).ok);
    return { process: child, baseUrl };
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.running].map((child) => child.stop()));
  }

  profilesDir(): string | undefined {
    return this.options.cpuProf ? path.join(this.stack.dataDir, 'profiles') : undefined;
  }
}
