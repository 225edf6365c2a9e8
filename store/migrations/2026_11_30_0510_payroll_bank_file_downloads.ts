import { sql, type Kysely } from 'kysely';

/**
 * Every download of a payroll's bank file (it holds full account numbers): who, with which role,
 * when and as what. Rows are only added; an audit reads them by payroll.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payroll_bank_file_downloads')
    .addColumn('download_id', 'bigserial', (c) => c.primaryKey())
    .addColumn('payroll_id', 'text', (c) => c.notNull())
    .addColumn('downloaded_by', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('downloaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('payroll_bank_file_downloads_payroll_idx').on('payroll_bank_file_downloads').columns(['payroll_id', 'downloaded_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payroll_bank_file_downloads').ifExists().execute();
}
