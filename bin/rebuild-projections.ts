/** `npm run rebuild-projections`: refolds the read models from case_events (safe while running). */
import { loadConfig } from '../config/config';
import { databaseUrl } from '../config/secrets';
import { createDb } from '../store/connection';
import { rebuildReadModels } from '../programs/surgery/store/event-store';

async function main(): Promise<void> {
  const db = createDb(databaseUrl(loadConfig()), { applicationName: 'rebuild-projections' });
  const started = Date.now();
  const rebuilt = await rebuildReadModels(db);
  console.log(JSON.stringify({ level: 'info', msg: 'read models rebuilt', cases: rebuilt, ms: Date.now() - started }));
  await db.destroy();
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'rebuild failed', error: (error as Error).message }));
  process.exit(1);
});
