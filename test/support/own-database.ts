/**
 * A database of a test file's own, migrated, for files whose figures must see only their own rows
 * (a payroll takes every payable month of the program). Created as the superuser (the application
 * role may not create databases), and named in the environment the API harness reads, so that the
 * harness started after it uses it.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createDb } from '../../store/connection';
import { migrateToLatest } from '../../store/migrator';
import { testAdminDatabaseUrl } from './stack';
import { TEST_ENV } from './stack-env';

export async function useOwnDatabase(prefix: string): Promise<string> {
  const shared = createDb(testAdminDatabaseUrl(), { max: 1 });
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await sql.raw(`CREATE DATABASE ${name}`).execute(shared);
  await shared.destroy();
  const url = new URL(testAdminDatabaseUrl());
  url.pathname = `/${name}`;
  process.env[TEST_ENV.databaseUrl] = url.toString();
  const own = createDb(url.toString(), { max: 1 });
  await migrateToLatest(own);
  await own.destroy();
  return url.toString();
}
