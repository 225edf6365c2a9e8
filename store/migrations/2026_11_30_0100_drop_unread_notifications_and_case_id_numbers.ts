import { sql, type Kysely } from 'kysely';

// Two things were written and never read. The notifications outbox: nothing ever delivered from it.
// The ID number copied onto each case's read model: the case's own state keeps it, the one-open-case
// rule keys on `case_registrations.id_number`, and the registry on `persons.id_number`; a copy in
// clear that no query reads is only one more place that holds it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').ifExists().execute();
  await db.schema.alterTable('cases').dropColumn('id_number').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('id_number', 'text').execute();
  await sql`update cases set id_number = state->'applicant'->>'idNumber'`.execute(db);
  await db.schema.alterTable('cases').alterColumn('id_number', (c) => c.setNotNull()).execute();
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('notifications_event_unique', ['case_id', 'seq'])
    .execute();
  await db.schema.createIndex('notifications_undelivered_idx').on('notifications').column('id').where(sql.ref('delivered_at'), 'is', null).execute();
}
