/**
 * The embedded servers side by side: a Temporal dev server and PostgreSQL, each only when asked
 * for, started at once, then the database migrated. One definition for `npm start` / `npm run infra`
 * (dev/embedded-stack.ts), the test run's stack and the benchmark's.
 */
import path from 'node:path';
import { createDb } from '../store/connection';
import { migrateToLatest } from '../store/migrator';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './postgres';
import { temporalCli } from './temporal-cli';
import { startTemporalServer, type TemporalServer, type TemporalServerOptions } from './temporal-server';

export interface ServersOptions {
  /** Where the servers keep their logs, PostgreSQL its cluster and the generated secrets. */
  dataDir: string;
  /** A Temporal dev server of ours on these settings (the CLI is found by dev/temporal-cli.ts); none if omitted. */
  temporal?: Omit<TemporalServerOptions, 'cliPath' | 'logFile'>;
  /** An embedded PostgreSQL of ours on this port; none if omitted. */
  postgresPort?: number;
  /** Runs beside the servers' start (the tests build their workflow bundle meanwhile). */
  alongside?: () => Promise<unknown>;
}

export interface Servers {
  temporal: TemporalServer | undefined;
  postgres: EmbeddedPostgres | undefined;
  /** The CLI whose dev server runs: its path and `temporal --version` line. */
  temporalCli: { path: string; version: string } | undefined;
  stop(): Promise<void>;
}

/** Starts what is asked for; if any part fails, stops the others and throws every reason. */
export async function startServers(options: ServersOptions): Promise<Servers> {
  const servers: Servers = {
    temporal: undefined,
    postgres: undefined,
    temporalCli: undefined,
    stop: async () => {
      await Promise.allSettled([servers.temporal?.stop(), servers.postgres?.stop()]);
    },
  };
  const { temporal } = options;
  const results = await Promise.allSettled([
    temporal &&
      temporalCli().then(async (cli) => {
        servers.temporalCli = { path: cli.path, version: cli.version };
        servers.temporal = await startTemporalServer({ ...temporal, cliPath: cli.path, logFile: path.join(options.dataDir, 'temporal.log') });
      }),
    options.postgresPort !== undefined &&
      startEmbeddedPostgres({ dataDir: options.dataDir, port: options.postgresPort }).then((postgres) => {
        servers.postgres = postgres;
      }),
    options.alongside?.(),
  ]);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0) {
    await servers.stop();
    throw new Error(failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('\n'));
  }
  return servers;
}

/** Brings the database at `url` to the latest migration; the names of those it applied. */
export async function migrateDatabase(url: string, applicationName: string): Promise<string[]> {
  const db = createDb(url, { max: 1, applicationName });
  try {
    const { results } = await migrateToLatest(db);
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}
