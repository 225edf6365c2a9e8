/**
 * The running stack for the browser tests: the project's own `npm start` (Temporal dev server,
 * PostgreSQL, migrations, worker, API serving console/dist) on a data folder and free ports of its
 * own, so it never touches the user's data nor another engineer's test stack.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from '../../../dev/ports';

const ROOT = path.resolve(__dirname, '../../..');
const run = promisify(execFile);

export interface Stack {
  baseUrl: string;
  temporalUiUrl: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  log: string;
  stop(): Promise<void>;
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm start exited (${child.exitCode ?? child.signalCode}); see ${logFile}:\n${tail(logFile)}`);
    try {
      const readyz = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      const index = readyz.ok ? await fetch(`${url}/`, { headers: { Accept: 'text/html' }, signal: AbortSignal.timeout(2_000) }) : undefined;
      if (index?.ok && (await index.text()).includes('<div id="root">')) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the stack did not become ready at ${url} within ${timeoutMs / 1000} s; see ${logFile}:\n${tail(logFile)}`);
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Servers of this stack that outlived `npm start` (seen once: a Temporal dev server still running
 * after the stack stopped). Only processes whose command line names this run's own data folder.
 */
function killLeftovers(dataDir: string): void {
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return; // no /proc: nothing to sweep
  }
  for (const pid of pids) {
    try {
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (command.includes(dataDir) && Number(pid) !== process.pid) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone, or not ours to read
    }
  }
}

/** The roles the browser tests sign in as. */
export type E2ERole = 'officer' | 'hospital' | 'admin' | 'civil' | 'finance';

export async function startStack(options: { stageSla?: Record<string, string> } = {}): Promise<Stack> {
  if (!fs.existsSync(path.join(ROOT, 'console', 'dist', 'index.html'))) {
    throw new Error('console/dist is not built: run `npm --prefix console run build` (the root postinstall does it)');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-e2e-'));
  // The embedded PostgreSQL runs as another user when we are root: it must be able to enter the folder.
  fs.chmodSync(dataDir, 0o755);
  const [port, temporalPort, temporalUiPort, pgPort] = (await freePorts(4)) as [number, number, number, number];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(temporalUiPort),
    PG_PORT: String(pgPort),
    DATA_DIR: dataDir,
    // A granted subsidy's public notice lasts seconds, not days: a test's enrolments become ACTIVE and join a payroll.
    SUBSIDY_NOTICE: '2s',
    ...(options.stageSla ? { STAGE_SLA: JSON.stringify(options.stageSla) } : {}),
  };
  delete env.TEMPORAL_ADDRESS;
  delete env.DATABASE_URL;
  const log = path.join(dataDir, 'stack.log');
  const out = fs.openSync(log, 'a');
  // Its own process group: stop() signals npm start and everything it started, and nothing else.
  const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', out, out] });
  const baseUrl = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {
        // already gone
      }
      const timedOut = await Promise.race([exited.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 30_000))]);
      if (timedOut) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    killLeftovers(dataDir);
    fs.closeSync(out);
    if (!process.env.E2E_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(baseUrl, child, log, 240_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, temporalUiUrl: `http://localhost:${temporalUiPort}`, dataDir, env, log, stop };
}

/** `npm run token` against the stack's DATA_DIR, where the signing secret lives. */
export async function mintToken(env: NodeJS.ProcessEnv, role: E2ERole, sub: string, hospitalId?: string): Promise<string> {
  const args = ['run', '-s', 'token', '--', '--role', role, '--sub', sub, ...(hospitalId ? ['--hospital', hospitalId] : [])];
  const { stdout } = await run('npm', args, { cwd: ROOT, env });
  return stdout.trim();
}
