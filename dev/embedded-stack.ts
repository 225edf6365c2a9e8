/**
 * The infrastructure `npm run infra` and `npm start` run: the Temporal dev server (persisting
 * under DATA_DIR, Web UI on) unless TEMPORAL_ADDRESS is set, and embedded PostgreSQL unless
 * DATABASE_URL is set; then the database migrations.
 */
import path from 'node:path';
import type { Config } from '../config/config';
import { databaseUrl } from '../config/secrets';
import { createDb } from '../store/connection';
import { migrateToLatest } from '../store/migrator';
import { assertDistinctPorts, assertPortsFree } from './ports';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './postgres';
import { temporalCli } from './temporal-cli';
import { startTemporalServer, type TemporalServer } from './temporal-server';

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
  let temporal: TemporalServer | undefined;
  let postgres: EmbeddedPostgres | undefined;
  const stop = async () => {
    stopping = true;
    await Promise.allSettled([temporal?.stop(), postgres?.stop()]);
  };

  const results = await Promise.allSettled([
    wantTemporal
      ? temporalCli().then((cli) =>
          startTemporalServer({
            cliPath: cli.path,
            port: config.temporal.port,
            uiPort: config.temporal.uiPort,
            uiCodecEndpoint: codecEndpoint(config),
            namespace: config.temporal.namespace,
            dbFile: temporalDbFile(config.dataDir),
            logFile: path.join(config.dataDir, 'temporal.log'),
          }),
        )
      : Promise.resolve(undefined),
    wantPostgres ? startEmbeddedPostgres({ dataDir: config.dataDir, port: config.postgres.port }) : Promise.resolve(undefined),
  ]);
  if (results[0].status === 'fulfilled') temporal = results[0].value;
  if (results[1].status === 'fulfilled') postgres = results[1].value;
  // A root run may keep the cluster outside DATA_DIR: say where, and why, before anything else.
  if (postgres?.movedBecause) log(postgres.movedBecause);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0) {
    await stop();
    throw new Error(failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('\n'));
  }

  const url = postgres?.url ?? databaseUrl(config);
  try {
    const db = createDb(url, { max: 1, applicationName: 'assistance-cases-migrate' });
    try {
      const { results: applied } = await migrateToLatest(db);
      const names = (applied ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
      log(names.length > 0 ? `migrations applied: ${names.join(', ')}` : 'migrations: database is up to date');
    } finally {
      await db.destroy();
    }
  } catch (error) {
    await stop();
    throw new Error(`migrations on ${redactUrl(url)} failed: ${error instanceof Error ? error.message : String(error)}`);
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

/** Lines describing what runs where, for the terminal. */
/** The API's codec server, where the embedded Web UI decrypts payloads for an admin. */
export function codecEndpoint(config: Config): string {
  return `http://localhost:${config.port}/codec`;
}

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
