import { sql, type Kysely } from 'kysely';

// The pairings (结对关爱): their events (gapless seq per pairing), the read model folded from them,
// and the free text officials write (notes, needs, matters), kept out of the events and out of the
// workflows' histories, which carry only each text's id.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pairing_events')
    .addColumn('pairing_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('idempotency', 'jsonb')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pairing_events_pk', ['pairing_id', 'seq'])
    .execute();
  await db.schema.createIndex('pairing_events_type_idx').on('pairing_events').columns(['type', 'occurred_at']).execute();

  await db.schema
    .createTable('pairings')
    .addColumn('pairing_id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.person_id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('town', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage IN ('ACTIVE', 'CLOSED')`))
    .addColumn('official_sub', 'text', (c) => c.notNull())
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stage_entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .execute();
  // One open pairing per person: a second one is refused by this index.
  await sql`CREATE UNIQUE INDEX pairings_one_open_per_person ON pairings (person_id) WHERE stage = 'ACTIVE'`.execute(db);
  await db.schema.createIndex('pairings_official_idx').on('pairings').columns(['official_sub', 'opened_at']).execute();
  await db.schema.createIndex('pairings_town_idx').on('pairings').columns(['town', 'opened_at']).execute();
  await db.schema.createIndex('pairings_person_idx').on('pairings').column('person_id').execute();
  await sql`CREATE INDEX pairings_overdue_idx ON pairings (due_at) WHERE overdue`.execute(db);

  await db.schema
    .createTable('pairing_notes')
    .addColumn('pairing_id', 'text', (c) => c.notNull().references('pairings.pairing_id'))
    .addColumn('note_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('written_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pairing_notes_pk', ['pairing_id', 'note_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pairing_notes').ifExists().execute();
  await db.schema.dropTable('pairings').ifExists().execute();
  await db.schema.dropTable('pairing_events').ifExists().execute();
}
