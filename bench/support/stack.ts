/**
 * The servers the benchmark measures against: its own Temporal dev server and embedded PostgreSQL
 * in a fresh folder under .bench-data/ on free ports, unless TEMPORAL_ADDRESS / DATABASE_URL
 * name existing ones. Migrations are applied either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureEmbeddedSecrets } from '../../config/secrets';
import { createDb } from '../../store/connection';
import { migrateToLatest } from '../../store/migrator';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../dev/postgres';
import { freePorts } from '../../dev/ports';
import { temporalCli } from '../../dev/temporal-cli';
import { startTemporalServer, type TemporalServer } from '../../dev/temporal-server';
import { registeredSearchAttributes } from '../../programs/catalogue';
import { PROJECT_ROOT } from './children';

export const BENCH_DATA_ROOT = path.join(PROJECT_ROOT, '.bench-data');

export interface BenchStack {
  dataDir: string;
  temporalAddress: string;
  namespace: string;
  databaseUrl: string;
  /** `temporal --version` of the CLI whose dev server runs, when the benchmark started it. */
  temporalCliVersion: string | null;
  temporalServerVersion: string | null;
  embeddedTemporal: boolean;
  embeddedPostgres: boolean;
  /** Processes whose CPU time can be read (embedded servers only). */
  temporalPid: number | undefined;
  postgresPid: number | undefined;
  stop(): Promise<void>;
}

export async function startBenchStack(runId: string, log: (line: string) => void): Promise<BenchStack> {
  const dataDir = path.join(BENCH_DATA_ROOT, runId);
  // The `postgres` system user (PostgreSQL as root) must be able to enter it: not an mkdtemp folder.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  // The API signs and checks tokens with the secret kept here (config/secrets.ts), embedded database or not.
  ensureEmbeddedSecrets(dataDir);

  const externalTemporal = process.env.TEMPORAL_ADDRESS;
  const externalDatabase = process.env.DATABASE_URL;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const [temporalPort, postgresPort] = (await freePorts(2)) as [number, number];

  let temporal: TemporalServer | undefined;
  let postgres: EmbeddedPostgres | undefined;
  let cliVersion: string | null = null;
  const stop = async () => {
    await Promise.allSettled([temporal?.stop(), postgres?.stop()]);
  };

  const started = await Promise.allSettled([
    externalTemporal
      ? Promise.resolve()
      : temporalCli().then(async (cli) => {
          cliVersion = cli.version;
          temporal = await startTemporalServer({
            cliPath: cli.path,
            port: temporalPort,
            namespace,
            // Persisted with WAL, as `npm start` runs it: the figures are those of the default setup.
            dbFile: path.join(dataDir, 'temporal.db'),
            logFile: path.join(dataDir, 'temporal.log'),
          });
        }),
    externalDatabase ? Promise.resolve() : startEmbeddedPostgres({ dataDir, port: postgresPort }).then((p) => void (postgres = p)),
  ]);
  const failures = started.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0) {
    await stop();
    throw new Error(failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('\n'));
  }

  const temporalAddress = externalTemporal ?? temporal!.address;
  const databaseUrl = externalDatabase ?? postgres!.url;
  let serverVersion: string | null = null;
  try {
    const db = createDb(databaseUrl, { max: 1, applicationName: 'bench-migrate' });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    serverVersion = await checkTemporal(temporalAddress, namespace);
  } catch (error) {
    await stop();
    throw error;
  }
  log(
    `stack: Temporal ${temporalAddress}${temporal ? ' (embedded dev server)' : ' (TEMPORAL_ADDRESS)'}, ` +
      `PostgreSQL ${postgres ? `127.0.0.1:${postgres.port} (embedded)` : '(DATABASE_URL)'}, data ${path.relative(PROJECT_ROOT, dataDir)}`,
  );
  return {
    dataDir,
    temporalAddress,
    namespace,
    databaseUrl,
    temporalCliVersion: cliVersion,
    temporalServerVersion: serverVersion,
    embeddedTemporal: temporal !== undefined,
    embeddedPostgres: postgres !== undefined,
    temporalPid: temporal?.pid,
    postgresPid: postgres?.pid,
    stop,
  };
}

/** The server's version, after checking that the case workflow's search attributes exist there. */
async function checkTemporal(address: string, namespace: string): Promise<string | null> {
  const connection = await Connection.connect({ address });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.keys(registeredSearchAttributes()).filter((name) => !(name in (customAttributes ?? {})));
    if (missing.length > 0) throw new Error(`Temporal at ${address} lacks the search attributes ${missing.join(', ')} (temporal operator search-attribute create)`);
    const info = await connection.workflowService.getSystemInfo({});
    return info.serverVersion || null;
  } finally {
    await connection.close();
  }
}
