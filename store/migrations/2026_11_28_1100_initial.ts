import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_events')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('case_events_pkey', ['case_id', 'seq'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('town', 'text', (c) => c.notNull())
    .addColumn('hospital_id', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stage_entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('screened', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('eligible', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('surgery_completed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('total_billed_fen', 'bigint')
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .execute();
  // Lists are newest first, filtered by at most a few of these columns: keyset pages on (opened_at, case_id).
  await db.schema.createIndex('cases_opened_idx').on('cases').columns(['opened_at desc', 'case_id desc']).execute();
  await db.schema.createIndex('cases_stage_opened_idx').on('cases').columns(['stage', 'opened_at desc', 'case_id desc']).execute();
  await db.schema.createIndex('cases_town_opened_idx').on('cases').columns(['town', 'opened_at desc', 'case_id desc']).execute();
  await db.schema.createIndex('cases_hospital_opened_idx').on('cases').columns(['hospital_id', 'opened_at desc', 'case_id desc']).execute();
  await db.schema.createIndex('cases_overdue_idx').on('cases').columns(['opened_at desc', 'case_id desc']).where(sql.ref('overdue'), '=', true).execute();

  await db.schema
    .createTable('claims')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('reason', 'text')
    .addColumn('reference', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('explanation', 'text')
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('claims_case_idx').on('claims').column('case_id').execute();

  await db.schema
    .createTable('case_registrations')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('open', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('case_registrations_one_open_per_id_number')
    .on('case_registrations')
    .column('id_number')
    .unique()
    .where(sql.ref('open'), '=', true)
    .execute();

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

  await db.schema
    .createTable('sandbox_payer_settings')
    .addColumn('payer', 'text', (c) => c.primaryKey())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('failure_rate', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('latency_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sandbox_claims')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('activity_failures')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_failure', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_failures_pkey', ['case_id', 'activity'])
    .execute();
  await db.schema.createIndex('activity_failures_attempts_idx').on('activity_failures').column('attempts').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['activity_failures', 'sandbox_claims', 'sandbox_payer_settings', 'notifications', 'case_registrations', 'claims', 'cases', 'case_events']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
