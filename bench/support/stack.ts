/**
 * The servers the benchmark measures against: its own Temporal dev server and embedded PostgreSQL
 * in a fresh folder under .bench-data/ on free ports, unless TEMPORAL_ADDRESS / DATABASE_URL
 * name existing ones. Migrations are applied either way.
 */
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureEmbeddedSecrets } from '../../config/secrets';
import { freePorts } from '../../dev/ports';
import { scratchDataDir } from '../../dev/postgres-placement';
import { migrateDatabase, startServers } from '../../dev/servers';
import { registeredSearchAttributes } from '../../programs/catalogue';
import { PROJECT_ROOT } from './children';

export const BENCH_DATA_ROOT = path.join(PROJECT_ROOT, '.bench-data');

export interface BenchStack {
  dataDir: string;
  temporalAddress: string;
  namespace: string;
  /** The driver's connection: the embedded server's superuser (it loads data and analyzes tables), or DATABASE_URL. */
  databaseUrl: string;
  /**
   * The worker's and the API's: the application role a deployment gives them (no DDL, no table of
   * its own), as `npm start` does; DATABASE_URL when the database is not the embedded one.
   */
  appDatabaseUrl: string;
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
  const dataDir = scratchDataDir(BENCH_DATA_ROOT, runId);
  // The API signs and checks tokens with the secret kept here (config/secrets.ts), embedded database or not.
  ensureEmbeddedSecrets(dataDir);

  const externalTemporal = process.env.TEMPORAL_ADDRESS;
  const externalDatabase = process.env.DATABASE_URL;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const [temporalPort, postgresPort] = (await freePorts(2)) as [number, number];

  const servers = await startServers({
    dataDir,
    // Persisted with WAL, as `npm start` runs it: the figures are those of the default setup.
    temporal: externalTemporal ? undefined : { port: temporalPort, namespace, dbFile: path.join(dataDir, 'temporal.db') },
    postgresPort: externalDatabase ? undefined : postgresPort,
  });
  const { temporal, postgres } = servers;
  const temporalAddress = externalTemporal ?? temporal!.address;
  const databaseUrl = externalDatabase ?? postgres!.url;
  let serverVersion: string | null = null;
  try {
    // By the owner role, as `npm start` migrates: the application role's privileges are the owner's defaults.
    await migrateDatabase(postgres?.ownerUrl ?? databaseUrl, 'bench-migrate');
    serverVersion = await checkTemporal(temporalAddress, namespace);
  } catch (error) {
    await servers.stop();
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
    appDatabaseUrl: postgres?.appUrl ?? databaseUrl,
    temporalCliVersion: servers.temporalCli?.version ?? null,
    temporalServerVersion: serverVersion,
    embeddedTemporal: temporal !== undefined,
    embeddedPostgres: postgres !== undefined,
    temporalPid: temporal?.pid,
    postgresPid: postgres?.pid,
    stop: servers.stop,
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
