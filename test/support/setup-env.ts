/**
 * Runs before every test file (jest `setupFiles`): installs the Temporal SDK runtime with a quiet
 * logger, and points the project's configuration (loadConfig) at the shared test stack so no test
 * ever reaches the user's `.data` or servers.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { TEST_ENV } from './stack-env';

try {
  Runtime.install({ logger: new DefaultLogger('ERROR') }); // retried activity failures are expected in tests: WARN would drown the report
} catch (error) {
  // Each test file gets a fresh module registry but the process keeps its runtime: already installed is fine.
  if (!(error instanceof Error && /already been instantiated|already installed|IllegalState/i.test(`${error.name} ${error.message}`))) throw error;
}

const stackEnv: Record<string, string | undefined> = {
  DATA_DIR: process.env[TEST_ENV.dataDir],
  DATABASE_URL: process.env[TEST_ENV.databaseUrl],
  MIGRATION_DATABASE_URL: process.env[TEST_ENV.ownerDatabaseUrl],
  TEMPORAL_ADDRESS: process.env[TEST_ENV.temporalAddress],
  TEMPORAL_NAMESPACE: process.env[TEST_ENV.temporalNamespace],
  PAYLOAD_KEYS: process.env[TEST_ENV.payloadKeys],
};
for (const [name, value] of Object.entries(stackEnv)) {
  if (value !== undefined) process.env[name] = value;
}
// A developer's shell settings must not change what the tests see; tests set these themselves.
for (const name of ['STAGE_SLA', 'PORT', 'TASK_QUEUE', 'AUTH_SECRET', 'POLICY_FILE', 'HOSPITALS_FILE', 'PAYERS', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'PG_PORT', 'PAYLOAD_KEY_ID', 'TEMPORAL_UI_ORIGIN']) {
  delete process.env[name];
}
process.env.LOG_LEVEL ??= 'warn';
