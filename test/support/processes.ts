/** Process helpers for tests that spawn `npm run infra` / `npm start`: descendants, readiness, leftovers. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may contain spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

/** Every live descendant of `root` (children, grandchildren, …), from /proc. */
export function descendantsOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid !== undefined) parents.set(Number(entry), ppid);
  }
  const result: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const [pid, ppid] of parents) {
      if (ppid === current) {
        result.push(pid);
        queue.push(pid);
      }
    }
  }
  return result;
}

export function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves when `pattern` appears in stdout/stderr; rejects if the process exits first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns `npm run <script>` in its own process group, like a terminal runs a foreground job,
 * so a test can send SIGINT to the whole group exactly as Ctrl-C does.
 */
export function spawnNpm(args: string[], env: NodeJS.ProcessEnv): Spawned {
  const child = spawn('npm', args, { cwd: PROJECT_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      for (const l of listeners) l();
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    pid: child.pid!,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}; output:\n${text}`)), timeoutMs);
        const check = () => {
          if (pattern.test(text)) done();
        };
        const done = (error?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        listeners.add(check);
        void exited.then(({ code, signal }) => done(pattern.test(text) ? undefined : new Error(`exited (${signal ?? code}) before ${pattern}; output:\n${text}`)));
        check();
      });
    },
  };
}

/** Sends `signal` to the process group of a spawnNpm child (what Ctrl-C does in a terminal). */
export function signalGroup(spawned: Spawned, signal: NodeJS.Signals): void {
  try {
    process.kill(-spawned.pid, signal);
  } catch {
    // already gone
  }
}

/** Last resort for a failed test: kill the given processes so nothing outlives the test run. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
