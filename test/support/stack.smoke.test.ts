import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrationsApplied } from '../../store/migrator';
import { registeredSearchAttributes } from '../../programs/catalogue';
import { requireTestEnv, TEST_ENV } from './stack-env';
import { PROJECT_ROOT } from './processes';
import { testConnection, testDb, testNamespace, uniqueId, workflowBundle } from './stack';

describe('shared test stack', () => {
  it('serves the test database with every migration applied', async () => {
    const db = testDb();
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
    expect(await migrationsApplied(db)).toBe(true);
    await db.destroy();
  });

  it('serves Temporal with the search attributes registered', async () => {
    const connection = await testConnection();
    const namespace = await connection.workflowService.describeNamespace({ namespace: testNamespace() });
    expect(namespace.namespaceInfo?.name).toBe(testNamespace());
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: testNamespace() });
    expect(Object.keys(customAttributes ?? {})).toEqual(expect.arrayContaining(Object.keys(registeredSearchAttributes())));
  });

  it('has built the workflow bundle once', () => {
    expect(fs.existsSync(requireTestEnv(TEST_ENV.workflowBundle))).toBe(true);
    expect(workflowBundle().code.length).toBeGreaterThan(1000);
  });

  it('points loadConfig at the test stack, never the user data', () => {
    expect(process.env.DATA_DIR).toBe(requireTestEnv(TEST_ENV.dataDir));
    // In the checkout's .test-data, or (a root run in a folder closed to the postgres user) a
    // folder of the system's temp folder named after it.
    const places = [path.join(PROJECT_ROOT, '.test-data') + path.sep, path.join(os.tmpdir(), 'test-data-')];
    expect(places.filter((place) => process.env.DATA_DIR!.startsWith(place))).toHaveLength(1);
    expect(process.env.DATABASE_URL).toBe(requireTestEnv(TEST_ENV.databaseUrl));
    expect(process.env.TEMPORAL_ADDRESS).toBe(requireTestEnv(TEST_ENV.temporalAddress));
  });

  it('makes unique ids', () => {
    expect(uniqueId('case')).not.toBe(uniqueId('case'));
  });
});
