/**
 * A PostgreSQL of a test's own (to stop, kill or restart without disturbing the shared one),
 * run by postgres-process.ts in a child process on a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { createDb } from '../../store/connection';
import { migrateToLatest } from '../../store/migrator';
import { freePort } from '../../dev/ports';
import { PROJECT_ROOT } from './processes';
import { tempDataDir } from './stack';

const RUNNER = path.relative(PROJECT_ROOT, path.join(__dirname, 'postgres-process.ts'));

export interface OwnPostgres {
  /** As the superuser. */
  url: string;
  /** As the owner role (migrations) and as the application role (the API and the worker). */
  ownerUrl: string;
  appUrl: string;
  port: number;
  dataDir: string;
  clusterDir: string;
  /** Set when a root run keeps the cluster outside dataDir (see dev/postgres-placement.ts). */
  movedBecause: string | undefined;
  /** The postmaster's pid. */
  pid: number;
  /** Clean stop (the data stays in dataDir; start again with the same dataDir). */
  stop(): Promise<void>;
  /** Abrupt death of the server (SIGKILL to the postmaster), as in a crash; stop() still cleans up. */
  crash(): Promise<void>;
}

export interface OwnPostgresOptions {
  /** Reuse a data folder (restart); a fresh one by default. */
  dataDir?: string;
  port?: number;
  /** Apply the project's migrations once it runs. */
  migrate?: boolean;
  /** Run the code of another checkout of the project (with its own node_modules): this one by default. */
  checkout?: string;
}

export async function startOwnPostgres(options: OwnPostgresOptions = {}): Promise<OwnPostgres> {
  const dataDir = options.dataDir ?? tempDataDir('own-pg');
  const port = options.port ?? (await freePort());
  const checkout = options.checkout ?? PROJECT_ROOT;
  const tsx = require.resolve('tsx/cli', { paths: [checkout] });
  const child: ChildProcess = spawn(process.execPath, [tsx, path.join(checkout, RUNNER), dataDir, String(port)], { cwd: checkout, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout! });
  let postgresExited: () => void = () => undefined;
  const postgresGone = new Promise<void>((resolve) => (postgresExited = resolve));
  const ready = await new Promise<{ url: string; ownerUrl: string; appUrl: string; pid: number; clusterDir: string; movedBecause?: string }>((resolve, reject) => {
    lines.on('line', (line) => {
      let message: { event?: string; url?: string; ownerUrl?: string; appUrl?: string; pid?: number; clusterDir?: string; movedBecause?: string; error?: string };
      try {
        message = JSON.parse(line);
      } catch {
        return;
      }
      if (message.event === 'ready') resolve({ url: message.url!, ownerUrl: message.ownerUrl!, appUrl: message.appUrl!, pid: message.pid!, clusterDir: message.clusterDir!, movedBecause: message.movedBecause });
      else if (message.event === 'failed') reject(new Error(message.error));
      else if (message.event === 'exited') postgresExited();
    });
    void exited.then(() => reject(new Error('the PostgreSQL runner exited before PostgreSQL was ready')));
  });
  if (options.migrate) {
    const db = createDb(ready.ownerUrl, { max: 1 });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  }
  let stopped: Promise<void> | undefined;
  return {
    url: ready.url,
    ownerUrl: ready.ownerUrl,
    appUrl: ready.appUrl,
    port,
    dataDir,
    clusterDir: ready.clusterDir,
    movedBecause: ready.movedBecause,
    pid: ready.pid,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      })();
      return stopped;
    },
    async crash() {
      process.kill(ready.pid, 'SIGKILL');
      await postgresGone;
    },
  };
}
