/**
 * Jest globalSetup: one Temporal dev server (in memory) and one embedded PostgreSQL for the whole
 * `npm test` run, on free ports, in `.test-data/<unique>/` (never the user's `.data`; under the system's
 * temp folder when the PostgreSQL user of a root run may not enter the checkout), migrations
 * applied, and the workflow bundle built once. Everything reaches test files through process.env
 * (workers inherit it); the handles stay in globalThis for global-teardown.ts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import type { EmbeddedPostgres } from '../../dev/postgres';
import { scratchDataDir } from '../../dev/postgres-placement';
import { freePorts } from '../../dev/ports';
import { migrateDatabase, startServers } from '../../dev/servers';
import type { TemporalServer } from '../../dev/temporal-server';
import { TEST_ENV } from './stack-env';

const ROOT = path.resolve(__dirname, '..', '..');
export const TEST_DATA_ROOT = path.join(ROOT, '.test-data');

export interface TestStackHandles {
  dataDir: string;
  temporal?: TemporalServer;
  postgres?: EmbeddedPostgres;
}

declare global {
  var __TEST_STACK__: TestStackHandles | undefined;
}

async function buildWorkflowBundle(dataDir: string): Promise<string> {
  const workflowsPath = process.env[TEST_ENV.workflowsPath] ?? require.resolve(path.join(ROOT, 'programs', 'workflows.ts'));
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  const file = path.join(dataDir, 'workflow-bundle.js');
  fs.writeFileSync(file, code);
  return file;
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const dataDir = scratchDataDir(TEST_DATA_ROOT, `${process.pid}-${Date.now().toString(36)}`);
  const handles: TestStackHandles = { dataDir };
  globalThis.__TEST_STACK__ = handles;

  const [temporalPort, postgresPort] = (await freePorts(2)) as [number, number];
  let bundleFile = '';
  try {
    const servers = await startServers({
      dataDir,
      temporal: { port: temporalPort },
      postgresPort,
      alongside: async () => (bundleFile = await buildWorkflowBundle(dataDir)),
    });
    handles.temporal = servers.temporal;
    handles.postgres = servers.postgres;
    process.env[TEST_ENV.temporalCli] = servers.temporalCli!.path;
    // As the embedded stack does: migrations as the owner role, everything else as the application role.
    await migrateDatabase(handles.postgres!.ownerUrl, 'test-global-setup');
  } catch (error) {
    // Jest does not run globalTeardown when globalSetup throws: clean up here.
    await Promise.allSettled([handles.temporal?.stop(), handles.postgres?.stop()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`test stack failed to start:\n${error instanceof Error ? error.message : String(error)}`);
  }

  process.env[TEST_ENV.temporalAddress] = handles.temporal!.address;
  process.env[TEST_ENV.temporalNamespace] = handles.temporal!.namespace;
  process.env[TEST_ENV.databaseUrl] = handles.postgres!.appUrl;
  process.env[TEST_ENV.ownerDatabaseUrl] = handles.postgres!.ownerUrl;
  process.env[TEST_ENV.adminDatabaseUrl] = handles.postgres!.url;
  process.env[TEST_ENV.workflowBundle] = bundleFile;
  process.env[TEST_ENV.dataDir] = dataDir;
  process.env[TEST_ENV.payloadKeys] = `test-run:${randomBytes(32).toString('base64')}`;
  console.log(`\ntest stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: Temporal ${handles.temporal!.address}, PostgreSQL port ${postgresPort}, data ${path.relative(ROOT, dataDir)}`);
}
