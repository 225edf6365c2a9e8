/**
 * The processes under measurement (case worker, floor worker, API) run as children: `node
 * --import tsx <script>` directly, not through the tsx CLI, so each is one process and its RSS
 * (read from /proc) is the honest figure for that role. Output goes to a log file in the data folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { killProcessGroup, tailOfFile, waitForExit, type ExitInfo } from '../../dev/processes';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export interface ChildOptions {
  name: string;
  /** Path from the project root, e.g. worker/main.ts. */
  script: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Node flags before the script (--cpu-prof, --require …). */
  nodeArgs?: string[];
}

export interface MemorySample {
  /** Resident set size now, MiB. */
  rssMiB: number;
  /** Peak resident set size since the process started (VmHWM), MiB. */
  peakMiB: number;
}

export interface ChildProcessHandle {
  name: string;
  pid: number;
  logFile: string;
  exited: Promise<ExitInfo>;
  memory(): MemorySample | undefined;
  /** SIGTERM, a grace period for a clean shutdown (CPU profiles are written then), then SIGKILL. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

export function spawnChild(options: ChildOptions): ChildProcessHandle {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'a');
  let child;
  try {
    child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(PROJECT_ROOT, options.script)], {
      cwd: PROJECT_ROOT,
      env: options.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
  } finally {
    fs.closeSync(log);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start the ${options.name} (${options.script})`);
  const exited = waitForExit(child);
  const killOnExit = () => killProcessGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);
  let stopping: Promise<ExitInfo> | undefined;
  return {
    name: options.name,
    pid,
    logFile: options.logFile,
    exited,
    memory: () => readMemory(pid),
    stop(graceMs = 20_000) {
      stopping ??= (async () => {
        // The leader only: the SDK and the API treat a second SIGTERM as "stop now".
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
        const outcome = await Promise.race([exited.then(() => 'exited' as const), grace]);
        clearTimeout(timer);
        killProcessGroup(pid, 'SIGKILL');
        if (outcome === 'timeout') await exited;
        process.removeListener('exit', killOnExit);
        return exited;
      })();
      return stopping;
    },
  };
}

/** VmRSS and VmHWM of a live process, from /proc (Linux). */
export function readMemory(pid: number): MemorySample | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: round(kib('VmRSS') / 1024), peakMiB: round(kib('VmHWM') / 1024) };
}

const round = (value: number) => Number(value.toFixed(1));

/** Samples a child's RSS every `everyMs` while a step runs: the peak of that step, not of the process's life. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly child: ChildProcessHandle,
    everyMs = 200,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
    this.sample();
  }

  private sample(): void {
    const memory = this.child.memory();
    if (memory && memory.rssMiB > this.peak) this.peak = memory.rssMiB;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

/** Waits until `ready()` resolves true; fails early, with the log's tail, if the child exits. */
export async function waitUntilReady(child: ChildProcessHandle, ready: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  let exitedWith: ExitInfo | undefined;
  void child.exited.then((info) => (exitedWith = info));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitedWith) {
      throw new Error(`the ${child.name} exited (${exitedWith.signal ?? `code ${exitedWith.code}`}) before it was ready\n--- ${child.logFile} ---\n${tailOfFile(child.logFile, 20)}`);
    }
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the ${child.name} was not ready within ${timeoutMs / 1000} s\n--- ${child.logFile} ---\n${tailOfFile(child.logFile, 20)}`);
}
