/**
 * The infrastructure `npm run infra` and `npm start` run: the Temporal dev server (persisting
 * under DATA_DIR, Web UI on) unless TEMPORAL_ADDRESS is set, and embedded PostgreSQL unless
 * DATABASE_URL is set; then the database migrations.
 */
import path from 'node:path';
import type { Config } from '../config/config';
import { databaseUrl, migrationDatabaseUrl } from '../config/secrets';
import { assertDistinctPorts, assertPortsFree } from './ports';
import type { EmbeddedPostgres } from './postgres';
import { migrateDatabase, startServers } from './servers';
import type { TemporalServer } from './temporal-server';

export interface EmbeddedStack {
  temporalAddress: string;
  temporalUiUrl: string | undefined;
  /** Undefined when an existing database is used. */
  postgres: EmbeddedPostgres | undefined;
  temporal: TemporalServer | undefined;
  databaseUrl: string;
  /** Resolves with a description when an embedded server exits without stop() being called. */
  unexpectedExit: Promise<string>;
  stop(): Promise<void>;
}

export function temporalDbFile(dataDir: string): string {
  return path.join(dataDir, 'temporal.db');
}

/** Hides the password of a postgres:// URL for printing. */
export function redactUrl(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export interface StartOptions {
  log?: (line: string) => void;
  /** Ports the caller will use next to the stack (the API's PORT): checked with the others. */
  otherPorts?: ReadonlyArray<{ variable: string; port: number }>;
}

export async function startEmbeddedStack(config: Config, options: StartOptions = {}): Promise<EmbeddedStack> {
  const log = options.log ?? console.log;
  const wantTemporal = config.temporal.externalAddress === undefined;
  const wantPostgres = config.postgres.externalUrl === undefined;
  // Fail fast, before anything starts, naming the variable of a taken or doubly used port.
  const ports = [
    ...(options.otherPorts ?? []),
    ...(wantTemporal
      ? [
          { variable: 'TEMPORAL_PORT', port: config.temporal.port },
          { variable: 'TEMPORAL_UI_PORT', port: config.temporal.uiPort },
        ]
      : []),
    ...(wantPostgres ? [{ variable: 'PG_PORT', port: config.postgres.port }] : []),
  ];
  assertDistinctPorts(ports);
  await assertPortsFree(ports);

  let stopping = false;
  const servers = await startServers({
    dataDir: config.dataDir,
    temporal: wantTemporal
      ? {
          port: config.temporal.port,
          uiPort: config.temporal.uiPort,
          uiCodecEndpoint: codecEndpoint(config),
          namespace: config.temporal.namespace,
          dbFile: temporalDbFile(config.dataDir),
        }
      : undefined,
    postgresPort: wantPostgres ? config.postgres.port : undefined,
  });
  const { temporal, postgres } = servers;
  const stop = async () => {
    stopping = true;
    await servers.stop();
  };
  // A root run may keep the cluster outside DATA_DIR: say where, and why, before anything else.
  if (postgres?.movedBecause) log(postgres.movedBecause);

  // Migrations as the owner role; the API and the worker as the application role (dev/postgres.ts).
  const url = postgres?.appUrl ?? databaseUrl(config);
  const migrationUrl = postgres?.ownerUrl ?? migrationDatabaseUrl(config);
  try {
    const applied = await migrateDatabase(migrationUrl, 'assistance-cases-migrate');
    log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'migrations: database is up to date');
  } catch (error) {
    await stop();
    throw new Error(`migrations on ${redactUrl(migrationUrl)} failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  const watch: Array<Promise<string>> = [];
  if (temporal) watch.push(temporal.exited.then(({ code, signal }) => `the Temporal dev server exited (${signal ?? `code ${code}`}); see ${path.join(config.dataDir, 'temporal.log')}`));
  if (postgres) watch.push(postgres.exited.then(() => `embedded PostgreSQL exited; see ${path.join(config.dataDir, 'postgres.log')}`));
  const unexpectedExit = new Promise<string>((resolve) => {
    for (const p of watch) void p.then((reason) => !stopping && resolve(reason));
  });

  return {
    temporalAddress: temporal?.address ?? config.temporal.address,
    temporalUiUrl: temporal?.uiUrl,
    postgres,
    temporal,
    databaseUrl: url,
    unexpectedExit,
    stop,
  };
}

/** The API's codec server, where the embedded Web UI decrypts payloads for an admin. */
export function codecEndpoint(config: Config): string {
  return `http://localhost:${config.port}/codec`;
}

/** Lines describing what runs where, for the terminal. */
export function describeStack(config: Config, stack: EmbeddedStack): string[] {
  return [
    stack.temporal
      ? `Temporal dev server  ${stack.temporalAddress} (namespace ${config.temporal.namespace}, data ${temporalDbFile(config.dataDir)})`
      : `Temporal             ${stack.temporalAddress} (existing server, TEMPORAL_ADDRESS)`,
    ...(stack.temporalUiUrl ? [`Temporal Web UI      ${stack.temporalUiUrl} (payloads encrypted; decoded by ${codecEndpoint(config)} for admins)`] : []),
    stack.postgres
      ? `PostgreSQL           127.0.0.1:${stack.postgres.port} (embedded, cluster ${stack.postgres.clusterDir})`
      : `PostgreSQL           ${redactUrl(stack.databaseUrl)} (existing server, DATABASE_URL)`,
  ];
}
