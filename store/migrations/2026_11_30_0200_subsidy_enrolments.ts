import { sql, type Kysely } from 'kysely';

// The subsidy enrolments: their events (gapless seq per enrolment, as a case's), the read model
// folded from them, the months each is owed, and the policies the decisions pinned, by version.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enrolment_events')
    .addColumn('enrolment_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('idempotency', 'jsonb')
    // An event's bank account, taken out of `data`: the one column to encrypt, for the events as for the read model.
    .addColumn('bank_account', 'jsonb')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('enrolment_events_pk', ['enrolment_id', 'seq'])
    .execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('enrolment_id', 'text', (c) => c.primaryKey())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.person_id'))
    .addColumn('town', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stage_entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    // The one place a bank account lives in the read model, so that it can be encrypted alone.
    .addColumn('bank_account', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .execute();
  // One open enrolment per person and program: a second application is refused by this index.
  await sql`CREATE UNIQUE INDEX enrolments_one_open_per_person ON enrolments (person_id, program) WHERE stage NOT IN ('REJECTED', 'WITHDRAWN', 'TERMINATED')`.execute(db);
  await db.schema.createIndex('enrolments_list_idx').on('enrolments').columns(['program', 'stage', 'town', 'enrolment_id']).execute();
  await db.schema.createIndex('enrolments_person_idx').on('enrolments').column('person_id').execute();
  await sql`CREATE INDEX enrolments_overdue_idx ON enrolments (enrolment_id) WHERE overdue`.execute(db);

  await db.schema
    .createTable('enrolment_months')
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.enrolment_id'))
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('PAYABLE', 'SUSPENDED', 'IN_PAYROLL', 'PAID', 'RETURNED')`))
    .addColumn('payroll_id', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('enrolment_months_once', ['program', 'enrolment_id', 'month'])
    .execute();
  await db.schema.createIndex('enrolment_months_payable_idx').on('enrolment_months').columns(['program', 'month', 'status']).execute();

  await db.schema
    .createTable('subsidy_policies')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('first_used_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('subsidy_policies').ifExists().execute();
  await db.schema.dropTable('enrolment_months').ifExists().execute();
  await db.schema.dropTable('enrolments').ifExists().execute();
  await db.schema.dropTable('enrolment_events').ifExists().execute();
}
