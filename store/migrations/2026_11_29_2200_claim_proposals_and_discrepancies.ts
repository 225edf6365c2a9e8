import { sql, type Kysely } from 'kysely';

// Read models for money settled by hand. `claim_proposals`: every resolution proposed by one
// administrator for another to approve (a partial index finds the ones waiting, over all cases).
// `payment_discrepancies`: where the ledger and a payer's own books disagree, for the stuck report.
// Both are projected from case_events and rebuilt with the other read models.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('claim_proposals')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('policy_amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('override_policy', 'boolean', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addPrimaryKeyConstraint('claim_proposals_pkey', ['case_id', 'proposal_id'])
    .execute();
  await sql`CREATE INDEX claim_proposals_waiting ON claim_proposals (proposed_at) WHERE state = 'PROPOSED'`.execute(db);

  await db.schema
    .createTable('payment_discrepancies')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('ledger_status', 'text', (c) => c.notNull())
    .addColumn('ledger_amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('payer_status', 'text', (c) => c.notNull())
    .addColumn('payer_amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('payer_reference', 'text')
    .addColumn('found_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_discrepancies_pkey', ['case_id', 'seq'])
    .execute();
  await db.schema.createIndex('payment_discrepancies_found_at').on('payment_discrepancies').column('found_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payment_discrepancies').ifExists().execute();
  await db.schema.dropTable('claim_proposals').ifExists().execute();
}
