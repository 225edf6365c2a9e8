import type { Kysely } from 'kysely';

/**
 * Consecutive failures of a pairing's activities, as `enrolment_activity_failures` holds an
 * enrolment's: the stuck radar lists a pairing whose activity keeps failing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pairing_activity_failures')
    .addColumn('pairing_id', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_failure', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('pairing_activity_failures_pkey', ['pairing_id', 'activity'])
    .execute();
  await db.schema.createIndex('pairing_activity_failures_attempts_idx').on('pairing_activity_failures').column('attempts').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pairing_activity_failures').ifExists().execute();
}
