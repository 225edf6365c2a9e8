/**
 * Helpers for test files to use the shared test stack. Resources opened here are closed by an
 * afterAll hook registered when this module is imported (at the top of a test file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { projectClient } from '../../temporal/client';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { caseDataConverter, casePayloadCodec } from '../../codec/data-converter';
import { loadConfig } from '../../config/config';
import { createDb } from '../../store/connection';
import type { Database } from '../../store/schema';
import { requireTestEnv, TEST_ENV } from './stack-env';

const openDbs = new Set<Kysely<Database>>();
let connection: Promise<Connection> | undefined;
let client: Promise<Client> | undefined;
let bundle: { code: string } | undefined;
let payloadCodec: PayloadCodec | undefined;

/** A kysely instance on the test database. Destroy it when done (it is also destroyed after the file). */
export function testDb(): Kysely<Database> {
  const db = testDbClosedByCaller();
  openDbs.add(db);
  return db;
}

/**
 * A kysely instance on the test database that only its caller destroys: a worker's, destroyed once
 * the worker has stopped. Jest runs a file's afterAll hooks in the order they were declared, and
 * this module declares its own on import, before the file's: a `testDb()` would be gone while a
 * stopping worker still stores a case's events, which then retry until the shutdown gives up.
 */
export function testDbClosedByCaller(): Kysely<Database> {
  return createDb(requireTestEnv(TEST_ENV.databaseUrl), { max: 5, applicationName: 'test' });
}

/** The shared database as the application role, as the API and the worker reach it. */
export function testDatabaseUrl(): string {
  return requireTestEnv(TEST_ENV.databaseUrl);
}

/** The shared database as its owner role (the one that migrates). */
export function testOwnerDatabaseUrl(): string {
  return requireTestEnv(TEST_ENV.ownerDatabaseUrl);
}

/** The shared cluster as the superuser: to create a database of a test's own, or end connections. */
export function testAdminDatabaseUrl(): string {
  return requireTestEnv(TEST_ENV.adminDatabaseUrl);
}

export function testTemporalAddress(): string {
  return requireTestEnv(TEST_ENV.temporalAddress);
}

export function testNamespace(): string {
  return process.env[TEST_ENV.temporalNamespace] ?? 'default';
}

/** Absolute path of the Temporal CLI the stack uses (for tests that start their own server). */
export function testTemporalCli(): string {
  return requireTestEnv(TEST_ENV.temporalCli);
}

export function testDataDir(): string {
  return requireTestEnv(TEST_ENV.dataDir);
}

/** One gRPC connection per test file, closed after the file. */
export function testConnection(): Promise<Connection> {
  connection ??= Connection.connect({ address: testTemporalAddress() });
  return connection;
}

/** The project's data converter with the run's keys (TEST_PAYLOAD_KEYS): for every test client and worker. */
export function testDataConverter(): DataConverter {
  return caseDataConverter(testPayloadCodec());
}

export function testPayloadCodec(): PayloadCodec {
  payloadCodec ??= casePayloadCodec(loadConfig());
  return payloadCodec;
}

/** One Temporal client per test file, on testConnection(), with the project's data converter. */
export function testClient(): Promise<Client> {
  client ??= testConnection().then((c) => projectClient({ connection: c, namespace: testNamespace(), dataConverter: testDataConverter() }));
  return client;
}

/** The workflow bundle built once by global setup: pass it as `workflowBundle` to Worker.create. */
export function workflowBundle(): { code: string } {
  bundle ??= { code: fs.readFileSync(requireTestEnv(TEST_ENV.workflowBundle), 'utf8') };
  return bundle;
}

let counter = 0;
/** Unique across files, workers and runs (several runs may share one Temporal server or database). */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid.toString(36)}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}-${counter}`;
}

/** A task queue no other test uses, so its worker only sees its own workflows. */
export function uniqueTaskQueue(): string {
  return uniqueId('tq');
}

async function closeStackResources(): Promise<void> {
  const dbs = [...openDbs];
  openDbs.clear();
  await Promise.allSettled(dbs.map((db) => db.destroy()));
  const opened = connection;
  connection = undefined;
  client = undefined;
  if (opened) await opened.then((c) => c.close()).catch(() => undefined);
}

if (typeof afterAll === 'function') afterAll(closeStackResources);

/**
 * A fresh folder inside the test run's data folder (removed by global teardown). Unlike an
 * mkdtemp folder (0700) the `postgres` system user can enter it, which embedded PostgreSQL
 * needs when the tests run as root.
 */
export function tempDataDir(prefix: string): string {
  const dir = path.join(testDataDir(), uniqueId(prefix));
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  return dir;
}
