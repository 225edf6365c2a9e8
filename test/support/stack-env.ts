/**
 * The names of the environment variables through which the shared test stack (started once per
 * `npm test` run by global-setup.ts) reaches every test file. Jest workers inherit them.
 */
export const TEST_ENV = {
  temporalAddress: 'TEST_TEMPORAL_ADDRESS',
  temporalNamespace: 'TEST_TEMPORAL_NAMESPACE',
  /** The shared database as the application role (what the API and the worker use). */
  databaseUrl: 'TEST_DATABASE_URL',
  /** The same database as its owner role (migrations). */
  ownerDatabaseUrl: 'TEST_OWNER_DATABASE_URL',
  /** The same database as the superuser: for tests that create databases or end connections. */
  adminDatabaseUrl: 'TEST_ADMIN_DATABASE_URL',
  workflowBundle: 'TEST_WORKFLOW_BUNDLE',
  dataDir: 'TEST_DATA_DIR',
  temporalCli: 'TEST_TEMPORAL_CLI',
  /** PAYLOAD_KEYS of the run: one fresh key, shared by every test file and the processes they start. */
  payloadKeys: 'TEST_PAYLOAD_KEYS',
  /** Optional override of the workflows entry point to bundle (default: programs/workflows.ts). */
  workflowsPath: 'TEST_WORKFLOWS_PATH',
} as const;

export function requireTestEnv(name: (typeof TEST_ENV)[keyof typeof TEST_ENV]): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (its globalSetup, test/support/global-setup.ts, starts the test stack)`);
  return value;
}
