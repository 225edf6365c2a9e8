/** `npm run migrate`: applies every pending migration as MIGRATION_DATABASE_URL (else DATABASE_URL, else the embedded database's owner role). */
import { loadConfig } from '../config/config';
import { migrationDatabaseUrl } from '../config/secrets';
import { createDb } from '../store/connection';
import { migrateToLatest } from '../store/migrator';

async function main(): Promise<void> {
  const db = createDb(migrationDatabaseUrl(loadConfig()), { max: 1, applicationName: 'migrate' });
  try {
    const { results } = await migrateToLatest(db);
    const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    console.log(JSON.stringify({ level: 'info', msg: applied.length > 0 ? 'migrations applied' : 'database already up to date', applied }));
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'migration failed', error: (error as Error).message }));
  process.exit(1);
});
