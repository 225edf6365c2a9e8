import { sql, type Kysely } from 'kysely';

// The subsidies' monthly payrolls: the read model of each payroll, its lines (the ledger), and the
// sandbox bank's switches and own books. A month's payment status still lives in enrolment_months
// alone; the lines say which payroll carried it and what the bank answered.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payrolls')
    .addColumn('payroll_id', 'text', (c) => c.primaryKey())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage IN ('DRAFT', 'PENDING_APPROVAL', 'DISBURSING', 'RECONCILED')`))
    .addColumn('submitted_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('rejections', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('dropped', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('totals', 'jsonb', (c) => c.notNull())
    // The paid total as the bank's answers arrived; reconciliation compares it with the lines and the bank.
    .addColumn('paid_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('batch_count', 'integer')
    .addColumn('batches_done', 'integer', (c) => c.notNull().defaultTo(0))
    // The bank call that keeps failing (the stuck radar), and a reconciliation that does not agree.
    .addColumn('failing_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failure', 'text')
    .addColumn('failing_since', 'timestamptz')
    .addColumn('discrepancy', 'text')
    .addColumn('discrepancy_since', 'timestamptz')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stage_entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('payrolls_once_per_period', ['program', 'period'])
    .execute();
  // At most one payroll of a program is not yet reconciled.
  await sql`CREATE UNIQUE INDEX payrolls_one_open_per_program ON payrolls (program) WHERE stage <> 'RECONCILED'`.execute(db);

  await db.schema
    .createTable('payroll_lines')
    .addColumn('payroll_id', 'text', (c) => c.notNull().references('payrolls.payroll_id'))
    .addColumn('bank_key', 'text', (c) => c.notNull())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.enrolment_id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('DRAFT', 'SENT', 'PAID', 'RETURNED', 'DROPPED')`))
    .addColumn('reason', 'text')
    .addColumn('bank_reference', 'text')
    .addColumn('batch_no', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('payroll_lines_pk', ['payroll_id', 'bank_key'])
    .addCheckConstraint('payroll_lines_key_is_its_month', sql`bank_key = program || ':' || enrolment_id || ':' || month`)
    .execute();
  // Across every payroll, a program's enrolment and month is paid at most once.
  await sql`CREATE UNIQUE INDEX payroll_lines_paid_once ON payroll_lines (bank_key) WHERE status = 'PAID'`.execute(db);
  await db.schema.createIndex('payroll_lines_batch_idx').on('payroll_lines').columns(['payroll_id', 'batch_no']).execute();
  await db.schema.createIndex('payroll_lines_enrolment_idx').on('payroll_lines').columns(['enrolment_id', 'month']).execute();

  await db.schema
    .createTable('sandbox_bank_settings')
    .addColumn('bank', 'text', (c) => c.primaryKey())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('failure_rate', 'double precision', (c) => c.notNull())
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('return_accounts', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sandbox_bank_records')
    .addColumn('record_id', 'bigserial', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('payroll_id', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('PAID', 'RETURNED')`))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('sandbox_bank_records_once_per_payroll', ['payroll_id', 'key'])
    .execute();
  // The bank pays a key once, whichever payroll sends it again.
  await sql`CREATE UNIQUE INDEX sandbox_bank_paid_once ON sandbox_bank_records (key) WHERE status = 'PAID'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sandbox_bank_records').ifExists().execute();
  await db.schema.dropTable('sandbox_bank_settings').ifExists().execute();
  await db.schema.dropTable('payroll_lines').ifExists().execute();
  await db.schema.dropTable('payrolls').ifExists().execute();
}
