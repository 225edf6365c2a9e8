import { sql, type Kysely } from 'kysely';

// The monthly data match: each imported list (a batch, named by a hash of its content) and its
// rows. A row's ID number is sealed, with its blind index for matching against the registry; the
// rows whose names differ from the registry's wait here for a person to review them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('life_event_batches')
    .addColumn('batch_id', 'text', (c) => c.primaryKey())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('importer', 'jsonb', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('RUNNING', 'DONE')`))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'jsonb', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('life_event_batches_newest_idx').on('life_event_batches').columns(['imported_at', 'batch_id']).execute();

  await db.schema
    .createTable('life_event_batch_rows')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('life_event_batches.batch_id'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('id_number_sealed', 'text', (c) => c.notNull())
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('on_day', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('assistance_category', 'text')
    .addColumn(
      'status',
      'text',
      (c) => c.notNull().check(sql`status IN ('PENDING', 'APPLIED', 'ALREADY_APPLIED', 'NOT_IN_REGISTRY', 'QUEUED', 'ACCEPTED', 'REJECTED')`),
    )
    .addColumn('person_id', 'text')
    .addColumn('registry_name', 'text')
    .addColumn('effects', 'jsonb')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('life_event_batch_rows_pk', ['batch_id', 'row'])
    .execute();
  await sql`CREATE INDEX life_event_batch_rows_reviews_idx ON life_event_batch_rows (batch_id, row) WHERE status IN ('QUEUED', 'ACCEPTED', 'REJECTED')`.execute(db);
  await sql`CREATE INDEX life_event_batch_rows_pending_idx ON life_event_batch_rows (batch_id, row) WHERE status = 'PENDING'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('life_event_batch_rows').ifExists().execute();
  await db.schema.dropTable('life_event_batches').ifExists().execute();
}
