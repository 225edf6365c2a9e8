import type { Kysely } from 'kysely';

/**
 * Consecutive failures of an enrolment's activities, as `activity_failures` holds a surgery
 * case's: the stuck radar lists an enrolment whose activity keeps failing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enrolment_activity_failures')
    .addColumn('enrolment_id', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_failure', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('enrolment_activity_failures_pkey', ['enrolment_id', 'activity'])
    .execute();
  await db.schema.createIndex('enrolment_activity_failures_attempts_idx').on('enrolment_activity_failures').column('attempts').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enrolment_activity_failures').ifExists().execute();
}
