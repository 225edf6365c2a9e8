/**
 * Servers for fault tests. Tests that stop or kill a server get their OWN Temporal dev server (on
 * a SQLite file, so a restart finds every workflow again) or their OWN embedded PostgreSQL; tests
 * that only kill workers or the API get their own database on the fault run's PostgreSQL, so the
 * sandbox payers they slow down or take down are seen by no other test.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createDb } from '../../../store/connection';
import { migrateToLatest } from '../../../store/migrator';
import type { Database } from '../../../store/schema';
import { freePort, waitForPortFree } from '../../../dev/ports';
import { startTemporalServer, type TemporalServer } from '../../../dev/temporal-server';
import { startOwnPostgres as startPostgresProcess } from '../../support/own-postgres';
import { testAdminDatabaseUrl, testDataDir, testTemporalCli, uniqueId } from '../../support/stack';

/**
 * A folder for one test inside the run's data folder (removed by global teardown). Mode 0755 all
 * the way down: embedded PostgreSQL runs as the `postgres` user when the tests run as root.
 */
export function faultDataDir(name: string): string {
  const dir = path.join(testDataDir(), uniqueId(name));
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  return dir;
}

export interface OwnDatabase {
  url: string;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** A fresh, migrated database on the fault run's PostgreSQL. */
export async function createOwnDatabase(name: string): Promise<OwnDatabase> {
  const database = uniqueId(name).toLowerCase().replace(/[^a-z0-9]/g, '_');
  const admin = new pg.Client({ connectionString: testAdminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testAdminDatabaseUrl());
  url.pathname = `/${database}`;
  return openMigrated(url.toString(), name);
}

async function openMigrated(url: string, name: string): Promise<OwnDatabase> {
  const db = createDb(url, { max: 5, applicationName: `fault-${name}` });
  await migrateToLatest(db);
  return { url, db, close: () => db.destroy() };
}

export interface OwnTemporal {
  address: string;
  /** SIGKILL to the server's process group: no shutdown, nothing flushed by it. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and the same SQLite file. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A Temporal dev server of this test's own, persisting to `<dir>/temporal.db`. */
export async function startOwnTemporal(dir: string): Promise<OwnTemporal> {
  const port = await freePort();
  const options = { cliPath: testTemporalCli(), port, dbFile: path.join(dir, 'temporal.db'), logFile: path.join(dir, 'temporal.log') };
  let server: TemporalServer = await startTemporalServer(options);
  return {
    address: server.address,
    async kill() {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await server.exited;
      await server.stop();
    },
    async restart() {
      await waitForPortFree(port, 15_000);
      server = await startTemporalServer(options);
    },
    stop: () => server.stop(),
  };
}

export interface OwnPostgres extends OwnDatabase {
  /** A fast shutdown of the server (open connections are cut), waiting until it has exited. */
  stopServer(): Promise<void>;
  /** Starts the server again on the same port and cluster. */
  startServer(): Promise<void>;
}

/**
 * An embedded PostgreSQL of this test's own, its cluster in `<dir>/postgres`, run by a child
 * process (test/support/own-postgres.ts) so that stopping it is a real outage.
 */
export async function startOwnPostgres(dir: string): Promise<OwnPostgres> {
  let server = await startPostgresProcess({ dataDir: dir });
  const opened = await openMigrated(server.url, 'own-postgres');
  return {
    ...opened,
    stopServer: () => server.stop(),
    async startServer() {
      await waitForPortFree(server.port, 15_000);
      server = await startPostgresProcess({ dataDir: dir, port: server.port });
    },
    async close() {
      await opened.db.destroy();
      await server.stop();
    },
  };
}
